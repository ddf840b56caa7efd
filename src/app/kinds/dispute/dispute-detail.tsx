import type { KindDetail } from '../kind-detail';
import { DisputeCase } from './dispute-case';
import { disputeDetailRows } from './dispute-detail-rows';

export const disputeDetail = {
  rows: disputeDetailRows,
  Sections: ({ record, grid }) => (
    <DisputeCase
      record={record}
      {...(grid && { communityName: grid.communityName, streetName: grid.streetName })}
    />
  ),
} satisfies KindDetail<'dispute'>;
