import { describe, expect, it } from 'vitest';
import type { Client } from '../../../../shared/domain/client-schema';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { csvCell, marketingCsv, marketingList } from './marketing-list';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const client = (n: number, latin: string, extra: Partial<Client> = {}): Client => ({
  id: uuid(n),
  names: { latin },
  status: 'active',
  assignedStaffIds: [],
  createdAt: 0,
  updatedAt: 0,
  ...extra,
});

let next = 100;
const record = (
  clientId: string,
  action: ConsentRecord['action'],
  purpose: ConsentRecord['purpose'],
  at: number,
  refersTo?: string,
): ConsentRecord => ({
  id: uuid(++next),
  clientId,
  action,
  purpose,
  ...(refersTo ? { refersTo } : {}),
  noticeId: uuid(900),
  noticeVersion: 'v1',
  noticeHash: 'a'.repeat(64),
  language: 'en',
  method: 'e-signature',
  at,
  recordedBy: uuid(500),
  deviceId: uuid(600),
  recordedAt: at,
  assignedStaffIds: [],
});

const ann = client(1, 'Ann Marketing', { languages: ['fr', 'en'], contact: { email: 'ann@example.com' } });
const ben = client(2, 'Ben NoConsent', { contact: { email: 'ben@example.com' } });
const cho = client(3, 'Cho Withdrawn', { contact: { email: 'cho@example.com' } });
const dai = client(4, 'Dai Medical', { contact: { email: 'dai@example.com' } });
const eve = client(5, 'Eve Offline', { languages: ['ja'] });
const choGiven = record(cho.id, 'given', 'marketing', 10);
const ledger = [
  record(ann.id, 'given', 'marketing', 10),
  choGiven,
  record(cho.id, 'withdrawn', 'marketing', 20, choGiven.id),
  record(dai.id, 'given', 'medical-data', 10),
  record(eve.id, 'given', 'marketing', 10),
  // Refused and informed records consent to nothing.
  record(ben.id, 'refused', 'marketing', 10),
];
const clients = [ben, cho, dai, eve, ann];

describe('marketingList', () => {
  it('holds only clients with a live marketing consent, and counts the others', () => {
    expect(marketingList(clients, ledger, 30)).toEqual({
      rows: [
        { clientId: ann.id, name: 'Ann Marketing', language: 'fr', email: 'ann@example.com' },
        { clientId: eve.id, name: 'Eve Offline', language: 'ja', email: '' },
      ],
      leftOut: 3,
    });
  });

  it('leaves out a client whose consent is given later than now, or not in the server audience', () => {
    expect(marketingList(clients, ledger, 5).rows).toEqual([]);
    const list = marketingList(clients, ledger, 30, new Set([ann.id, ben.id]));
    expect(list.rows.map((row) => row.clientId)).toEqual([ann.id]);
    expect(list.leftOut).toBe(4);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Smith, "Jo"')).toBe('"Smith, ""Jo"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+81 3')).toBe("'+81 3");
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });

  it('writes a header and one row per client', () => {
    const { rows } = marketingList(clients, ledger, 30);
    expect(marketingCsv(rows)).toBe(
      'name,preferred_language,email\r\nAnn Marketing,fr,ann@example.com\r\nEve Offline,ja,\r\n',
    );
  });
});
