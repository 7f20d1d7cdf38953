import { describe, expect, it } from 'vitest';
import { isTime24, parseTime24, stepTime24 } from './time-24h';

describe('parseTime24', () => {
  it.each([
    ['08:30', '08:30'],
    ['8:30', '08:30'],
    ['0830', '08:30'],
    ['830', '08:30'],
    ['8', '08:00'],
    ['17', '17:00'],
    ['8.30', '08:30'],
    ['8h30', '08:30'],
    ['  23:59 ', '23:59'],
    ['00:00', '00:00'],
    ['０８：３０', '08:30'],
    ['１７３０', '17:30'],
  ])('reads %j as %s', (typed, stored) => {
    expect(parseTime24(typed)).toBe(stored);
  });

  it.each([
    '',
    ' ',
    '24:00',
    '12:60',
    '8:3',
    '08:300',
    '8:30 PM',
    '8:30am',
    'noon',
    '-1:00',
    '123456',
    '1:2:3',
  ])('refuses %j', (typed) => {
    expect(parseTime24(typed)).toBeUndefined();
  });

  it('gives back what it reads in the stored form', () => {
    for (let minute = 0; minute < 24 * 60; minute += 7) {
      const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      expect(parseTime24(time)).toBe(time);
      expect(isTime24(time)).toBe(true);
    }
  });
});

describe('isTime24', () => {
  it.each(['8:30', '24:00', '08:60', '0830', '', '08:30:00'])('refuses %j', (text) => {
    expect(isTime24(text)).toBe(false);
  });
});

describe('stepTime24', () => {
  it.each([
    ['08:30', 5, '08:35'],
    ['08:32', 5, '08:35'],
    ['08:32', -5, '08:30'],
    ['08:30', -5, '08:25'],
    ['23:58', 5, '00:00'],
    ['00:00', -5, '23:55'],
    ['08:30', 60, '09:00'],
    ['23:30', 60, '00:00'],
    ['', 5, '00:05'],
  ])('%s stepped by %i is %s', (time, by, next) => {
    expect(stepTime24(time, by)).toBe(next);
  });
});
