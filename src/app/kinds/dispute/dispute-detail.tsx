import { hasAgreementPaper } from '../../../domain/dispute-signatures';
import { PrintPaperButton } from '../../print/print-paper-button';
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
  // 调解成功 and after: the agreement to sign and print (打印调解协议书).
  MainAction: ({ record }) =>
    hasAgreementPaper(record.body) ? <PrintPaperButton recordId={record.id} paper="agreement" /> : null,
} satisfies KindDetail<'dispute'>;
