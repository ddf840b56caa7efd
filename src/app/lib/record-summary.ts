/**
 * What a list row shows for a record: a title and a subtitle with person names masked and no phone
 * or ID number, not even masked (DOMAIN.md §6.2); numbers typed into free text are masked too.
 */
import { maskName, maskNumbersInText } from '../../domain/masking';
import type { GridRecord } from '../../domain/record-envelope';
import { label, t } from '../i18n/i18n';
import { formatShortDate } from './format-time';

export function recordTitle(record: GridRecord): string {
  switch (record.kind) {
    case 'patrol': {
      const types = record.body.patrolTypes.map((type) => label('patrolType', type)).join('、');
      return `${types} · ${formatShortDate(record.body.startedAt)}`;
    }
    case 'rentalInspection':
      return maskNumbersInText(record.body.address);
    case 'dispute':
      return maskNumbersInText(record.body.title);
    case 'rentalHouse':
      return maskNumbersInText(record.body.address);
  }
}

/** Never shows a full name, phone or ID number: lists are what gets screenshotted and shared. */
export function recordSubtitle(record: GridRecord): string {
  switch (record.kind) {
    case 'patrol':
      return maskNumbersInText(record.body.content).slice(0, 60);
    case 'rentalInspection': {
      const landlord = t('row.landlord', { name: maskName(record.body.landlordName) });
      return `${label('overallResult', record.body.overallResult)} · ${landlord}`;
    }
    case 'dispute': {
      const [a, b] = record.body.parties;
      const parties = a && b ? t('row.parties', { a: maskName(a.name), b: maskName(b.name) }) : '';
      return `${label('disputeStatus', record.body.status)} · ${parties}`;
    }
    case 'rentalHouse': {
      const b = record.body;
      const house = t('row.house', {
        type: label('houseType', b.houseType),
        rooms: b.roomCount,
        people: b.occupantCount,
      });
      return `${house} · ${t('row.landlord', { name: maskName(b.landlordName) })}`;
    }
  }
}
