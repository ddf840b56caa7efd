/**
 * A record kind's form: one per kind in its folder, collected by kind-forms.ts, which only the
 * form screen loads.
 */
import type { ComponentType } from 'preact';
import type { RecordOfKind } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';

export interface KindForm<K extends RecordKind> {
  /** `/records/:id/edit`: the form prefilled with the record as the user saw it. */
  Edit: ComponentType<{ existing: RecordOfKind<K> }>;
  /** `/new/<slug>`: what creating one starts with (an inspection first asks which house). */
  New: ComponentType;
}
