import type { ComponentChild } from 'preact';
import { maskIdNo, maskName, maskPhone } from '../../domain/masking';
import type { GridRecord } from '../../domain/record-envelope';
import { MaskedValue } from '../components/masked-value';
import { label, t } from '../i18n/i18n';
import { formatDateTime } from '../lib/format-time';

export type DetailRow = [string, ComponentChild];

function locationText(record: GridRecord): string {
  const point = record.body.location;
  if (!point) return t('detail.noLocation');
  const [lng, lat] = point.lngLat;
  const accuracy = point.accuracyM === undefined ? '' : ` ±${point.accuracyM}m`;
  return `${lat.toFixed(5)}, ${lng.toFixed(5)}${accuracy}`;
}

/** The body of a record as label/value rows, phones and ID numbers masked until revealed. */
export function detailRows(record: GridRecord): DetailRow[] {
  switch (record.kind) {
    case 'patrol': {
      const b = record.body;
      return [
        [t('patrol.patrolTypes'), b.patrolTypes.map((v) => label('patrolType', v)).join('、')],
        [t('patrol.startedAt'), formatDateTime(b.startedAt)],
        ...(b.endedAt ? [[t('patrol.endedAt'), formatDateTime(b.endedAt)] as DetailRow] : []),
        [t('patrol.householdsVisited'), String(b.householdsVisited)],
        [t('patrol.content'), <p class="detail__text">{b.content}</p>],
        [t('patrol.status'), label('patrolStatus', b.status)],
        [t('form.location'), locationText(record)],
      ];
    }
    case 'rentalInspection': {
      const b = record.body;
      return [
        [t('rental.address'), b.address],
        [t('rental.landlordName'), <MaskedValue value={b.landlordName} mask={maskName} />],
        ...(b.landlordPhone
          ? [
              [
                t('rental.landlordPhone'),
                <MaskedValue value={b.landlordPhone} mask={maskPhone} tel />,
              ] as DetailRow,
            ]
          : []),
        [t('rental.inspectionType'), label('inspectionType', b.inspectionType)],
        [t('rental.inspectedAt'), formatDateTime(b.inspectedAt)],
        [
          t('rental.checklist'),
          <ul class="detail__checklist">
            {b.checklist.map((entry) => (
              <li key={entry.itemCode} class={`check check--${entry.result}`}>
                <span class="check__result">{label('checkResult', entry.result)}</span>
                <span>
                  {label('checklist', entry.itemCode)}
                  {entry.note && <span class="check__note">{entry.note}</span>}
                </span>
              </li>
            ))}
          </ul>,
        ],
        [t('rental.overallResult'), label('overallResult', b.overallResult)],
        ...(b.rectificationDeadline ? [[t('rental.deadline'), b.rectificationDeadline] as DetailRow] : []),
        [t('rental.status'), label('inspectionStatus', b.status)],
        ...(b.remarks ? [[t('rental.remarks'), <p class="detail__text">{b.remarks}</p>] as DetailRow] : []),
        [t('form.location'), locationText(record)],
      ];
    }
    case 'dispute': {
      const b = record.body;
      return [
        [t('dispute.title'), b.title],
        [t('dispute.disputeType'), label('disputeType', b.disputeType)],
        [t('dispute.status'), label('disputeStatus', b.status)],
        [
          t('dispute.riskLevel'),
          <span class={`risk risk--${b.riskLevel}`}>{label('riskLevel', b.riskLevel)}</span>,
        ],
        [t('dispute.registeredAt'), formatDateTime(b.registeredAt)],
        ...(b.occurredAt ? [[t('dispute.occurredAt'), formatDateTime(b.occurredAt)] as DetailRow] : []),
        ...(b.place ? [[t('dispute.place'), b.place] as DetailRow] : []),
        [t('dispute.summary'), <p class="detail__text">{b.summary}</p>],
        [
          t('dispute.parties'),
          <ul class="detail__parties">
            {b.parties.map((p) => (
              <li key={p.id} class="detail__party">
                <span class="detail__party-role">
                  {label('partyRole', p.role)} · {label('partyType', p.partyType)}
                </span>
                <MaskedValue value={p.name} mask={maskName} />
                {p.phone && <MaskedValue value={p.phone} mask={maskPhone} tel />}
                {p.idNo && <MaskedValue value={p.idNo} mask={maskIdNo} />}
              </li>
            ))}
          </ul>,
        ],
        [t('form.location'), locationText(record)],
      ];
    }
  }
}
