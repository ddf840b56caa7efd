/**
 * Registers the strings of the screens beyond home (screen-strings.ts). app.tsx awaits this module
 * before any lazy screen, so the home screen's first chunk carries only its own strings.
 */
import { addScreenMessages } from './i18n';
import { screenStringsZhCN } from './screen-strings';

addScreenMessages(screenStringsZhCN);
