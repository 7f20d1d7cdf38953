import { describe, expect, it, vi } from 'vitest';
import { parkedEn, parkedJa } from './messages';
import { en } from '../../i18n/en';
import { ja } from '../../i18n/ja';
import { changedFields, clientOfChange, fieldLabelKey, whyOf, type ParkedChange } from './parked-data';

// The session (and the host bridge it reads) is not needed to say why a change was refused.
vi.mock('../../session/index', () => ({ useSession: () => undefined }));

const change = (fields: Partial<ParkedChange>): ParkedChange => ({
  key: 'provisions:x:1',
  collection: 'provisions',
  documentId: '00000000-0000-4000-8000-000000000001',
  refused: { kind: 'provided' },
  server: undefined,
  status: 403,
  reason: 'forbidden',
  needs: 'write:provisions:provision',
  parkedAt: 1,
  ...fields,
});

describe('why a parked change was refused', () => {
  it('says in plain words that a delivery record comes only from registering the delivery', () => {
    const why = whyOf(change({ reason: 'provision-provided-by-delivery-only' }));
    expect(why).toBe('deliveryOnly');
    expect(parkedEn.why[why]).toContain('Build and save the package');
    expect(parkedJa.why[why]).toContain('パッケージを作成して保存');
    expect(parkedEn.kind.provisions).toBe('Provision record');
    // Any other refusal of the provision rule stays a rule's refusal.
    expect(whyOf(change({ reason: 'provision-record-immutable' }))).toBe('rule');
  });
});

describe('the fields of a parked change, named as the record names them', () => {
  const lookup = (catalogue: unknown, key: string) =>
    key
      .split('.')
      .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], catalogue);

  it('names every field of a client the panel can show, in English and Japanese', () => {
    const refused = {
      names: { latin: 'A', katakana: 'ア', kanji: '亜' },
      nationality: 'GB',
      dateOfBirth: '1985-03-14',
      languages: ['en'],
      contact: { email: 'a@example.com', phone: '+442079460018', address: 'London' },
      passport: { number: 'X1', country: 'GB', expiryDate: '2030-01-01' },
      preferences: { notes: 'n', seat: 'window', room: 'western-style', dietary: 'd' },
      emergencyContacts: [{ name: 'B' }],
      lifestyle: { dietaryRestrictions: ['vegan'], mobilityNeeds: 'm', allergies: ['nuts'] },
      status: 'active',
      assignedStaffIds: ['00000000-0000-4000-8000-000000000002'],
      createdAt: 1,
    };
    const fields = changedFields({ refused, server: { createdAt: 1 } }).map((row) => row.field);
    expect(fields).toContain('names.latin');
    expect(fields).not.toContain('assignedStaffIds');
    const unnamed = fields.filter((field) => {
      const key = fieldLabelKey('clients', field);
      return !key || typeof lookup(en, key) !== 'string' || typeof lookup(ja, key) !== 'string';
    });
    expect(unnamed).toEqual([]);
    expect(lookup(en, fieldLabelKey('clients', 'names.latin')!)).toBe(
      'Name in Latin script (as in the passport)',
    );
  });

  it('leaves a field of another kind of record as its path', () => {
    expect(fieldLabelKey('trips', 'title')).toBeUndefined();
  });
});

describe('the client a parked change is about (hidden while its erasure is scheduled)', () => {
  it('is the document for a client, the refused or the server state’s clientId for the rest, else none', () => {
    const client = '00000000-0000-4000-8000-00000000000c';
    expect(clientOfChange(change({ collection: 'clients', documentId: client, refused: {} }))).toBe(client);
    expect(clientOfChange(change({ collection: 'trips', refused: { clientId: client } }))).toBe(client);
    expect(clientOfChange(change({ collection: 'trips', refused: {}, server: { clientId: client } }))).toBe(
      client,
    );
    expect(clientOfChange(change({ collection: 'partners', refused: {} }))).toBeUndefined();
  });
});
