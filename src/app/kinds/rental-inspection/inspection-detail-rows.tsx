/** The rows of a rental inspection's detail: the landlord's values masked until revealed. */
import { maskName, maskPhone } from '../../../domain/masking';
import type { RentalInspectionRecord } from '../../../domain/record-envelope';
import { MaskedValue } from '../../components/masked-value';
import { label, t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format-time';
import type { DetailRow } from '../kind-detail';

/** `location`: the record's location as text. */
export function inspectionDetailRows(record: RentalInspectionRecord, location: string): DetailRow[] {
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
      <MaskedValue value={b.landlordName} mask={maskName} recordId={record.id} field="body.landlordName" />,
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
    [t('form.location'), location, 'body.location'],
  ];
}
