/**
 * The Chinese strings of the screens beyond home — forms, record details, the dispute case file,
 * rental checks, patrols, the map — loaded with those screens (app.tsx awaits this module before any lazy
 * screen), so the home screen's first chunk carries only its own strings.
 */
import { disputeZhCN } from './areas/dispute.zh-cn';
import { draftsZhCN } from './areas/drafts.zh-cn';
import { mapZhCN } from './areas/map.zh-cn';
import { patrolZhCN } from './areas/patrol.zh-cn';
import { refusalsZhCN } from './areas/refusals.zh-cn';
import { rentalZhCN } from './areas/rental.zh-cn';
import { addScreenMessages } from './i18n';

addScreenMessages({
  ...rentalZhCN,
  ...disputeZhCN,
  ...draftsZhCN,
  ...patrolZhCN,
  ...mapZhCN,
  ...refusalsZhCN,
});
