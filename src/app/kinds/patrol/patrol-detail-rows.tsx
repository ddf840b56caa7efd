/** The rows of a patrol log's detail. */
import type { PatrolRecord } from '../../../domain/record-envelope';
import { label, t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format-time';
import type { DetailRow } from '../kind-detail';

/** `location`: the record's location as text. */
export function patrolDetailRows(record: PatrolRecord, location: string): DetailRow[] {
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
    [t('form.location'), location, 'body.location'],
  ];
}
