/** What a list row shows for a record: a title and a subtitle, with names and phones masked (DOMAIN.md §6.2). */
import { maskName, maskPhone } from '../../domain/masking';
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
      return record.body.address;
    case 'dispute':
      return record.body.title;
    case 'rentalHouse':
      return record.body.address;
  }
}

/** Never shows a full name, phone or ID number: lists are what gets screenshotted and shared. */
export function recordSubtitle(record: GridRecord): string {
  switch (record.kind) {
    case 'patrol':
      return record.body.content.slice(0, 60);
    case 'rentalInspection': {
      const landlord = t('row.landlord', { name: maskName(record.body.landlordName) });
      const phone = record.body.landlordPhone ? ` ${maskPhone(record.body.landlordPhone)}` : '';
      return `${label('overallResult', record.body.overallResult)} · ${landlord}${phone}`;
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
