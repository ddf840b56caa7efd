import type { revealZhCN } from './reveal.zh-cn';

export const revealEn: Partial<Record<keyof typeof revealZhCN, string>> = {
  'reveal.title': 'Show full information',
  'reveal.notice':
    'This will be recorded: your account, the time, what you viewed and why go to the audit log (sent once online).',
  'reveal.reasonLegend': 'Reason',
  'reveal.note': 'Note',
  'reveal.notePlaceholder': 'Why do you need to see it?',
  'reveal.noteRequired': 'A note is required for "Other"',
  'reveal.confirm': 'Show it',
  'reveal.failed': 'Could not record this view, so nothing is shown. Try again.',
  'reveal.showLabel': 'Show full value',
  'reveal.hideLabel': 'Hide full value',
  'reveal.unsent': 'Views not yet reported',
  'reveal.rejected': 'View records refused by the server',
  'revealReason.contactParty': 'Contact the party',
  'revealReason.verifyIdentity': 'Verify identity',
  'revealReason.mediationFile': 'Mediation file / agreement',
  'revealReason.rentalRegistration': 'Rental registration check',
  'revealReason.policeReferral': 'Refer to police',
  'revealReason.other': 'Other (explain)',
};
