import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { TripItem } from '../../../../shared/index';
import { catalogues } from '../../i18n/index';
import { tripWriteError } from './write-error';

async function translator(lng: 'en' | 'ja') {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { translation: catalogues.en }, ja: { translation: catalogues.ja } },
    lng,
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const item = (id: string, title: string, start: string, end: string): TripItem => ({
  id,
  kind: 'hotel',
  title,
  start,
  end,
});
// Stored in this order; shown in the itinerary by start: the dinner (items.1) is shown first.
const items = [
  item('a', 'Hotel Okura', '2026-04-02T15:00:00+09:00', '2026-04-01T11:00:00+09:00'),
  item('b', 'Dinner', '2026-04-01T19:00:00+09:00', '2026-04-01T21:00:00+09:00'),
];

describe('tripWriteError', () => {
  it('names the item by its place in the itinerary and its title, the field, and the problem in words', async () => {
    const t = await translator('en');
    const text = tripWriteError(
      t,
      {
        ok: false,
        kind: 'invalid',
        errors: [
          { path: 'items.0.end', code: 'end-before-start' },
          { path: 'endDate', code: 'end-before-start' },
        ],
      },
      items,
    );
    expect(text).toBe(
      'The trip could not be saved. Item 2 (“Hotel Okura”), End: The end is before the start. ' +
        'Last day: The end is before the start.',
    );
    expect(text).not.toContain('end-before-start');
  });

  it('says the same in Japanese', async () => {
    const t = await translator('ja');
    const text = tripWriteError(
      t,
      { ok: false, kind: 'invalid', errors: [{ path: 'items.1.cost.currency', code: 'currency-unknown' }] },
      items,
    );
    expect(text).toBe(
      '旅行を保存できませんでした。項目 1（「Dinner」）の通貨：' +
        'ISO 4217 の3文字の通貨コードを入力してください（例：JPY、GBP）。',
    );
  });

  it('names an item it was not given by its index, words an unknown check, and gives a store failure its code', async () => {
    const t = await translator('en');
    expect(
      tripWriteError(t, { ok: false, kind: 'invalid', errors: [{ path: 'items.4.id', code: 'repeated' }] }),
    ).toBe('The trip could not be saved. Item 5: This item appears twice.');
    expect(
      tripWriteError(t, { ok: false, kind: 'invalid', errors: [{ path: 'timeZone', code: 'not-latin' }] }),
    ).toBe('The trip could not be saved. Client’s time zone: This is not valid.');
    expect(tripWriteError(t, { ok: false, kind: 'failed', code: 'NOT_FOUND' })).toBe(
      'The trip could not be saved (error NOT_FOUND). Nothing was changed.',
    );
  });
});
