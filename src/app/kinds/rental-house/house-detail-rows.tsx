/** The rows of a rental house's detail (一户一档): landlord values masked until revealed. */
import { maskIdNo, maskName, maskPhone } from '../../../domain/masking';
import type { RentalHouseRecord } from '../../../domain/record-envelope';
import { MaskedValue } from '../../components/masked-value';
import { label, t } from '../../i18n/i18n';
import type { DetailRow } from '../kind-detail';

/** `location`: the record's location as text. */
export function houseDetailRows(record: RentalHouseRecord, location: string): DetailRow[] {
  const b = record.body;
  const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no');
  return [
    [t('house.address'), b.address, 'body.address'],
    [
      t('house.houseType'),
      `${label('houseType', b.houseType)} · ${label('rentalUsage', b.rentalUsage)} · ${label('rentalMode', b.rentalMode)}`,
      'body.houseType',
    ],
    [
      t('house.rooms'),
      t('house.roomsValue', { rooms: b.roomCount, people: b.occupantCount }),
      'body.occupantCount',
    ],
    [
      t('house.landlord'),
      <MaskedValue value={b.landlordName} mask={maskName} recordId={record.id} field="body.landlordName" />,
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
      <MaskedValue value={b.landlordIdNo} mask={maskIdNo} recordId={record.id} field="body.landlordIdNo" />,
      'body.landlordIdNo',
    ],
    ...(b.managerName
      ? [
          [
            t('house.managerName'),
            <MaskedValue
              value={b.managerName}
              mask={maskName}
              recordId={record.id}
              field="body.managerName"
            />,
            'body.managerName',
          ] as DetailRow,
        ]
      : []),
    ...(b.managerPhone
      ? [
          [
            t('house.managerPhone'),
            <MaskedValue
              value={b.managerPhone}
              mask={maskPhone}
              tel
              recordId={record.id}
              field="body.managerPhone"
            />,
            'body.managerPhone',
          ] as DetailRow,
        ]
      : []),
    ...(b.propertyCompany
      ? [[t('house.propertyCompany'), b.propertyCompany, 'body.propertyCompany'] as DetailRow]
      : []),
    ...(b.leaseStart || b.leaseEnd
      ? [[t('house.lease'), `${b.leaseStart ?? '—'} ~ ${b.leaseEnd ?? '—'}`, 'body.leaseStart'] as DetailRow]
      : []),
    [
      t('house.leaseDeclared'),
      b.leaseDeclared && b.leaseFilingNo ? `${yesNo(true)} · ${b.leaseFilingNo}` : yesNo(b.leaseDeclared),
      'body.leaseDeclared',
    ],
    [
      t('house.responsibilityLetterSigned'),
      yesNo(b.responsibilityLetterSigned),
      'body.responsibilityLetterSigned',
    ],
    ...(b.managementCategory
      ? [
          [
            t('house.managementCategory'),
            label('managementCategory', b.managementCategory),
            'body.managementCategory',
          ] as DetailRow,
        ]
      : []),
    ...(b.remarks
      ? [[t('rental.remarks'), <p class="detail__text">{b.remarks}</p>, 'body.remarks'] as DetailRow]
      : []),
    [t('form.location'), location, 'body.location'],
  ];
}
