/**
 * 下载本网格离线地图: a bottom sheet that first says how many tiles and about how many MB the
 * user's grids need (and how much storage the phone has), refuses above the per-download limit
 * with a way to narrow the zooms, then downloads with a cancellable progress bar and reports
 * failures with a retry. Tiles already cached are not fetched again, so a retry only fetches the rest.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { TileSource } from '../../domain/map-config';
import type { LocalGrid } from '../../sync/local-db';
import { TILE_DOWNLOAD_LIMIT } from '../../sync/tile-cache';
import { ChoiceGroup } from '../components/choice-group';
import { t } from '../i18n/i18n';
import { isOnline } from '../status/network';
import { offlinePlan } from './offline-plan';
import { type DownloadProgress, type DownloadResult, downloadTiles, sampleTileBytes } from './offline-tiles';

interface OfflineMapSheetProps {
  open: boolean;
  tiles: TileSource;
  grids: readonly LocalGrid[];
  onClose(): void;
}

interface StorageUse {
  used: number;
  free: number;
}

const BYTES_PER_MB = 1024 * 1024;

function formatSize(bytes: number): string {
  if (bytes < BYTES_PER_MB) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes >= 1024 * BYTES_PER_MB) return `${(bytes / 1024 / BYTES_PER_MB).toFixed(1)} GB`;
  return `${(bytes / BYTES_PER_MB).toFixed(bytes < 10 * BYTES_PER_MB ? 1 : 0)} MB`;
}

async function storageUse(): Promise<StorageUse | undefined> {
  try {
    const estimate = await navigator.storage?.estimate();
    if (!estimate) return undefined;
    const used = estimate.usage ?? 0;
    return { used, free: Math.max(0, (estimate.quota ?? 0) - used) };
  } catch {
    return undefined;
  }
}

function StorageLine({ use, after }: { use: StorageUse | undefined; after?: boolean }) {
  if (!use) return null;
  const params = { used: formatSize(use.used), free: formatSize(use.free) };
  return (
    <p class="offline-sheet__note">{t(after ? 'offlineMap.storageAfter' : 'offlineMap.storage', params)}</p>
  );
}

export function OfflineMapSheet({ open, tiles, grids, onClose }: OfflineMapSheetProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const maxZoom = useSignal(tiles.maxZoom);
  const sample = useSignal<{ bytes: number; samples: number } | undefined>(undefined);
  const storageBefore = useSignal<StorageUse | undefined>(undefined);
  const storageAfter = useSignal<StorageUse | undefined>(undefined);
  const progress = useSignal<DownloadProgress | undefined>(undefined);
  const result = useSignal<DownloadResult | undefined>(undefined);
  const busy = useSignal(false);
  const running = useRef<AbortController | undefined>(undefined);
  const online = isOnline.value;
  const plan = useMemo(
    () => offlinePlan(grids, tiles, maxZoom.value, location.origin),
    [grids, tiles, maxZoom.value],
  );

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
    if (open) void storageUse().then((use) => (storageBefore.value = use));
    else running.current?.abort();
  }, [open, storageBefore]);

  // Leaving the map stops a download; what was saved stays, and a later run fetches only the rest.
  useEffect(() => () => running.current?.abort(), []);

  // The estimate: a few tiles of the plan are fetched (and kept) to weigh the rest.
  useEffect(() => {
    sample.value = undefined;
    if (!open || plan.tooMany || plan.count === 0 || !online) return;
    const abort = new AbortController();
    void sampleTileBytes(plan.urls, abort.signal).then((measured) => {
      if (!abort.signal.aborted) sample.value = measured;
    });
    return () => abort.abort();
  }, [open, plan, online, sample]);

  const start = async () => {
    const abort = new AbortController();
    running.current = abort;
    busy.value = true;
    result.value = undefined;
    storageAfter.value = undefined;
    progress.value = { done: 0, failed: 0, total: plan.urls.length };
    const outcome = await downloadTiles(plan.urls, abort.signal, (next) => (progress.value = next));
    if (running.current === abort) running.current = undefined;
    busy.value = false;
    result.value = outcome;
    storageAfter.value = await storageUse();
  };

  const zoomOptions = [];
  for (let z = tiles.minZoom; z <= tiles.maxZoom; z++)
    zoomOptions.push({ value: String(z), label: t('offlineMap.zoomOption', { z }) });
  const zooms = t('offlineMap.zooms', { min: tiles.minZoom, max: maxZoom.value });
  const finished = result.value;
  const percent = progress.value
    ? Math.floor((100 * (progress.value.done + progress.value.failed)) / Math.max(1, progress.value.total))
    : 0;

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: only backdrop taps land here; the keyboard closes a modal dialog with Esc natively.
    <dialog
      ref={dialog}
      class="offline-sheet"
      aria-labelledby="offline-map-title"
      onClose={onClose}
      onClick={(event) => event.target === dialog.current && !busy.value && onClose()}
    >
      <div class="offline-sheet__panel">
        {/* Focus lands on the title, not on the first zoom chip (where it would look like a choice). */}
        <h2 class="offline-sheet__title" id="offline-map-title" tabIndex={-1} autofocus>
          {t('offlineMap.title')}
        </h2>
        <p class="offline-sheet__note">{t('offlineMap.intro')}</p>
        {zoomOptions.length > 1 && (
          <ChoiceGroup
            id="offline-max-zoom"
            legend={t('offlineMap.maxZoom')}
            look="chips"
            options={zoomOptions}
            value={String(maxZoom.value)}
            onValue={(value) => {
              if (busy.value) return;
              maxZoom.value = Number(value);
              progress.value = undefined;
              result.value = undefined;
            }}
          />
        )}
        {plan.count === 0 ? (
          <p class="offline-sheet__warn">{t('offlineMap.noGrids')}</p>
        ) : plan.tooMany ? (
          <p class="offline-sheet__warn" role="alert">
            {t('offlineMap.tooMany', { n: plan.count, limit: TILE_DOWNLOAD_LIMIT })}
          </p>
        ) : (
          <div class="offline-sheet__estimate" aria-live="polite">
            {sample.value ? (
              <>
                <p class="offline-sheet__big">
                  {t('offlineMap.estimate', {
                    n: plan.count,
                    size: formatSize(plan.count * sample.value.bytes),
                  })}
                </p>
                <p class="offline-sheet__note">
                  {sample.value.samples > 0
                    ? t('offlineMap.sampled', { n: sample.value.samples, zooms })
                    : t('offlineMap.guessed', { zooms })}
                </p>
              </>
            ) : (
              <p class="offline-sheet__big">
                {online ? t('offlineMap.estimating') : t('offlineMap.estimate', { n: plan.count, size: '?' })}
              </p>
            )}
          </div>
        )}
        {!online && <p class="offline-sheet__warn">{t('offlineMap.offline')}</p>}
        <StorageLine use={storageBefore.value} />
        {progress.value && (
          <div class="offline-sheet__progress">
            <progress
              max={progress.value.total}
              value={progress.value.done + progress.value.failed}
              aria-label={t('offlineMap.progressLabel')}
            />
            <p>
              {t('offlineMap.progress', {
                done: progress.value.done + progress.value.failed,
                total: progress.value.total,
                percent,
              })}
            </p>
          </div>
        )}
        {finished && (
          <div class="offline-sheet__result" role="status">
            {finished.quotaExceeded ? (
              <p class="offline-sheet__warn">{t('offlineMap.quota')}</p>
            ) : finished.cancelled ? (
              <p>{t('offlineMap.cancelled', { n: finished.done })}</p>
            ) : finished.failed > 0 ? (
              <p class="offline-sheet__warn">{t('offlineMap.failed', { n: finished.failed })}</p>
            ) : (
              <p class="offline-sheet__ok">{t('offlineMap.done', { n: finished.done })}</p>
            )}
            <StorageLine use={storageAfter.value} after />
          </div>
        )}
        <p class="offline-sheet__note">{t('offlineMap.evictNote')}</p>
        <div class="offline-sheet__actions">
          {busy.value ? (
            <button type="button" class="button button--secondary" onClick={() => running.current?.abort()}>
              {t('offlineMap.cancel')}
            </button>
          ) : (
            <button type="button" class="button button--secondary" onClick={onClose}>
              {t('offlineMap.close')}
            </button>
          )}
          <button
            type="button"
            class="button button--primary"
            disabled={busy.value || !online || plan.tooMany || plan.count === 0}
            onClick={() => void start()}
          >
            {finished && (finished.failed > 0 || finished.cancelled)
              ? t('offlineMap.retry')
              : t('offlineMap.start')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
