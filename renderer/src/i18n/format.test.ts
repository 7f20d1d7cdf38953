import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

const at = Date.UTC(2027, 2, 12, 14, 5);

describe('dates in the UI', () => {
  it('reads day, month name and year in English, with a 24-hour time', () => {
    expect(formatDateTime(at, 'en-GB', 'UTC')).toBe('12 Mar 2027, 14:05');
    expect(formatDate(at, 'en-GB', 'UTC')).toBe('12 Mar 2027');
  });

  it('follows the Japanese order in Japanese', () => {
    expect(formatDateTime(at, 'ja', 'UTC')).toBe('2027/03/12 14:05');
    expect(formatDate(at, 'ja', 'UTC')).toBe('2027/03/12');
  });
});
