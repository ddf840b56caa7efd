import type { KindDetail } from '../kind-detail';
import { EventCase } from './event-case';
import { EVENT_SERVER_DECIDES, EventConflictNote } from './event-conflict-note';
import { gridEventDetailRows } from './grid-event-detail-rows';

export const gridEventDetail = {
  rows: gridEventDetailRows,
  Sections: ({ record }) => <EventCase record={record} />,
  conflict: { serverDecides: EVENT_SERVER_DECIDES, Note: EventConflictNote },
} satisfies KindDetail<'gridEvent'>;
