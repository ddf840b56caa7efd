import type { lockZhCN } from './lock.zh-cn';
import type { lockNoticesZhCN } from './lock-notices.zh-cn';

export const lockEn: Record<keyof typeof lockZhCN | keyof typeof lockNoticesZhCN, string> = {
  'lock.setTitle': 'Set an unlock PIN',
  'lock.setIntro':
    "Choose a 6-digit PIN. You enter it each time the app opens and after 10 minutes away, before residents' data is shown.",
  'lock.confirmTitle': 'Enter the PIN again',
  'lock.confirmIntro': 'Confirm the 6 digits you just chose.',
  'lock.trivial': 'That PIN is too easy to guess (repeated or consecutive digits). Choose another.',
  'lock.mismatch': 'The two PINs do not match. Set it again.',
  'lock.platformTitle': 'Unlock with fingerprint or face?',
  'lock.platformIntro':
    'This phone can check your fingerprint or face. Turn it on to unlock without typing; the PIN keeps working.',
  'lock.platformEnable': 'Use fingerprint / face unlock',
  'lock.platformSkip': 'Not now, PIN only',
  'lock.platformFailed': 'Fingerprint / face unlock could not be turned on. The PIN alone works.',
  'lock.unlockTitle': 'Enter PIN to unlock',
  'lock.unlockIntro': '{name}, Gridkeeper is locked.',
  'lock.platformUnlock': 'Unlock with fingerprint / face',
  'lock.platformRefused': 'Fingerprint / face was not verified. Enter the PIN.',
  'lock.wrong': 'Wrong PIN. {left} tries left.',
  'lock.wrongLast': 'Wrong PIN. One more wrong try signs you out (unsynced records stay on this phone).',
  'lock.checking': 'Checking…',
  'lock.forgot': 'Forgot the PIN? Sign in with your password',
  'lock.entered': '{count} of 6 digits entered',
  'lock.delete': 'Delete',
  'lock.notice.pin-attempts':
    'Wrong PIN 5 times: you were signed out. Unsynced records are still on this phone and upload after you sign in again; then set a new PIN.',
  'lock.notice.forgot-pin':
    'Signed out. Unsynced records are still on this phone; after signing in with your password, set a new PIN.',
  'lock.notice.wiped':
    'An administrator erased your data on this phone (including records not yet synced). Contact your administrator with any questions.',
};
