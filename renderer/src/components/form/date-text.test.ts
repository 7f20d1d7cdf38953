import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCalendarDate } from '../../../../shared/domain/dates';
import { formatDateText, joinDateTime, parseTypedDate, splitDateTime, stepDate } from './date-text';

describe('parseTypedDate', () => {
  it.each([
    ['2027-03-12', '2027-03-12'],
    [' 2027-3-12 ', '2027-03-12'],
    ['2027/03/12', '2027-03-12'],
    ['2027.3.12', '2027-03-12'],
    ['20270312', '2027-03-12'],
    ['12 Mar 2027', '2027-03-12'],
    ['12 mar 2027', '2027-03-12'],
    ['12 March 2027', '2027-03-12'],
    ['12-Mar-2027', '2027-03-12'],
    ['12th March 2027', '2027-03-12'],
    ['12 Sept 2027', '2027-09-12'],
    ['12 Sep. 2027', '2027-09-12'],
    ['March 12, 2027', '2027-03-12'],
    ['Mar 12 2027', '2027-03-12'],
    ['2027 Mar 12', '2027-03-12'],
    ['Fri, 12 Mar 2027', '2027-03-12'],
    ['Friday 12 March 2027', '2027-03-12'],
    ['2027年3月12日', '2027-03-12'],
    ['2027年03月12日', '2027-03-12'],
    ['2027年3月12日(金)', '2027-03-12'],
    ['2027年3月12日 金曜日', '2027-03-12'],
    ['２０２７年３月１２日', '2027-03-12'],
    ['２０２７－０３－１２', '2027-03-12'],
    ['２０２７／３／１２（金）', '2027-03-12'],
    ['令和9年3月12日', '2027-03-12'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和60年3月14日', '1985-03-14'],
    ['29 Feb 2028', '2028-02-29'],
  ])('reads %j as %s', (typed, stored) => {
    expect(parseTypedDate(typed)).toBe(stored);
  });

  it.each([
    [''],
    ['   '],
    // Day-month or month-day: cannot be told apart, so never guessed.
    ['03/12/2027'],
    ['12/03/2027'],
    ['12.03.2027'],
    ['04/01/2027'],
    ['31/12/2027'],
    // Not real dates, or not whole.
    ['2027-02-29'],
    ['2027-13-01'],
    ['2027-04-31'],
    ['31 Apr 2027'],
    ['12 Mar'],
    ['12 Mar 27'],
    ['Marc 12 2027'],
    ['12 Foo 2027'],
    ['2027年2月30日'],
    ['令和0年1月1日'],
    ['0999-01-01'],
    ['tomorrow'],
    // A weekday that is not the date's.
    ['Thu, 12 Mar 2027'],
    ['2027年3月12日(木)'],
  ])('refuses %j', (typed) => {
    expect(parseTypedDate(typed)).toBeUndefined();
  });

  it('reads back every date it shows, in English and Japanese, with and without the weekday', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.constantFrom('en-GB', 'en', 'ja'),
        fc.boolean(),
        (year, month, day, language, weekday) => {
          const date = formatCalendarDate({ year, month, day });
          expect(parseTypedDate(formatDateText(date, language, weekday))).toBe(date);
        },
      ),
    );
  });
});

describe('formatDateText', () => {
  it('spells the month in English, day first, and writes Japanese dates with 年月日', () => {
    expect(formatDateText('2027-03-12', 'en-GB')).toBe('12 Mar 2027');
    expect(formatDateText('2027-04-01', 'en')).toBe('1 Apr 2027');
    expect(formatDateText('2027-03-12', 'ja')).toBe('2027年3月12日');
    expect(formatDateText('2027-03-12', 'ja', true)).toBe('2027年3月12日(金)');
    expect(formatDateText('2027-03-12', 'en-GB', true)).toMatch(/^Fri,? 12 Mar 2027$/);
  });

  it('shows what is not a stored date as it is', () => {
    expect(formatDateText('', 'en-GB')).toBe('');
    expect(formatDateText('03/12/2027', 'en-GB')).toBe('03/12/2027');
  });
});

describe('stepDate', () => {
  const now = Date.UTC(2027, 2, 12, 3);
  it('moves by days and by months, the day clamped to the month', () => {
    expect(stepDate('2027-03-12', { days: 1 })).toBe('2027-03-13');
    expect(stepDate('2027-03-01', { days: -1 })).toBe('2027-02-28');
    expect(stepDate('2027-01-31', { months: 1 })).toBe('2027-02-28');
    expect(stepDate('12 Mar 2027', { months: -1 })).toBe('2027-02-12');
  });
  it('goes to today where the device is from an empty or unreadable field', () => {
    expect(stepDate('', { days: 1 }, now, 'Asia/Tokyo')).toBe('2027-03-12');
    expect(stepDate('soon', { days: -1 }, now, 'America/New_York')).toBe('2027-03-11');
  });
});

describe('splitDateTime and joinDateTime', () => {
  it('split a datetime-local value and put it back together', () => {
    expect(splitDateTime('2027-03-12T09:30')).toEqual(['2027-03-12', '09:30']);
    expect(splitDateTime('')).toEqual(['', '']);
    // Unreadable text typed in the date (a weekday holds a T) stays the date's.
    expect(splitDateTime(joinDateTime('Thursday', '09:30'))).toEqual(['Thursday', '09:30']);
    expect(splitDateTime(joinDateTime('Tue', ''))).toEqual(['Tue', '']);
    expect(joinDateTime('', '')).toBe('');
    expect(joinDateTime('2027-03-12', '')).toBe('2027-03-12T');
  });
});
