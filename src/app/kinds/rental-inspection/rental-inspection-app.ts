import { maskName, maskNumbersInText } from '../../../domain/masking';
import { label, t } from '../../i18n/i18n';
import { shortAddress } from '../../lib/short-address';
import type { AppKind } from '../app-kind';

export const rentalInspectionApp = {
  slug: 'rental',
  colour: { token: '--c-rental', fallback: '#b9470b' },
  createFromHome: true,
  statusGroup: 'inspectionStatus',
  title: ({ body }) => maskNumbersInText(body.address),
  subtitle: ({ body }) =>
    `${label('overallResult', body.overallResult)} · ${t('row.landlord', { name: maskName(body.landlordName) })}`,
  taskSubject: (task, { body }) => {
    const hazard = body.hazards.find((h) => h.id === task.hazardId);
    const where = shortAddress(body.address);
    return hazard ? `${where} · ${hazard.description}` : where;
  },
} as const satisfies AppKind<'rentalInspection'>;
