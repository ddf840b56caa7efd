import type { refusalsZhCN } from './refusals.zh-cn';

export const refusalsEn: Record<keyof typeof refusalsZhCN, string> = {
  'err.unsafeText':
    'Contains invisible control characters (such as a tab) or direction marks; delete them and type again',
  'err.unsafeMultilineText':
    'Apart from line breaks, contains invisible control characters (such as a tab) or direction marks; delete them and type again',
  'err.deviceClock':
    'The phone’s clock is wrong: turn on automatic date and time in the phone’s settings, then save again',
  'rejectReason.deviceClock':
    'the phone’s clock is wrong (before 2020, or more than a day ahead of the server). Turn on automatic date and time in the phone’s settings, then open this record and save it again',
  'rejectReason.tooLarge':
    'the record is too large to upload (a very long patrol track, say); shorten it and save again',
  'rejectReason.fields': 'To fix:',
  'photo.refused': 'Photos refused by the server',
  'photo.refusedHint':
    'These photos will not be uploaded again: the file is damaged or too large. Remove them from the record and take them again',
};
