/**
 * 处理冲突: mine and theirs side by side for every field that differs, the user's pick per field
 * (mine by default — nothing is dropped before the user decides), then one edit on top of the
 * server's revision. A record the other side deleted offers restore or accept.
 */
import { useSignal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import { useLocation, useRoute } from 'preact-iso/router';
import { differingFields } from '../../domain/merge';
import type { GridRecord } from '../../domain/record-envelope';
import { keepTheirs, resolveWith } from '../../sync/conflicts';
import { AppBar } from '../components/app-bar';
import { t } from '../i18n/i18n';
import { kindDetailOf } from '../kinds/kind-details';
import { formatDateTime, formatDateTimeSeconds } from '../lib/format-time';
import { useLiveQuery } from '../lib/use-live-query';
import { requestSync } from '../status/page-scheduler';
import { currentDb, session } from '../status/session';
import { detailRows } from './detail-fields';

type Side = 'mine' | 'theirs';

/** `body.parties.<id>` → `body.parties`: the screen offers whole fields. */
function topLevel(path: string): string {
  return path.split('.').slice(0, 2).join('.');
}

function fieldViews(record: GridRecord, gridName: (id: string) => string) {
  const views = new Map<string, { label: string; value: ComponentChild }>();
  for (const [label, value, path] of detailRows(record)) if (path) views.set(path, { label, value });
  views.set('gridId', { label: t('detail.grid'), value: gridName(record.gridId) });
  return views;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Two times that read alike to the minute are shown to the second, so the screen never offers a
 * choice between two values that look the same.
 */
export function timesToTheSecond(
  path: string,
  mine: GridRecord,
  theirs: GridRecord,
): [string, string] | undefined {
  if (!path.startsWith('body.')) return undefined;
  const key = path.slice(5);
  const a = (mine.body as Record<string, unknown>)[key];
  const b = (theirs.body as Record<string, unknown>)[key];
  if (typeof a !== 'string' || typeof b !== 'string' || !ISO_INSTANT.test(a) || !ISO_INSTANT.test(b))
    return undefined;
  if (formatDateTime(a) !== formatDateTime(b)) return undefined;
  return [formatDateTimeSeconds(a), formatDateTimeSeconds(b)];
}

/** Theirs, with the fields the user kept from mine copied over. */
function combine(mine: GridRecord, theirs: GridRecord, picks: Record<string, Side>): GridRecord {
  const body: Record<string, unknown> = { ...theirs.body };
  let gridId = theirs.gridId;
  for (const [path, side] of Object.entries(picks)) {
    if (side !== 'mine') continue;
    if (path === 'gridId') gridId = mine.gridId;
    const key = path.startsWith('body.') ? path.slice(5) : undefined;
    if (!key) continue;
    const value = (mine.body as Record<string, unknown>)[key];
    if (value === undefined) delete body[key];
    else body[key] = value;
  }
  return { ...theirs, gridId, body } as GridRecord;
}

export function ConflictScreen() {
  const { params } = useRoute();
  const { route } = useLocation();
  const db = currentDb.value;
  const row = useLiveQuery(
    async () => (db && params.id ? ((await db.records.get(params.id)) ?? null) : null),
    [db, params.id],
  );
  const grids = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]);
  const picks = useSignal<Record<string, Side>>({});
  const busy = useSignal(false);
  const back = `/records/${params.id ?? ''}`;

  if (row === undefined) return null;
  const theirs = row?.theirs;
  if (row?.syncState !== 'conflict' || !theirs || !db) {
    return (
      <div class="screen">
        <AppBar title={t('conflict.title')} back={back} />
        <p class="empty">{t('conflict.none')}</p>
      </div>
    );
  }
  const mine = row.record;
  const userId = session.value?.user.id ?? mine.updatedBy;
  const gridName = (id: string) => grids?.find((g) => g.id === id)?.name ?? id;
  const finish = async (work: () => Promise<void>) => {
    busy.value = true;
    try {
      await work();
      requestSync('save');
      route(back, true);
    } finally {
      busy.value = false;
    }
  };

  if (theirs.deleted) {
    return (
      <div class="screen screen--conflict">
        <AppBar title={t('conflict.title')} back={back} />
        <main class="conflict">
          <p class="conflict__intro">
            {t('conflict.deletedIntro', { at: formatDateTime(theirs.updatedAt) })}
          </p>
        </main>
        <div class="action-bar">
          <div class="action-bar__row">
            <button
              type="button"
              class="button button--secondary"
              disabled={busy.value}
              onClick={() => void finish(() => keepTheirs(db, mine.id))}
            >
              {t('conflict.acceptDelete')}
            </button>
            <button
              type="button"
              class="button button--primary"
              disabled={busy.value}
              onClick={() => void finish(() => resolveWith(db, mine.id, mine, userId))}
            >
              {t('conflict.restore')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  // A kind whose workflow the server decides keeps the server's workflow fields: the screen says
  // what happened there instead of offering them (mine would only be refused again).
  const workflow = kindDetailOf(mine).conflict;
  const differing = [
    ...new Set(
      differingFields(mine, theirs)
        .filter((p) => p !== 'deleted')
        .map(topLevel),
    ),
  ];
  const fields = differing.filter((path) => !workflow?.serverDecides.includes(path));
  const WorkflowNote = workflow && differing.length > fields.length ? workflow.Note : undefined;
  const mineViews = fieldViews(mine, gridName);
  const theirViews = fieldViews(theirs, gridName);
  const pickOf = (path: string): Side => picks.value[path] ?? 'mine';
  const pickAll = (side: Side) => (picks.value = Object.fromEntries(fields.map((f) => [f, side])));
  const submit = () => {
    const chosen = Object.fromEntries(fields.map((f) => [f, pickOf(f)]));
    const allTheirs = fields.every((f) => chosen[f] === 'theirs');
    return finish(() =>
      allTheirs ? keepTheirs(db, mine.id) : resolveWith(db, mine.id, combine(mine, theirs, chosen), userId),
    );
  };

  return (
    <div class="screen screen--conflict">
      <AppBar title={t('conflict.title')} back={back} />
      <main class="conflict">
        {/* Nothing to pick when only the workflow differs: the note says what happened instead. */}
        {(fields.length > 0 || !WorkflowNote) && (
          <p class="conflict__intro">{t('conflict.intro', { at: formatDateTime(theirs.updatedAt) })}</p>
        )}
        {WorkflowNote && <WorkflowNote mine={mine} theirs={theirs} />}
        {fields.length > 0 && (
          <div class="conflict__quick">
            <button type="button" class="button button--secondary" onClick={() => pickAll('mine')}>
              {t('conflict.allMine')}
            </button>
            <button type="button" class="button button--secondary" onClick={() => pickAll('theirs')}>
              {t('conflict.allTheirs')}
            </button>
          </div>
        )}
        {fields.map((path) => {
          const label = mineViews.get(path)?.label ?? theirViews.get(path)?.label ?? path;
          const precise = timesToTheSecond(path, mine, theirs);
          return (
            <fieldset class="conflict__field" key={path}>
              <legend class="field__label">{label}</legend>
              {(['mine', 'theirs'] as const).map((side) => {
                const view = (side === 'mine' ? mineViews : theirViews).get(path);
                const value = precise ? precise[side === 'mine' ? 0 : 1] : view?.value;
                return (
                  <label
                    key={side}
                    class={pickOf(path) === side ? 'conflict__option is-on' : 'conflict__option'}
                  >
                    <input
                      class="visually-hidden"
                      type="radio"
                      name={`pick-${path}`}
                      checked={pickOf(path) === side}
                      onChange={() => (picks.value = { ...picks.value, [path]: side })}
                    />
                    <span class="conflict__side">
                      {t(side === 'mine' ? 'conflict.mine' : 'conflict.theirs')}
                    </span>
                    <span class="conflict__value">{value ?? t('conflict.empty')}</span>
                  </label>
                );
              })}
            </fieldset>
          );
        })}
        <p class="list-note">{t('conflict.same', { n: Math.max(mineViews.size - fields.length, 0) })}</p>
      </main>
      <div class="action-bar">
        <button
          type="button"
          class="button button--primary button--block"
          disabled={busy.value}
          onClick={() => void submit()}
        >
          {t('conflict.submit')}
        </button>
      </div>
    </div>
  );
}
