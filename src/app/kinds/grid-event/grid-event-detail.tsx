import type { KindDetail } from '../kind-detail';
import { EventCase } from './event-case';
import { gridEventDetailRows } from './grid-event-detail-rows';

export const gridEventDetail = {
  rows: gridEventDetailRows,
  Sections: ({ record }) => <EventCase record={record} />,
} satisfies KindDetail<'gridEvent'>;
