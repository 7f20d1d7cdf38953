/**
 * A page with the app's encrypted store and crypto core and no UI, for browser tests that need them without a
 * server: the at-rest check of full records and the native base64url check.
 */
import { createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { loadSodium, newDataKey } from '../../../shared/crypto/index';
import { decodeBase64Url, toBase64Url } from '../../../shared/crypto/encoding';
import { wrappedVaultStorage } from '../../../renderer/src/store/vault-storage';
import type { StorePageApi } from './api';
import { makeRecords, sampleSchema, type SampleRecord } from './records';

const api: StorePageApi = {
  base64InBrowser(texts, byteArrays) {
    return {
      native: typeof (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64 === 'function',
      decoded: texts.map((text) => {
        const bytes = decodeBase64Url(text);
        return bytes ? [...bytes] : null;
      }),
      encoded: byteArrays.map((bytes) => toBase64Url(Uint8Array.from(bytes))),
    };
  },
  async writeVaultSample(count) {
    const sodium = await loadSodium();
    const vaultKey = newDataKey(sodium);
    const records = makeRecords(count);
    const db = await createRxDatabase<{ clients: RxCollection<SampleRecord> }>({
      name: 'vault-sample',
      storage: wrappedVaultStorage({
        storage: getRxStorageDexie(),
        sodium,
        keys: { vaultKey: () => vaultKey },
      }),
      multiInstance: false,
    });
    await db.addCollections({ clients: { schema: sampleSchema as unknown as RxJsonSchema<SampleRecord> } });
    await db.clients.bulkInsert(records);
    const back = await db.clients.findOne(records[0]!.id).exec();
    if (back?.passportNumber !== records[0]!.passportNumber)
      throw new Error('the encrypted store did not round-trip');
    await db.close();
    return records;
  },
};

Object.assign(window, api);
