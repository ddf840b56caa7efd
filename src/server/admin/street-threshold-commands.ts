/**
 * The admin CLI's per-street checklist thresholds (DOMAIN.md §8: 4 or 5 m² per person, 10 or 15
 * people for 群租, extinguisher sizes…). A street changes only what differs from the defaults; the
 * devices get the merged set with their grids on the next sync.
 */
import * as z from 'zod/mini';
import { streetThresholdOverridesSchema } from '../../domain/street-threshold-overrides';
import {
  DEFAULT_STREET_THRESHOLDS,
  type StreetThresholdOverrides,
  type StreetThresholds,
  streetThresholds,
} from '../../domain/street-thresholds';
import { insertAuditEntry } from '../db/audit-log.repository';
import { findStreetOverrides, saveStreetOverrides } from '../db/street-settings.repository';
import { type AdminContext, AdminError, checkStreet } from './admin-commands';

const KEYS = Object.keys(DEFAULT_STREET_THRESHOLDS);

/** The thresholds in force in a street and which of them it changed. */
export async function showStreetThresholds(
  ctx: AdminContext,
  streetId: string,
): Promise<{ thresholds: StreetThresholds; overridden: string[] }> {
  await checkStreet(ctx, streetId, 'thresholds');
  const overrides = (await findStreetOverrides(ctx.db, [streetId])).get(streetId) ?? {};
  return { thresholds: streetThresholds(overrides), overridden: Object.keys(overrides) };
}

/**
 * Sets `key=value` pairs over the street's current overrides (or over none with `reset`), checks
 * them with the shared schema, stores them and audits before/after in one transaction.
 */
export async function setStreetThresholds(
  ctx: AdminContext,
  input: { streetId: string; values: string | undefined; reset: boolean },
): Promise<StreetThresholds> {
  await checkStreet(ctx, input.streetId, 'thresholds');
  const changes = parsePairs(input.values ?? '');
  if (Object.keys(changes).length === 0 && !input.reset)
    throw new AdminError('Give --values key=value[,key=value], or --reset to return to the defaults.');
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await findStreetOverrides(trx, [input.streetId])).get(input.streetId) ?? {};
    const next = { ...(input.reset ? {} : before), ...changes };
    const parsed = z.safeParse(streetThresholdOverridesSchema, next);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))];
      throw new AdminError(
        `Out of range: ${fields.join(', ')}. Values are counts ≥ 1 (area in m², extinguisher size in kg); see DOMAIN.md §1.3.`,
      );
    }
    const at = ctx.now().toISOString();
    const after = parsed.data as StreetThresholdOverrides;
    await saveStreetOverrides(trx, input.streetId, after, at, ctx.actor);
    await insertAuditEntry(trx, {
      at,
      userId: ctx.actor,
      action: 'admin.setThresholds',
      before: { streetId: input.streetId, thresholds: before },
      after: { streetId: input.streetId, thresholds: after },
    });
    return streetThresholds(after);
  });
}

function parsePairs(values: string): Record<string, number> {
  const pairs: Record<string, number> = {};
  for (const part of values
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key = '', raw = ''] = part.split('=').map((p) => p.trim());
    if (!KEYS.includes(key))
      throw new AdminError(`Unknown threshold "${key}". Thresholds: ${KEYS.join(', ')}.`);
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) throw new AdminError(`"${key}" needs a number, got "${raw}".`);
    pairs[key] = value;
  }
  return pairs;
}
