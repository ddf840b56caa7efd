/** The rows of a dispute's detail: the case, its parties (masked until revealed with a reason). */
import { maskAddress } from '../../../domain/address-masking';
import type { Party } from '../../../domain/dispute';
import { maskIdNo, maskName, maskPhone } from '../../../domain/masking';
import type { DisputeRecord, GridRecord } from '../../../domain/record-envelope';
import { MaskedValue } from '../../components/masked-value';
import { label, t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format-time';
import type { DetailRow } from '../kind-detail';

/** Where a party's masked value lives in its record, for the reveal's audit entry. */
function revealed(record: GridRecord, partyId: string, key: 'name' | 'phone' | 'idNo' | 'address') {
  return { recordId: record.id, field: `body.parties.${partyId}.${key}` };
}

/** 性别 · 年龄 · 职业 of a party, whatever of it was filled in. */
function partyFacts(p: Party): string {
  return [
    p.gender && label('gender', p.gender),
    p.age !== undefined && t('party.ageValue', { n: p.age }),
    p.occupation,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** `location`: the record's location as text. */
export function disputeDetailRows(record: DisputeRecord, location: string): DetailRow[] {
  const b = record.body;
  return [
    [t('dispute.title'), b.title, 'body.title'],
    [
      t('dispute.disputeType'),
      b.disputeSubType
        ? `${label('disputeType', b.disputeType)} · ${b.disputeSubType}`
        : label('disputeType', b.disputeType),
      'body.disputeType',
    ],
    [t('dispute.source'), label('disputeSource', b.source), 'body.source'],
    [
      t('dispute.involvedCount'),
      `${b.involvedCount} · ${label('disputeNature', b.nature)}`,
      'body.involvedCount',
    ],
    ...(b.involvedAmountYuan === undefined
      ? []
      : [
          [
            t('dispute.amount'),
            b.involvedAmountYuan.toLocaleString('zh-CN'),
            'body.involvedAmountYuan',
          ] as DetailRow,
        ]),
    ...(b.riskFlags && b.riskFlags.length > 0
      ? [
          [
            t('dispute.riskFlags'),
            b.riskFlags.map((f) => label('riskFlag', f)).join('、'),
            'body.riskFlags',
          ] as DetailRow,
        ]
      : []),
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
    ...(b.claims
      ? [[t('dispute.claims'), <p class="detail__text">{b.claims}</p>, 'body.claims'] as DetailRow]
      : []),
    [
      t('dispute.parties'),
      <ul class="detail__parties">
        {b.parties.map((p) => (
          <li key={p.id} class="detail__party">
            <span class="detail__party-role">
              {label('partyRole', p.role)} · {label('partyType', p.partyType)}
            </span>
            <MaskedValue value={p.name} mask={maskName} {...revealed(record, p.id, 'name')} />
            {partyFacts(p) && <span class="detail__party-role">{partyFacts(p)}</span>}
            {p.phone && (
              <MaskedValue value={p.phone} mask={maskPhone} tel {...revealed(record, p.id, 'phone')} />
            )}
            {p.idNo && <MaskedValue value={p.idNo} mask={maskIdNo} {...revealed(record, p.id, 'idNo')} />}
            {p.address && (
              <MaskedValue value={p.address} mask={maskAddress} {...revealed(record, p.id, 'address')} />
            )}
          </li>
        ))}
      </ul>,
      'body.parties',
    ],
    [t('form.location'), location, 'body.location'],
  ];
}
