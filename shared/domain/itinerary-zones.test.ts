import { describe, expect, it } from 'vitest';
import { runtimeTimeZones, zoneChoices, zoneFromInput, zoneLabel } from './itinerary-zones';

const zones = runtimeTimeZones();

describe('zones picked by city', () => {
  it('labels a zone by its city, in English and Japanese', () => {
    expect(zoneLabel('Asia/Tokyo', 'en-GB')).toBe('Tokyo (Asia/Tokyo)');
    expect(zoneLabel('Asia/Tokyo', 'ja')).toBe('東京 (Asia/Tokyo)');
    expect(zoneLabel('America/New_York', 'en-GB')).toBe('New York (America/New_York)');
    expect(zoneLabel('America/Argentina/Buenos_Aires', 'ja')).toBe(
      'Buenos Aires (America/Argentina/Buenos_Aires)',
    );
  });

  it('lists every zone the runtime knows, sorted by city', () => {
    const choices = zoneChoices(zones, 'en-GB');
    expect(choices).toHaveLength(zones.length);
    expect(choices.map((choice) => choice.label)).toContain('London (Europe/London)');
    const cities = choices.map((choice) => choice.city);
    expect(cities.indexOf('London')).toBeLessThan(cities.indexOf('Tokyo'));
  });

  it('resolves a picked label, an IANA name or a city name, and nothing else', () => {
    expect(zoneFromInput('Tokyo (Asia/Tokyo)', zones)).toBe('Asia/Tokyo');
    expect(zoneFromInput('東京 (Asia/Tokyo)', zones)).toBe('Asia/Tokyo');
    expect(zoneFromInput(' europe/london ', zones)).toBe('Europe/London');
    expect(zoneFromInput('London', zones)).toBe('Europe/London');
    expect(zoneFromInput('ロンドン', zones)).toBe('Europe/London');
    expect(zoneFromInput('new york', zones)).toBe('America/New_York');
    expect(zoneFromInput('Atlantis', zones)).toBeUndefined();
    expect(zoneFromInput('Tokyo (Mars/Olympus)', zones)).toBeUndefined();
    expect(zoneFromInput('', zones)).toBeUndefined();
  });
});
