/** The rows of an event's detail: what was found, where, and how it is being handled. */
import { maskAddress } from '../../../domain/address-masking';
import { maskIdNo, maskName, maskNumbersInText, maskPhone } from '../../../domain/masking';
import type { GridEventRecord } from '../../../domain/record-envelope';
import { MaskedValue } from '../../components/masked-value';
import { label, t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format-time';
import type { DetailRow } from '../kind-detail';
import { subcategoryLabel } from './event-category-labels';

export function gridEventDetailRows(record: GridEventRecord, location: string): DetailRow[] {
  const b = record.body;
  const rows: (DetailRow | false | undefined)[] = [
    [t('event.title'), maskNumbersInText(b.title), 'body.title'],
    [
      t('event.categoryL1'),
      `${label('eventCategory', b.categoryL1)} · ${subcategoryLabel(b.categoryL1, b.categoryL2, b.categoryL2Label)}`,
      'body.categoryL1',
    ],
    [t('event.description'), maskNumbersInText(b.description), 'body.description'],
    [t('event.source'), label('eventSource', b.source), 'body.source'],
    [t('event.nature'), `${label('eventNature', b.nature)} · ${label('eventScale', b.scale)}`, 'body.nature'],
    b.occurredAt !== undefined && [t('event.occurredAt'), formatDateTime(b.occurredAt), 'body.occurredAt'],
    [t('event.reportedAt'), formatDateTime(b.reportedAt), 'body.reportedAt'],
    [t('event.reporter'), b.reportedByName ?? b.reportedBy, 'body.reportedBy'],
    b.address !== undefined && [t('event.address'), b.address, 'body.address'],
    (b.parties ?? []).length > 0 && [
      t('event.parties'),
      <ul class="detail__parties">
        {(b.parties ?? []).map((p) => {
          const at = (key: string) => ({ recordId: record.id, field: `body.parties.${p.id}.${key}` });
          return (
            <li key={p.id} class="detail__party">
              <MaskedValue value={p.name} mask={maskName} {...at('name')} />
              {p.phone && <MaskedValue value={p.phone} mask={maskPhone} tel {...at('phone')} />}
              {p.idNo && <MaskedValue value={p.idNo} mask={maskIdNo} {...at('idNo')} />}
              {p.address && <MaskedValue value={p.address} mask={maskAddress} {...at('address')} />}
            </li>
          );
        })}
      </ul>,
      'body.parties',
    ],
    location !== '' && [t('form.location'), location, 'body.location'],
    b.selfResolvedNote !== undefined && [
      t('event.selfResolvedNote'),
      b.selfResolvedNote,
      'body.selfResolvedNote',
    ],
    b.handlingNote !== undefined && [t('event.handlingNote'), b.handlingNote, 'body.handlingNote'],
    b.rejectReason !== undefined && [t('event.rejectReason'), b.rejectReason, 'body.rejectReason'],
    b.evaluation !== undefined && [
      t('event.evaluation'),
      [label('eventSatisfaction', b.evaluation.satisfaction), b.evaluation.comment]
        .filter(Boolean)
        .join(' · '),
      'body.evaluation',
    ],
  ];
  return rows.filter((row): row is DetailRow => Array.isArray(row));
}
