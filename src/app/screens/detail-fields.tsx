import type { ComponentChild } from 'preact';
import { maskName, maskPhone } from '../../domain/masking';
import type { GridRecord } from '../../domain/record-envelope';
import { MaskedValue } from '../components/masked-value';
import { label, t } from '../i18n/i18n';
import { formatDateTime } from '../lib/format-time';
import { disputeDetailRows } from './dispute-detail-rows';
import { houseDetailRows } from './house-detail-rows';

/** Label, value, and the field path it shows (`body.summary`), for the conflict screen's highlights. */
export type DetailRow = [string, ComponentChild, string?];

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
        [
          t('rental.address'),
          b.rentalHouseId ? (
            <>
              {b.address}{' '}
              <a class="detail__link" href={`/records/${b.rentalHouseId}`}>
                {t('inspection.houseRecord')}
              </a>
            </>
          ) : (
            b.address
          ),
          'body.address',
        ],
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
        ...(b.inspectors?.length
          ? [
              [
                t('inspection.inspectors'),
                b.inspectors.map((i) => i.name).join('、'),
                'body.inspectors',
              ] as DetailRow,
            ]
          : []),
        ...(b.jointUnits?.length
          ? [
              [
                t('inspection.jointUnits'),
                b.jointUnits.map((u) => label('jointUnit', u)).join('、'),
                'body.jointUnits',
              ] as DetailRow,
            ]
          : []),
        ...(b.presentPerson
          ? [
              [
                t('inspection.presentName'),
                <>
                  <MaskedValue
                    value={b.presentPerson.name}
                    mask={maskName}
                    recordId={record.id}
                    field="body.presentPerson.name"
                  />{' '}
                  ({label('presentRelation', b.presentPerson.relation)})
                </>,
                'body.presentPerson',
              ] as DetailRow,
            ]
          : []),
        [
          t('rental.checklist'),
          <>
            <p class="detail__text">
              {t('inspection.checklistSummary', {
                pass: b.checklist.filter((e) => e.result === 'pass').length,
                fail: b.checklist.filter((e) => e.result === 'fail').length,
                na: b.checklist.filter((e) => e.result === 'na').length,
              })}
            </p>
            <ul class="detail__checklist">
              {b.checklist
                .filter((entry) => entry.result === 'fail')
                .map((entry) => (
                  <li key={entry.itemCode} class={`check check--${entry.result}`}>
                    <span class="check__result">{label('checkResult', entry.result)}</span>
                    <span>
                      {label('checklist', entry.itemCode)}
                      {entry.note && <span class="check__note">{entry.note}</span>}
                    </span>
                  </li>
                ))}
            </ul>
          </>,
          'body.checklist',
        ],
        ...(b.occupantCountObserved !== undefined || b.unregisteredPersons !== undefined
          ? [
              [
                t('inspection.observed'),
                t('inspection.observedValue', {
                  people: b.occupantCountObserved ?? '—',
                  n: b.unregisteredPersons ?? '—',
                }),
                'body.occupantCountObserved',
              ] as DetailRow,
            ]
          : []),
        ...(b.noticeNo ? [[t('inspection.noticeNo'), b.noticeNo, 'body.noticeNo'] as DetailRow] : []),
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
    case 'dispute':
      return disputeDetailRows(record, locationText(record));
    case 'rentalHouse':
      return houseDetailRows(record, locationText(record));
  }
}
