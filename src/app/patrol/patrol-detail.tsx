import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PatrolRecord } from '../../domain/record-envelope';
import { trackLengthM } from '../../domain/track-geometry';
import { t } from '../i18n/i18n';
import { activePatrolId } from '../lib/active-patrol';
import type { TrackMap as TrackMapComponent } from '../map/track-map';
import { LinkedRecords } from './linked-records';
import { formatDuration, formatKm } from './patrol-format';

type TrackMapType = FunctionComponent<Parameters<typeof TrackMapComponent>[0]>;

/** The track map's chunk carries maplibre-gl: fetched when a patrol with a track opens. */
function LazyTrackMap(props: Parameters<typeof TrackMapComponent>[0]) {
  const [Loaded, setLoaded] = useState<TrackMapType | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('../map/track-map').then(
      (m) => setLoaded(() => m.TrackMap),
      () => setFailed(true),
    );
  }, []);
  if (failed) return <p class="patrol-note">{t('patrolDetail.mapFailed')}</p>;
  return Loaded ? <Loaded {...props} /> : <div class="track-map" />;
}

/** 巡查概况, the track on a map (gaps left open) and the records made during the patrol. */
export function PatrolDetail({ record }: { record: PatrolRecord }) {
  const b = record.body;
  const track = (b.track ?? []).filter((segment) => segment.points.length > 0);
  const running = activePatrolId.value === record.id;
  const duration = b.endedAt ? Date.parse(b.endedAt) - Date.parse(b.startedAt) : undefined;
  return (
    <section class="patrol-detail" aria-label={t('patrolDetail.summary')}>
      {running && <p class="patrol-status patrol-status--weak">{t('patrolDetail.running')}</p>}
      <dl class="patrol-figures patrol-summary">
        <div>
          <dt>{t('patrolDetail.duration')}</dt>
          <dd>{duration === undefined ? '—' : formatDuration(duration)}</dd>
        </div>
        <div>
          <dt>{t('patrolDetail.distance')}</dt>
          <dd>{track.length > 0 ? formatKm(trackLengthM(track)) : '—'}</dd>
        </div>
        <div>
          <dt>{t('patrolDetail.findings')}</dt>
          <dd>{Object.values(b.findings).reduce((sum, n) => sum + n, 0)}</dd>
        </div>
      </dl>
      <h2 class="patrol-heading">{t('patrolDetail.track')}</h2>
      {track.length > 0 ? (
        <>
          <LazyTrackMap segments={track} label={t('patrolDetail.track')} />
          <p class="patrol-note">{t('patrolDetail.trackNote', { n: track.length })}</p>
        </>
      ) : (
        <p class="patrol-note">{t('patrolDetail.noTrack')}</p>
      )}
      <h2 class="patrol-heading">{t('patrolDetail.linked')}</h2>
      <LinkedRecords patrolId={record.id} empty={t('patrolDetail.noLinked')} />
    </section>
  );
}
