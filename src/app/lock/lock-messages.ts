/** The lock screens' Chinese strings, added when the first of them loads (i18n/screen-messages.ts does the same for the other screens). */
import { lockZhCN } from '../i18n/areas/lock.zh-cn';
import { addScreenMessages } from '../i18n/i18n';

addScreenMessages(lockZhCN);
