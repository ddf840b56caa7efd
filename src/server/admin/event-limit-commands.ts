/**
 * The admin CLI's 上报事件 time limits per street × level-one category × step (issue 12 §6), in
 * working days: a street changes only what differs from the defaults (event-supervision.ts), each
 * change checked before anything is stored and audited with what it replaced. The limits apply to
 * a step's clock when the step begins; a clock already running keeps its days.
 */
import { EVENT_CATEGORY_CODES } from '../../domain/event-categories';
import {
  EVENT_STEPS,
  type EventStep,
  type EventTimeLimitOverrides,
  eventTimeLimits,
  MAX_EVENT_LIMIT_WORKING_DAYS,
  type StepLimits,
  stepLimitsProblem,
} from '../../domain/event-supervision';
import { insertAuditEntry } from '../db/audit-log.repository';
import {
  deleteEventTimeLimits,
  findEventTimeLimits,
  saveEventTimeLimit,
} from '../db/event-time-limits.repository';
import { type AdminContext, AdminError, checkStreet } from './admin-commands';

const STEP_NAMES: Record<EventStep, string> = { accept: '受理', handle: '办理', verify: '验证' };

export interface EventLimitLine {
  categoryL1: string;
  step: EventStep;
  limits: StepLimits;
  /** The street set it (else the default is in force). */
  own: boolean;
}

/** Every category and step with the limits in force in the street. */
export async function showEventLimits(ctx: AdminContext, streetId: string): Promise<EventLimitLine[]> {
  await checkStreet(ctx, streetId, 'time limits');
  const overrides = (await findEventTimeLimits(ctx.db, [streetId])).get(streetId) ?? {};
  return EVENT_CATEGORY_CODES.flatMap((categoryL1) => {
    const limits = eventTimeLimits(overrides, categoryL1);
    return EVENT_STEPS.map((step) => ({
      categoryL1,
      step,
      limits: limits[step],
      own: overrides[categoryL1]?.[step] !== undefined,
    }));
  });
}

/** Sets one category's limits of one step in a street; answers them. */
export async function setEventLimits(
  ctx: AdminContext,
  input: { streetId: string; category: string; step: string; yellow: string; red: string },
): Promise<StepLimits> {
  await checkStreet(ctx, input.streetId, 'time limits');
  const categoryL1 = checkCategory(input.category);
  const step = checkStep(input.step);
  const limits = { yellow: wholeDays(input.yellow), red: wholeDays(input.red) };
  const problem = stepLimitsProblem(limits);
  if (problem === 'yellow')
    throw new AdminError(
      `--yellow must be a whole number of working days from 1 to ${MAX_EVENT_LIMIT_WORKING_DAYS}, got "${input.yellow}". Nothing was changed.`,
    );
  if (problem === 'red')
    throw new AdminError(
      `--red must be a whole number of working days after --yellow (${limits.yellow}) and at most ${MAX_EVENT_LIMIT_WORKING_DAYS}, got "${input.red}". Nothing was changed.`,
    );
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await findEventTimeLimits(trx, [input.streetId])).get(input.streetId) ?? {};
    const at = ctx.now().toISOString();
    await saveEventTimeLimit(trx, { streetId: input.streetId, categoryL1, step, limits }, at, ctx.actor);
    const after = (await findEventTimeLimits(trx, [input.streetId])).get(input.streetId) ?? {};
    await audit(ctx, trx, at, input.streetId, before, after);
  });
  return limits;
}

/** Returns a street's limits to the defaults: all, one category's, one step's or both; answers how many. */
export async function clearEventLimits(
  ctx: AdminContext,
  input: { streetId: string; category?: string | undefined; step?: string | undefined },
): Promise<number> {
  await checkStreet(ctx, input.streetId, 'time limits');
  const categoryL1 = input.category === undefined ? undefined : checkCategory(input.category);
  const step = input.step === undefined ? undefined : checkStep(input.step);
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await findEventTimeLimits(trx, [input.streetId])).get(input.streetId) ?? {};
    const removed = await deleteEventTimeLimits(trx, { streetId: input.streetId, categoryL1, step });
    if (removed === 0) return 0;
    const after = (await findEventTimeLimits(trx, [input.streetId])).get(input.streetId) ?? {};
    await audit(ctx, trx, ctx.now().toISOString(), input.streetId, before, after);
    return removed;
  });
}

/** How a step's limits read on the terminal: `办理 handle: yellow 5, red 10 working days`. */
export function formatLimits(step: EventStep, limits: StepLimits): string {
  return `${STEP_NAMES[step]} ${step}: yellow ${limits.yellow}, red ${limits.red} working days`;
}

async function audit(
  ctx: AdminContext,
  db: AdminContext['db'],
  at: string,
  streetId: string,
  before: EventTimeLimitOverrides,
  after: EventTimeLimitOverrides,
): Promise<void> {
  await insertAuditEntry(db, {
    at,
    userId: ctx.actor,
    action: 'admin.setEventLimits',
    before: { streetId, limits: before },
    after: { streetId, limits: after },
  });
}

function checkCategory(category: string): string {
  if ((EVENT_CATEGORY_CODES as readonly string[]).includes(category)) return category;
  throw new AdminError(
    `--category "${category}" is not a level-one event category. Categories: ${EVENT_CATEGORY_CODES.join(', ')}. Nothing was changed.`,
  );
}

function checkStep(step: string): EventStep {
  const known = EVENT_STEPS.find((candidate) => candidate === step);
  if (known) return known;
  const steps = EVENT_STEPS.map((s) => `${s} (${STEP_NAMES[s]})`).join(', ');
  throw new AdminError(`--step "${step}" is not a step. Steps: ${steps}. Nothing was changed.`);
}

/** A whole number as typed, else NaN (stepLimitsProblem then names the option). */
function wholeDays(raw: string): number {
  return /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
}
