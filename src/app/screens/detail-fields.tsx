import type { ComponentChild } from 'preact';
import { maskIdNo, maskName, maskPhone } from '../../domain/masking';
import type { GridRecord } from '../../domain/record-envelope';
import { MaskedValue } from '../components/masked-value';
import { label, t } from '../i18n/i18n';
import { formatDateTime } from '../lib/format-time';

/** Label, value, and the field path it shows (`body.summary`), for the conflict screen's highlights. */
export type DetailRow = [string, ComponentChild, string?];

function locationText(record: GridRecord): string {
  const point = record.body.location;
  if (!point) return t('detail.noLocation');
  const [lng, lat] = point.lngLat;
  const accuracy = point.accuracyM === undefined ? '' : ` ±${point.accuracyM}m`;
  return `${lat.toFixed(5)}, ${lng.toFixed(5)}${accuracy}`;
}

/** Where a party's masked value lives in its record, for the reveal's audit entry. */
function revealed(record: GridRecord, partyId: string, key: 'name' | 'phone' | 'idNo') {
  return { recordId: record.id, field: `body.parties.${partyId}.${key}` };
}

/** The body of a record as label/value rows, phones and ID numbers masked until revealed. */
export function detailRows(record: GridRecord): DetailRow[] {
  switch (record.kind) {
    case 'patrol': {
      const b = record.body;
      return [
        [
          t('patrol.patrolTypes'),
          b.patrolTypes.map((v) => label('patrolType', v)).join('、'),
          'body.patrolTypes',
        ],
        [t('patrol.startedAt'), formatDateTime(b.startedAt), 'body.startedAt'],
        ...(b.endedAt ? [[t('patrol.endedAt'), formatDateTime(b.endedAt), 'body.endedAt'] as DetailRow] : []),
        ...(b.weather ? [[t('patrolDetail.weather'), b.weather, 'body.weather'] as DetailRow] : []),
        ...(b.accompaniedBy && b.accompaniedBy.length > 0
          ? [
              [
                t('patrolDetail.companions'),
                b.accompaniedBy.map((c) => (c.duty ? `${c.name}（${c.duty}）` : c.name)).join('、'),
                'body.accompaniedBy',
              ] as DetailRow,
            ]
          : []),
        [t('patrol.householdsVisited'), String(b.householdsVisited), 'body.householdsVisited'],
        [
          t('patrolDetail.findings'),
          <span>
            {t('patrolDetail.findingsValue', {
              n: Object.values(b.findings).reduce((sum, n) => sum + n, 0),
              a: b.selfResolvedCount,
              b: b.reportedCount,
            })}
            {Object.entries(b.findings)
              .filter(([, n]) => n > 0)
              .map(([c, n]) => (
                <span class="check__note" key={c}>
                  {label('finding', c)} {n}
                </span>
              ))}
          </span>,
          'body.findings',
        ],
        ...(b.antiFraud
          ? [
              [
                t('patrolDetail.antiFraud'),
                Object.entries(b.antiFraud)
                  .map(([f, n]) => `${label('antiFraud', f)} ${n}`)
                  .join('，'),
                'body.antiFraud',
              ] as DetailRow,
            ]
          : []),
        [t('patrol.content'), <p class="detail__text">{b.content}</p>, 'body.content'],
        [t('patrol.status'), label('patrolStatus', b.status), 'body.status'],
        [t('form.location'), locationText(record), 'body.location'],
      ];
    }
    case 'rentalInspection': {
      const b = record.body;
      return [
        [t('rental.address'), b.address, 'body.address'],
        [
          t('rental.landlordName'),
          <MaskedValue
            value={b.landlordName}
            mask={maskName}
            recordId={record.id}
            field="body.landlordName"
          />,
          'body.landlordName',
        ],
        ...(b.landlordPhone
          ? [
              [
                t('rental.landlordPhone'),
                <MaskedValue
                  value={b.landlordPhone}
                  mask={maskPhone}
                  tel
                  recordId={record.id}
                  field="body.landlordPhone"
                />,
                'body.landlordPhone',
              ] as DetailRow,
            ]
          : []),
        [t('rental.inspectionType'), label('inspectionType', b.inspectionType), 'body.inspectionType'],
        [t('rental.inspectedAt'), formatDateTime(b.inspectedAt), 'body.inspectedAt'],
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
          'body.checklist',
        ],
        [t('rental.overallResult'), label('overallResult', b.overallResult), 'body.overallResult'],
        ...(b.rectificationDeadline
          ? [[t('rental.deadline'), b.rectificationDeadline, 'body.rectificationDeadline'] as DetailRow]
          : []),
        [t('rental.status'), label('inspectionStatus', b.status), 'body.status'],
        ...(b.remarks
          ? [[t('rental.remarks'), <p class="detail__text">{b.remarks}</p>, 'body.remarks'] as DetailRow]
          : []),
        [t('form.location'), locationText(record), 'body.location'],
      ];
    }
    case 'dispute': {
      const b = record.body;
      return [
        [t('dispute.title'), b.title, 'body.title'],
        [t('dispute.disputeType'), label('disputeType', b.disputeType), 'body.disputeType'],
        [t('dispute.status'), label('disputeStatus', b.status), 'body.status'],
        [
          t('dispute.riskLevel'),
          <span class={`risk risk--${b.riskLevel}`}>{label('riskLevel', b.riskLevel)}</span>,
          'body.riskLevel',
        ],
        [t('dispute.registeredAt'), formatDateTime(b.registeredAt), 'body.registeredAt'],
        ...(b.occurredAt
          ? [[t('dispute.occurredAt'), formatDateTime(b.occurredAt), 'body.occurredAt'] as DetailRow]
          : []),
        ...(b.place ? [[t('dispute.place'), b.place, 'body.place'] as DetailRow] : []),
        [t('dispute.summary'), <p class="detail__text">{b.summary}</p>, 'body.summary'],
        [
          t('dispute.parties'),
          <ul class="detail__parties">
            {b.parties.map((p) => (
              <li key={p.id} class="detail__party">
                <span class="detail__party-role">
                  {label('partyRole', p.role)} · {label('partyType', p.partyType)}
                </span>
                <MaskedValue value={p.name} mask={maskName} {...revealed(record, p.id, 'name')} />
                {p.phone && (
                  <MaskedValue value={p.phone} mask={maskPhone} tel {...revealed(record, p.id, 'phone')} />
                )}
                {p.idNo && <MaskedValue value={p.idNo} mask={maskIdNo} {...revealed(record, p.id, 'idNo')} />}
              </li>
            ))}
          </ul>,
          'body.parties',
        ],
        [t('form.location'), locationText(record), 'body.location'],
      ];
    }
    case 'rentalHouse': {
      const b = record.body;
      const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no');
      return [
        [t('house.address'), b.address, 'body.address'],
        [t('house.houseType'), label('houseType', b.houseType), 'body.houseType'],
        [
          t('house.rooms'),
          t('house.roomsValue', { rooms: b.roomCount, people: b.occupantCount }),
          'body.occupantCount',
        ],
        [
          t('house.landlord'),
          <MaskedValue
            value={b.landlordName}
            mask={maskName}
            recordId={record.id}
            field="body.landlordName"
          />,
          'body.landlordName',
        ],
        [
          t('house.landlordPhone'),
          <MaskedValue
            value={b.landlordPhone}
            mask={maskPhone}
            tel
            recordId={record.id}
            field="body.landlordPhone"
          />,
          'body.landlordPhone',
        ],
        [
          t('house.landlordIdNo'),
          <MaskedValue
            value={b.landlordIdNo}
            mask={maskIdNo}
            recordId={record.id}
            field="body.landlordIdNo"
          />,
          'body.landlordIdNo',
        ],
        [t('house.leaseDeclared'), yesNo(b.leaseDeclared), 'body.leaseDeclared'],
        [
          t('house.responsibilityLetterSigned'),
          yesNo(b.responsibilityLetterSigned),
          'body.responsibilityLetterSigned',
        ],
        [t('house.tenants'), t('house.tenantCount', { n: b.tenants.length }), 'body.tenants'],
        [t('form.location'), locationText(record), 'body.location'],
      ];
    }
  }
}
