/**
 * What a record kind shows on its detail screen (and the conflict screen's field list): one per
 * kind in its folder, collected by kind-details.ts, which only those lazy screens load.
 */
import type { ComponentChild, ComponentType } from 'preact';
import type { RecordOfKind } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import type { LocalGrid } from '../../sync/local-db';

/** Label, value, and the field path it shows (`body.summary`), for the conflict screen's highlights. */
export type DetailRow = [string, ComponentChild, string?];

export interface KindDetail<K extends RecordKind> {
  /** The body as label/value rows, phones and ID numbers masked until revealed; `location` as text. */
  rows(record: RecordOfKind<K>, location: string): DetailRow[];
  /** What needs doing, shown first: hazards to follow up, the case's next step, the house's risk. */
  Sections?: ComponentType<{ record: RecordOfKind<K>; grid: LocalGrid | undefined }>;
  /** The screen's main action beside 编辑 and 删除, if the kind has one (a house: 新建检查). */
  MainAction?: ComponentType<{ record: RecordOfKind<K> }>;
  /**
   * A kind whose workflow the server decides: the paths (`body.status`) a conflict always keeps
   * from the server's copy, and what the conflict screen says instead of offering them — what
   * happened on the server, and what the user may do now.
   */
  conflict?: {
    serverDecides: readonly string[];
    Note: ComponentType<{ mine: RecordOfKind<K>; theirs: RecordOfKind<K> }>;
  };
}
