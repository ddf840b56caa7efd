import { DisputeCase } from '../../dispute/dispute-case';
import { disputeDetailRows } from '../../screens/dispute-detail-rows';
import type { KindDetail } from '../kind-detail';

export const disputeDetail = {
  rows: disputeDetailRows,
  Sections: ({ record, grid }) => (
    <DisputeCase
      record={record}
      {...(grid && { communityName: grid.communityName, streetName: grid.streetName })}
    />
  ),
} satisfies KindDetail<'dispute'>;
