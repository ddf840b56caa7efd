import type { draftsZhCN } from './drafts.zh-cn';

export const draftsEn: Partial<Record<keyof typeof draftsZhCN, string>> = {
  'drafts.restored': 'Restored what you had not saved',
  'drafts.discard': 'Discard draft',
  'drafts.changedOnServer': 'Someone else changed this record; your changes will be merged when you save',
  'drafts.photosDropped': '{n} new photo(s) could not be kept; please take them again',
} as const;
