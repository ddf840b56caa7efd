import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { PATROL_TYPES, type PatrolType } from '../../domain/patrol';
import { startPatrol } from '../../sync/patrol-session';
import { AppBar } from '../components/app-bar';
import { ChoiceGroup } from '../components/choice-group';
import { GridPicker } from '../components/grid-picker';
import { useFormGrids } from '../forms/use-form-grids';
import { label, t } from '../i18n/i18n';
import { activePatrolId } from '../lib/active-patrol';
import { requestSync } from '../status/page-scheduler';
import { currentDb, session } from '../status/session';

/**
 * `/patrol/start`: what the patrol is for (工作类型, at least one — the log needs it and the
 * anti-fraud block depends on it), the grid when the worker has several, then 开始巡查. The patrol
 * record is created at once, so records made on the way can point to it.
 */
export function PatrolStartScreen() {
  const { route } = useLocation();
  const types = useSignal<PatrolType[]>([]);
  const missingTypes = useSignal(false);
  const failure = useSignal<string | undefined>(undefined);
  const starting = useSignal(false);
  const { grids, gridId, setGridId } = useFormGrids(undefined);

  useEffect(() => {
    if (activePatrolId.value) route('/patrol', true);
  }, [route]);

  const start = async () => {
    const db = currentDb.value;
    const user = session.value?.user;
    if (!db || !user || starting.value || !gridId) return;
    if (types.value.length === 0) {
      missingTypes.value = true;
      return;
    }
    starting.value = true;
    try {
      const record = await startPatrol(db, {
        gridId,
        patrolTypes: PATROL_TYPES.filter((type) => types.value.includes(type)),
        userId: user.id,
        now: new Date(),
        // Written when the patrol ends; a draft log may be empty until then.
        draftContent: '',
      });
      activePatrolId.value = record.id;
      requestSync('save');
      route('/patrol', true);
    } catch (error) {
      failure.value = error instanceof Error ? error.message : String(error);
      starting.value = false;
    }
  };

  return (
    <div class="screen screen--form">
      <AppBar title={t('patrolRun.startTitle')} back="/" />
      <main class="record-form patrol-start-form">
        {grids.length !== 1 && <GridPicker grids={grids} value={gridId} onValue={setGridId} />}
        <ChoiceGroup
          id="patrolTypes"
          legend={t('patrolRun.chooseTypes')}
          look="chips"
          multiple
          required
          options={PATROL_TYPES.map((type) => ({ value: type, label: label('patrolType', type) }))}
          value={types.value}
          onValue={(values) => {
            types.value = values as PatrolType[];
            missingTypes.value = false;
          }}
          error={missingTypes.value ? 'err.patrolTypes' : undefined}
        />
        <p class="patrol-note">{t('patrolRun.trackNotice')}</p>
        <div class="save-bar">
          {failure.value && (
            <p class="save-bar__message" role="alert">
              {t('patrolRun.startFailed', { message: failure.value })}
            </p>
          )}
          <button
            type="button"
            class="button button--primary button--block button--large"
            disabled={starting.value}
            onClick={() => void start()}
          >
            {starting.value ? t('patrolRun.starting') : t('patrolRun.startNow')}
          </button>
        </div>
      </main>
    </div>
  );
}
