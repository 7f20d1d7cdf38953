import type { SampleRecord } from './records';

/** What the store page (tests/support/store-page) exposes to the browser tests that drive it. */
export interface StorePageApi {
  /**
   * The crypto core's base64url in this browser (the runtime's native codec where it has one), for the test
   * that holds it to the JavaScript implementation: decodes each text (null when refused) and encodes each
   * byte array.
   */
  base64InBrowser(
    texts: string[],
    byteArrays: number[][],
  ): { native: boolean; decoded: Array<number[] | null>; encoded: string[] };
  /** Writes records through the encrypted store and leaves the database in place for inspection. */
  writeVaultSample(count: number): Promise<SampleRecord[]>;
}
