/**
 * The 一户一档 detail beyond its rows: the explainable 风险评估, the tenants (masked until revealed,
 * each reveal audited), and the inspections of this house, newest first.
 */
import { useLocation } from 'preact-iso/router';
import { maskIdNo, maskName, maskPhone } from '../../../domain/masking';
import type { RentalHouseRecord, RentalInspectionRecord } from '../../../domain/record-envelope';
import { rentalRiskFacts } from '../../../domain/rental-risk-facts';
import { assessRentalRisk } from '../../../domain/risk-rules';
import { MaskedValue } from '../../components/masked-value';
import { useGridThresholds } from '../../lib/use-grid-thresholds';
import '../../forms/rental-forms.css';
import { label, t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format-time';
import { useLiveQuery } from '../../lib/use-live-query';
import { currentDb } from '../../status/session';

/** Inspections on this device that point at `houseId`, newest first. */
export function useHouseInspections(houseId: string): RentalInspectionRecord[] | undefined {
  const db = currentDb.value;
  return useLiveQuery(async () => {
    if (!db) return [];
    const rows = await db.records.where('kind').equals('rentalInspection').toArray();
    return rows
      .flatMap((row) =>
        row.record.kind === 'rentalInspection' &&
        !row.record.deleted &&
        row.record.body.rentalHouseId === houseId
          ? [row.record]
          : [],
      )
      .sort((a, b) => b.body.inspectedAt.localeCompare(a.body.inspectedAt));
  }, [db, houseId]);
}

export function HouseSections({ record }: { record: RentalHouseRecord }) {
  const { route } = useLocation();
  const inspections = useHouseInspections(record.id) ?? [];
  const b = record.body;
  const thresholds = useGridThresholds(record.gridId);
  const facts = rentalRiskFacts(
    b,
    inspections.map((i) => i.body),
    new Date(),
  );
  const risk = assessRentalRisk(facts, thresholds);
  const field = (tenantId: string, key: string) => ({
    recordId: record.id,
    field: `body.tenants.${tenantId}.${key}`,
  });
  return (
    <>
      {/* Which house this is, before anything else: the bar only says 出租房屋. */}
      <p class="house-title">{b.address}</p>
      <section class="house-risk" aria-labelledby="risk-title">
        <h2 class="section-title" id="risk-title">
          {t('house.risk')}
        </h2>
        <p class={`risk-chip risk-chip--${risk.level}`}>{label('riskLevel', risk.level)}</p>
        {risk.reasons.length > 0 ? (
          <ul class="risk-reasons">
            {risk.reasons.map((reason) => (
              <li key={reason.code} class={`risk risk--${reason.level}`}>
                {t(`rentalRisk.${reason.code}`, {
                  rooms: facts.roomCount,
                  people: facts.occupantCount,
                  n: facts.unregisteredPersons,
                  major: facts.openHazards.filter((h) => h.hazardLevel === 'major').length,
                  general: facts.openHazards.filter((h) => h.hazardLevel === 'general').length,
                  overdue: facts.openHazards.filter((h) => h.overdue).length,
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p class="field__hint">{t('house.noRisk')}</p>
        )}
      </section>

      <section class="house-tenants" aria-labelledby="tenants-title">
        <h2 class="section-title" id="tenants-title">
          {t('house.tenants')} · {t('house.tenantCount', { n: b.tenants.length })}
        </h2>
        <ul class="detail__parties">
          {b.tenants.map((tenant) => (
            <li key={tenant.id} class="detail__party">
              <MaskedValue value={tenant.name} mask={maskName} {...field(tenant.id, 'name')} />
              {tenant.phone && (
                <MaskedValue value={tenant.phone} mask={maskPhone} tel {...field(tenant.id, 'phone')} />
              )}
              {tenant.idNo && (
                <MaskedValue value={tenant.idNo} mask={maskIdNo} {...field(tenant.id, 'idNo')} />
              )}
              <span
                class={
                  tenant.residenceRegistration === 'none'
                    ? 'detail__party-role is-warn'
                    : 'detail__party-role'
                }
              >
                {label('residenceRegistration', tenant.residenceRegistration)}
                {tenant.residencePermit &&
                  ` · ${t('house.residencePermit')}:${label('residencePermit', tenant.residencePermit)}`}
                {tenant.isFloatingPopulation && ` · ${t('house.floatingShort')}`}
                {tenant.moveInDate && ` · ${t('house.moveInShort', { day: tenant.moveInDate })}`}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section class="house-inspections" aria-labelledby="inspections-title">
        <h2 class="section-title" id="inspections-title">
          {t('house.inspections', { n: inspections.length })}
        </h2>
        {inspections.length === 0 && <p class="field__hint">{t('house.noInspections')}</p>}
        <ul class="house-list">
          {inspections.map((inspection) => {
            const open = inspection.body.hazards.filter((h) => h.status !== 'closed').length;
            return (
              <li key={inspection.id}>
                <button
                  type="button"
                  class="house-list__item"
                  onClick={() => route(`/records/${inspection.id}`)}
                >
                  <span class="house-list__address">
                    {formatDateTime(inspection.body.inspectedAt)} ·{' '}
                    {label('inspectionType', inspection.body.inspectionType)}
                  </span>
                  <span class="house-list__meta">
                    {label('inspectionStatus', inspection.body.status)}
                    {' · '}
                    {t('house.hazardCount', { n: inspection.body.hazards.length, open })}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
