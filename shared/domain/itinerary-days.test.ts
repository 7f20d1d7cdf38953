import { describe, expect, it } from 'vitest';
import { itineraryDays, type ItineraryDayItem } from './itinerary-days';

const checkUp: ItineraryDayItem = {
  id: 'checkup',
  kind: 'appointment',
  start: '2026-04-03T08:30:00+09:00',
  end: '2026-04-03T09:30:00+09:00',
  startTimeZone: 'Asia/Tokyo',
  endTimeZone: 'Asia/Tokyo',
};
const flight: ItineraryDayItem = {
  id: 'flight',
  kind: 'flight',
  start: '2026-04-01T19:00:00+01:00',
  end: '2026-04-02T16:00:00+09:00',
  startTimeZone: 'Europe/London',
  endTimeZone: 'Asia/Tokyo',
};
const hotel: ItineraryDayItem = {
  id: 'hotel',
  kind: 'hotel',
  start: '2026-04-01T15:00:00+09:00',
  end: '2026-04-04T11:00:00+09:00',
  startTimeZone: 'Asia/Tokyo',
  endTimeZone: 'Asia/Tokyo',
};

describe('itineraryDays', () => {
  it('reads an item at the time where it happens, with the client’s home time beside it', () => {
    const days = itineraryDays([checkUp], { homeZone: 'Europe/London' });
    expect(days.map((day) => day.date)).toEqual(['2026-04-03']);
    const line = days[0]!.lines[0]!;
    expect(line.line).toBe('event');
    expect([line.start.time, line.end.time, line.start.zone]).toEqual(['08:30', '09:30', 'Asia/Tokyo']);
    expect(line.home).toMatchObject({ zone: 'Europe/London' });
    expect([line.home!.start.date, line.home!.start.time]).toEqual(['2026-04-03', '00:30']);
  });

  it('leaves the home time out when the item happens in the home zone', () => {
    const [day] = itineraryDays([checkUp], { homeZone: 'Asia/Tokyo' });
    expect(day!.lines[0]!.home).toBeUndefined();
  });

  it('lists a flight once, on its departure day, landing the next day', () => {
    const days = itineraryDays([flight], { homeZone: 'Europe/London' });
    expect(days.map((day) => day.lines.length)).toEqual([1]);
    const line = days[0]!.lines[0]!;
    expect(line.line === 'event' && line.endDayOffset).toBe(1);
    expect([line.start.time, line.end.time, line.end.zone]).toEqual(['19:00', '16:00', 'Asia/Tokyo']);
  });

  it('shows a three-night stay as check-in, two staying lines and check-out, never 00:00–24:00', () => {
    const days = itineraryDays([hotel, checkUp], { homeZone: 'Asia/Tokyo' });
    expect(days.map((day) => [day.date, day.lines.map((line) => `${line.line}:${line.item.id}`)])).toEqual([
      ['2026-04-01', ['check-in:hotel']],
      ['2026-04-02', ['staying:hotel']],
      ['2026-04-03', ['staying:hotel', 'event:checkup']],
      ['2026-04-04', ['check-out:hotel']],
    ]);
  });

  it('draws every item in a fixed zone when asked, and keeps empty days of the range', () => {
    const days = itineraryDays([checkUp], {
      homeZone: 'Europe/London',
      fixedZone: 'Europe/London',
      range: { from: '2026-04-02', to: '2026-04-04' },
    });
    expect(days.map((day) => day.lines.length)).toEqual([0, 1, 0]);
    expect(days[1]!.lines[0]!.start.time).toBe('00:30');
    expect(days[1]!.lines[0]!.home).toBeUndefined();
  });

  it('leaves out items whose times cannot be used', () => {
    expect(itineraryDays([{ ...checkUp, end: 'nonsense' }], { homeZone: 'Asia/Tokyo' })).toEqual([]);
  });
});
