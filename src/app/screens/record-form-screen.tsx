import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import type { GridRecord } from '../../domain/record-envelope';
import type { LocalRecord } from '../../sync/local-db';
import { AppBar } from '../components/app-bar';
import { t } from '../i18n/i18n';
import { kindFromSlug } from '../kinds/app-kinds';
import { KIND_FORMS, kindFormOf } from '../kinds/kind-forms';
import { currentDb } from '../status/session';

function FormFor({ record }: { record: GridRecord }) {
  const { Edit } = kindFormOf(record);
  return <Edit existing={record} />;
}

/** `/new/:kind` and `/records/:id/edit`: the same form, empty or prefilled. */
export function RecordFormScreen() {
  const { params } = useRoute();
  const db = currentDb.value;
  // Read once, not live: the edit must be based on the version the user saw when the form opened,
  // so a change pulled meanwhile becomes a conflict or merge on the server, never a silent overwrite.
  const [editing, setEditing] = useState<LocalRecord | null | undefined>(undefined);
  useEffect(() => {
    if (!params.id || !db) return;
    let live = true;
    void db.records.get(params.id).then((row) => live && setEditing(row ?? null));
    return () => {
      live = false;
    };
  }, [params.id, db]);

  if (params.id) {
    if (editing === undefined) return null;
    if (editing === null || editing.record.deleted) {
      return (
        <div class="screen">
          <AppBar title={t('detail.title')} back="/" />
          <p class="empty">{t('form.notFound')}</p>
        </div>
      );
    }
    return <FormFor key={editing.id} record={editing.record} />;
  }

  const kind = kindFromSlug(params.kind);
  if (!kind) {
    return (
      <div class="screen">
        <AppBar title={t('app.name')} back="/" />
        <p class="empty">{t('form.notFound')}</p>
      </div>
    );
  }
  const { New } = KIND_FORMS[kind];
  return <New />;
}
