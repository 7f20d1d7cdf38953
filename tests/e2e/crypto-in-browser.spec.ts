import { expect, test } from '../support/fixtures';
import fc from 'fast-check';
import type { StorePageApi } from '../support/store-page/api';
import { decodeBase64UrlInJs, toBase64UrlInJs } from '../../shared/crypto/encoding';

// Chromium decodes envelopes with its native Uint8Array.fromBase64; Node (the unit tests) has none. This holds
// the native path to the JavaScript one, which the unit tests hold to libsodium: same bytes, same refusals.
test("the browser's native base64url accepts and refuses exactly what the JavaScript decoder does", async ({
  page,
  storePageUrl,
}) => {
  const char = fc.constantFrom(
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
    ...'AQgw-_=+/ \n\t.é語',
  );
  const texts = [
    ...fc.sample(fc.string({ unit: char, maxLength: 12 }), 3000),
    ...fc.sample(fc.uint8Array({ maxLength: 64 }), 500).map(toBase64UrlInJs),
    ...[
      '',
      'A',
      'AA',
      'AB',
      'AAB',
      'AA==',
      'AAA=',
      'AA=',
      '+/8',
      '-_8',
      'AA AA',
      'AAAA AAA',
      'AA\nAA',
      'QQ',
      'QR',
    ],
  ];
  const byteArrays = fc.sample(fc.uint8Array({ maxLength: 100 }), 500).map((bytes) => [...bytes]);

  await page.goto(storePageUrl);
  await page.waitForFunction(
    () => typeof (globalThis as Partial<StorePageApi>).base64InBrowser === 'function',
  );
  const inBrowser = await page.evaluate(
    ([t, b]) => (globalThis as unknown as StorePageApi).base64InBrowser(t, b),
    [texts, byteArrays] as const,
  );

  expect(inBrowser.native, 'this Chromium has Uint8Array.fromBase64, so the native path is what runs').toBe(
    true,
  );
  const refused = inBrowser.decoded.filter((d) => d === null).length;
  expect(refused).toBeGreaterThan(100);
  texts.forEach((text, i) => {
    const js = decodeBase64UrlInJs(text);
    expect(inBrowser.decoded[i], JSON.stringify(text)).toEqual(js ? [...js] : null);
  });
  byteArrays.forEach((bytes, i) => {
    expect(inBrowser.encoded[i]).toBe(toBase64UrlInJs(Uint8Array.from(bytes)));
  });
});
