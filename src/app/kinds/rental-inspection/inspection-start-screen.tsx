/**
 * `/new/rental`: an inspection is of a 一户一档 house, so it starts by finding the house (type its
 * address) or registering a new one; `?house=<id>` opens the form prefilled from that house.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import type { RentalHouseRecord } from '../../../domain/record-envelope';
import { AppBar } from '../../components/app-bar';
import { RentalInspectionForm } from './rental-inspection-form';
import '../../forms/rental-forms.css';
import { t } from '../../i18n/i18n';
import { useLiveQuery } from '../../lib/use-live-query';
import { currentDb } from '../../status/session';

/** The user's houses (every one on the device), for the type-ahead. */
function useHouses(): RentalHouseRecord[] | undefined {
  const db = currentDb.value;
  return useLiveQuery(async () => {
    if (!db) return [];
    const rows = await db.records.where('kind').equals('rentalHouse').toArray();
    return rows.flatMap((row) =>
      row.record.kind === 'rentalHouse' && !row.record.deleted ? [row.record] : [],
    );
  }, [db]);
}

/** Houses whose address contains every typed word (so "湖滨 502" finds 湖滨新寓5栋502室). */
export function matchHouses(houses: readonly RentalHouseRecord[], text: string): RentalHouseRecord[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return houses
    .filter((house) => words.every((word) => house.body.address.includes(word)))
    .sort((a, b) => a.body.address.localeCompare(b.body.address, 'zh-CN'));
}

function HousePicker() {
  const { route } = useLocation();
  const houses = useHouses();
  const [text, setText] = useState('');
  const found = houses ? matchHouses(houses, text).slice(0, 30) : [];
  return (
    <div class="screen screen--form">
      <AppBar title={t('form.new.rentalInspection')} back="/" />
      <main class="record-form house-picker">
        <label class="field" for="houseSearch">
          <span class="field__label">{t('inspection.whichHouse')}</span>
          <input
            id="houseSearch"
            class="input"
            type="search"
            autoComplete="off"
            placeholder={t('inspection.searchHint')}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </label>
        {houses && found.length === 0 && (
          <p class="empty">{houses.length === 0 ? t('inspection.noHouses') : t('inspection.noMatch')}</p>
        )}
        <ul class="house-list" aria-label={t('inspection.houseList')}>
          {found.map((house) => (
            <li key={house.id}>
              <button
                type="button"
                class="house-list__item"
                onClick={() => route(`/new/rental?house=${house.id}`, true)}
              >
                <span class="house-list__address">{house.body.address}</span>
                <span class="house-list__meta">
                  {t('house.roomsValue', { rooms: house.body.roomCount, people: house.body.occupantCount })}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          class="button button--quiet button--block"
          onClick={() => route('/new/rental?house=none', true)}
        >
          {t('inspection.withoutHouse')}
        </button>
      </main>
      <div class="action-bar">
        <button
          type="button"
          class="button button--primary button--block button--large"
          onClick={() => route('/new/house?then=inspect')}
        >
          {t('inspection.registerHouse')}
        </button>
      </div>
    </div>
  );
}

function FormForHouse({ houseId }: { houseId: string }) {
  const db = currentDb.value;
  const house = useLiveQuery(
    async () => (db ? ((await db.records.get(houseId)) ?? null) : null),
    [db, houseId],
  );
  if (house === undefined) return null;
  const record = house?.record.kind === 'rentalHouse' && !house.record.deleted ? house.record : undefined;
  if (!record) {
    return (
      <div class="screen">
        <AppBar title={t('form.new.rentalInspection')} back="/new/rental" />
        <p class="empty">{t('form.notFound')}</p>
      </div>
    );
  }
  return <RentalInspectionForm key={record.id} house={{ id: record.id, body: record.body }} />;
}

export function InspectionStart() {
  const { query } = useLocation();
  if (query.house === 'none') return <RentalInspectionForm />;
  if (query.house) return <FormForHouse houseId={query.house} />;
  return <HousePicker />;
}
