/**
 * What a record kind is in the app: how it looks and lists. One definition per kind, in its folder
 * under src/app/kinds/, collected by app-kinds.ts (loaded with the home screen) — the kind's
 * screens (form, detail, workflow) are in kind-screens.ts, which only the lazy screens load.
 */
import type { RecordOfKind } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import type { TodayTask } from '../../domain/today-tasks';

export interface AppKind<K extends RecordKind> {
  /** The URL segment: `/new/rental` reads better than `/new/rentalInspection`. */
  slug: string;
  /** Its colour (a token of base.css): the list mark, the create button and the map marker. */
  colour: { token: `--c-${string}`; fallback: `#${string}` };
  /** Whether 首页 offers it among the create buttons (a house is registered from an inspection). */
  createFromHome: boolean;
  /** The i18n group of its status labels (`label(group, status)`). */
  statusGroup: string;
  /** The list row: a title and a subtitle, names masked, never a phone or ID number, not even masked. */
  title(record: RecordOfKind<K>): string;
  subtitle(record: RecordOfKind<K>): string;
  /** What one of its 今日待办 tasks is about. */
  taskSubject(task: TodayTask, record: RecordOfKind<K>): string;
}
