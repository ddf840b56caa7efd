/**
 * The Chinese strings of the screens beyond home — each kind's forms, details and workflow (from
 * its folder in kinds/), the step sheet, drafts, the map, refusals — merged. Loaded with those
 * screens (screen-messages.ts), so the home screen's first chunk carries only its own strings; the
 * bundle test reads this same list.
 */
import { disputeStringsZhCN } from '../kinds/dispute/dispute-strings.zh-cn';
import { gridEventStringsZhCN } from '../kinds/grid-event/grid-event-strings.zh-cn';
import { patrolStringsZhCN } from '../kinds/patrol/patrol-strings.zh-cn';
import { rentalHouseStringsZhCN } from '../kinds/rental-house/rental-house-strings.zh-cn';
import { rentalInspectionStringsZhCN } from '../kinds/rental-inspection/rental-inspection-strings.zh-cn';
import { workflowStringsZhCN } from '../workflow/workflow-strings.zh-cn';
import { draftsZhCN } from './areas/drafts.zh-cn';
import { mapZhCN } from './areas/map.zh-cn';
import { overviewZhCN } from './areas/overview.zh-cn';
import { printZhCN } from './areas/print.zh-cn';
import { refusalsZhCN } from './areas/refusals.zh-cn';
import { reviewScreensZhCN } from './areas/review-screens.zh-cn';

export const screenStringsZhCN = {
  ...rentalHouseStringsZhCN,
  ...rentalInspectionStringsZhCN,
  ...disputeStringsZhCN,
  ...gridEventStringsZhCN,
  ...patrolStringsZhCN,
  ...workflowStringsZhCN,
  ...draftsZhCN,
  ...mapZhCN,
  ...overviewZhCN,
  ...refusalsZhCN,
  ...reviewScreensZhCN,
  ...printZhCN,
} as const;
