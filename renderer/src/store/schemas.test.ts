import type { RxJsonSchema } from 'rxdb';
import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import { auditEventSchema } from '../../../shared/domain/audit';
import { clientSchema } from '../../../shared/domain/client';
import { orgSettingSchema } from '../../../shared/domain/privacy-notice';
import { consentSchema } from '../../../shared/domain/consent';
import { keyWrapSchema } from '../../../shared/domain/key-wraps';
import { medicalSectionSchema } from '../../../shared/domain/medical';
import { tripSchema } from '../../../shared/domain/trip';
import { syncedCollections } from '../../../shared/sync/collections';
import { clearFieldsOf } from './vault-storage';

/**
 * The document schemas as RxDB's development checks see them (the dev-mode plugin itself is never added: it loads
 * a remote iframe): every collection of the registry.
 */
const schemas = syncedCollections;

describe('document schemas under RxDB', () => {
  it('covers every collection the old list did', () => {
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['clients', 'consents', 'medical', 'keyWraps', 'auditEvents']),
    );
  });

  for (const [collection, schema] of Object.entries(schemas)) {
    it(`${collection}: passes RxDB's schema checks`, () => {
      expect(() => checkSchema(schema as unknown as RxJsonSchema<unknown>)).not.toThrow();
    });
  }

  it('keeps in clear only ids, timestamps, statuses and the fields the data model plans to index', () => {
    const clear = (schema: object) =>
      [...clearFieldsOf(schema as RxJsonSchema<unknown>)].filter((f) => !f.startsWith('_')).sort();
    expect(clear(clientSchema)).toEqual(['id']);
    expect(clear(tripSchema)).toEqual(['clientId', 'id']);
    // A consent record: its client alone (its purpose, notice and times are sealed at rest since version 1).
    expect(clear(consentSchema)).toEqual(['clientId', 'id']);
    expect(clear(orgSettingSchema)).toEqual(['id', 'kind']);
    expect(clear(medicalSectionSchema)).toEqual(['clientId', 'id', 'keyId', 'updatedAt']);
    expect(clear(keyWrapSchema)).toEqual(['clientId', 'id', 'keyId', 'recipientId']);
    expect(clear(auditEventSchema)).toEqual(['at', 'deviceId', 'id', 'seq', 'staffId']);
  });
});
