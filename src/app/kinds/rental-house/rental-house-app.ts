import { maskName, maskNumbersInText } from '../../../domain/masking';
import { label, t } from '../../i18n/i18n';
import type { AppKind } from '../app-kind';

export const rentalHouseApp = {
  slug: 'house',
  colour: { token: '--c-house', fallback: '#6d4c41' },
  createFromHome: false,
  statusGroup: 'rentalHouseStatus',
  title: ({ body }) => maskNumbersInText(body.address),
  subtitle: ({ body }) => {
    const house = t('row.house', {
      type: label('houseType', body.houseType),
      rooms: body.roomCount,
      people: body.occupantCount,
    });
    return `${house} · ${t('row.landlord', { name: maskName(body.landlordName) })}`;
  },
  taskSubject: () => '',
} as const satisfies AppKind<'rentalHouse'>;
