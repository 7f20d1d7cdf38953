import { describe, expect, it } from 'vitest';
import { loadSodium } from '../crypto/sodium';
import { toBase64Url } from '../crypto/encoding';
import { generatePartnerKeyPair, partnerPublicKeyText } from '../crypto/partner-key';
import { dayInJapan, partnerProblem, partnerShareProblem, type Partner } from './partner';
import { emptyPartnerDraft, validatePartner } from './partner-form';
import { parsePartnerPublicKey, partnerFingerprint } from './partner-public-key';
import { provisionProblem, type Provision } from './provision';
import { bookedItems, shareRefusal } from './share-check';
import type { ConsentRecord } from './consent';
import type { Trip } from './trip';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const NOW = Date.UTC(2026, 11, 7, 3, 0);
const partner: Partner = {
  id: uuid(1),
  names: { en: 'Clinic', ja: 'クリニック' },
  kind: 'clinic',
  country: 'JP',
  city: 'Kyoto',
  vetting: { status: 'vetted', by: uuid(9), at: NOW },
  agreement: { signedOn: '2026-01-01', expiresOn: '2026-12-07' },
  key: {
    publicKey: 'A'.repeat(43),
    fingerprint: '0',
    confirmedBy: uuid(9),
    confirmedAt: NOW,
    confirmedKey: 'A'.repeat(43),
  },
  assignedStaffIds: [],
  createdAt: NOW,
  updatedAt: NOW,
};

describe('the partner directory', () => {
  it('blocks a share to a partner not vetted, without or past its agreement, without a confirmed key', () => {
    const today = dayInJapan(NOW);
    expect(today).toBe('2026-12-07');
    expect(partnerShareProblem(partner, today)).toBeUndefined();
    expect(partnerShareProblem(partner, '2026-12-08')).toBe('partner-agreement-expired');
    // An agreement signed on a later day is not in force yet.
    expect(
      partnerShareProblem(
        { ...partner, agreement: { signedOn: '2026-12-08', expiresOn: '2027-12-31' } },
        today,
      ),
    ).toBe('partner-agreement-not-yet-signed');
    expect(partnerShareProblem({ ...partner, vetting: { status: 'pending' } }, today)).toBe(
      'partner-not-vetted',
    );
    expect(partnerShareProblem({ ...partner, agreement: undefined }, today)).toBe(
      'partner-agreement-missing',
    );
    expect(partnerShareProblem({ ...partner, key: undefined }, today)).toBe('partner-key-missing');
    const unconfirmed = { ...partner, key: { publicKey: 'A'.repeat(43), fingerprint: '0' } };
    expect(partnerShareProblem(unconfirmed, today)).toBe('partner-key-unconfirmed');
    // The agreement's day is Japan's: 23:30 UTC on the 6th is already the 7th in Tokyo.
    expect(dayInJapan(Date.UTC(2026, 11, 6, 23, 30))).toBe('2026-12-07');
  });

  it('finds inconsistent documents', () => {
    expect(partnerProblem(partner)).toBeUndefined();
    expect(partnerProblem({ ...partner, country: 'ZZ' })).toBe('country-unknown');
    expect(partnerProblem({ ...partner, vetting: { status: 'vetted' } })).toBe('vetting-incomplete');
    expect(
      partnerProblem({ ...partner, agreement: { signedOn: '2026-02-01', expiresOn: '2026-01-01' } }),
    ).toBe('agreement-ends-before-signed');
  });

  it('parses a pasted key (base64url of 32 bytes) and shows its fingerprint in the device format', async () => {
    const sodium = await loadSodium();
    const key = sodium.crypto_box_keypair().publicKey;
    expect(parsePartnerPublicKey(`  ${toBase64Url(key)}\n`)).toEqual(key);
    expect(parsePartnerPublicKey(toBase64Url(key.slice(0, 31)))).toBeUndefined();
    expect(parsePartnerPublicKey('not a key')).toBeUndefined();
    const shown = partnerFingerprint(sodium, key);
    expect(shown).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(partnerFingerprint(sodium, key)).toBe(shown);
    const other = sodium.crypto_box_keypair().publicKey;
    expect(partnerFingerprint(sodium, other)).not.toBe(shown);
  });

  it('takes a confirmation for the key it names only: one merged onto a key changed meanwhile confirms nothing', () => {
    // Manager B confirmed key A by phone while manager A replaced it by key B: the devices merge fields apart.
    const merged: Partner = { ...partner, key: { ...partner.key!, publicKey: 'B'.repeat(43) } };
    expect(partnerProblem(merged)).toBe('key-confirmation-of-another-key');
    expect(partnerShareProblem(merged, '2026-12-01')).toBe('partner-key-unconfirmed');
    expect(partnerProblem({ ...partner, key: { ...partner.key!, confirmedKey: undefined } })).toBe(
      'key-confirmation-incomplete',
    );
    expect(partnerProblem(partner)).toBeUndefined();
    expect(partnerShareProblem(partner, '2026-12-01')).toBeUndefined();
  });

  it('parses the line the opener gives the partner, refusing a mistyped one, with the opener’s fingerprint', async () => {
    const sodium = await loadSodium();
    const pair = generatePartnerKeyPair(sodium);
    const line = partnerPublicKeyText(sodium, pair.publicKey);
    // Pasted from an e-mail: wrapped, with spaces.
    const wrapped = `  ${line.slice(0, 20)}\n${line.slice(20)} `;
    expect(parsePartnerPublicKey(wrapped, sodium)).toEqual(pair.publicKey);
    expect(partnerFingerprint(sodium, parsePartnerPublicKey(line, sodium)!)).toBe(pair.fingerprint);
    const last = line.at(-1) === 'A' ? 'B' : 'A';
    expect(parsePartnerPublicKey(line.slice(0, -1) + last, sodium)).toBeUndefined();
    const typo = line.replace(/.(?=.{10}$)/, (c) => (c === 'x' ? 'y' : 'x'));
    expect(parsePartnerPublicKey(typo, sodium)).toBeUndefined();
  });

  it('validates the partner form', () => {
    const draft = { ...emptyPartnerDraft(), nameEn: 'Clinic', nameJa: 'クリニック', city: 'Kyoto' };
    expect(validatePartner(draft).ok).toBe(true);
    const bad = validatePartner({ ...draft, country: 'ZZ', publicKey: 'xyz', signedOn: '2026-02-01' });
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'country:unknown-country',
      'expiresOn:required',
      'publicKey:invalid-format',
    ]);
  });
});

describe('the device-side share check', () => {
  const consent = {
    id: uuid(50),
    clientId: uuid(2),
    action: 'given',
    purpose: 'provision',
    partnerId: partner.id,
    purposeCode: 'treatment-arrangement',
    statedPurpose: 'treatment-arrangement',
    at: NOW - 1000,
  } as ConsentRecord;
  const trip = {
    id: uuid(60),
    clientId: uuid(2),
    items: [
      {
        id: uuid(61),
        kind: 'hotel',
        start: '2026-12-08T15:00:00+09:00',
        end: '2026-12-09T10:00:00+09:00',
        partnerId: partner.id,
      },
      {
        id: uuid(63),
        kind: 'hotel',
        start: '2026-04-02T15:00:00+09:00',
        end: '2026-04-03T10:00:00+09:00',
        partnerId: partner.id,
      },
    ],
  } as unknown as Trip;
  const booked = { tripId: uuid(60), tripItemId: uuid(61) };

  it('refuses with the reason, in the server order', () => {
    expect(
      shareRefusal(partner, uuid(2), [consent], [trip], booked, 'treatment-arrangement', NOW),
    ).toBeUndefined();
    expect(shareRefusal(partner, uuid(2), [], [trip], booked, 'treatment-arrangement', NOW)).toBe(
      'provision-consent-missing',
    );
    expect(
      shareRefusal(
        { ...partner, country: 'FR' },
        uuid(2),
        [consent],
        [trip],
        booked,
        'treatment-arrangement',
        NOW,
      ),
    ).toBe('overseas-consent-missing');
    expect(
      shareRefusal(
        partner,
        uuid(2),
        [consent],
        [trip],
        { ...booked, tripItemId: uuid(62) },
        'treatment-arrangement',
        NOW,
      ),
    ).toBe('no-booked-item');
    expect(shareRefusal(partner, uuid(3), [consent], [trip], booked, 'treatment-arrangement', NOW)).toBe(
      'provision-consent-missing',
    );
    expect(bookedItems([trip], uuid(2), partner.id, NOW).map((b) => b.tripItemId)).toEqual([uuid(61)]);
  });

  it('compares the catalogue purpose asked for with every consent in force for the partner', () => {
    const ask = (ledger: ConsentRecord[], code: ConsentRecord['purposeCode']) =>
      shareRefusal(partner, uuid(2), ledger, [trip], booked, code!, NOW);
    expect(ask([consent], 'insurance-claim')).toBe('purpose-not-consented');
    // A consent for a second purpose with the same partner, given later, does not hide the first.
    const insurance = { ...consent, id: uuid(51), purposeCode: 'insurance-claim', at: NOW - 500 } as const;
    expect(ask([consent, insurance], 'treatment-arrangement')).toBeUndefined();
    expect(ask([consent, insurance], 'insurance-claim')).toBeUndefined();
    // A consent without a catalogue purpose (recorded before it) covers none.
    expect(ask([{ ...consent, purposeCode: undefined }], 'treatment-arrangement')).toBe(
      'purpose-not-consented',
    );
    // Withdrawing one purpose leaves the other.
    const withdrawal = { ...consent, id: uuid(52), action: 'withdrawn', refersTo: insurance.id } as const;
    const ledger = [consent, insurance, { ...withdrawal, purposeCode: undefined, at: NOW - 100 }];
    expect(ask(ledger, 'insurance-claim')).toBe('purpose-not-consented');
    expect(ask(ledger, 'treatment-arrangement')).toBeUndefined();
  });

  it('takes only a booked item not over: a past trip serves no share', () => {
    expect(
      shareRefusal(
        partner,
        uuid(2),
        [consent],
        [trip],
        { ...booked, tripItemId: uuid(63) },
        'treatment-arrangement',
        NOW,
      ),
    ).toBe('no-booked-item');
    // Still current until its end.
    const duringStay = Date.parse('2026-12-09T09:00:00+09:00');
    expect(
      shareRefusal(
        { ...partner, agreement: { signedOn: '2026-01-01', expiresOn: '2026-12-31' } },
        uuid(2),
        [consent],
        [trip],
        booked,
        'treatment-arrangement',
        duringStay,
      ),
    ).toBeUndefined();
    expect(bookedItems([trip], uuid(2), partner.id, Date.parse('2026-12-09T11:00:00+09:00'))).toEqual([]);
  });

  it('keeps each provision kind to its fields', () => {
    const base = {
      id: uuid(70),
      clientId: uuid(2),
      partnerId: partner.id,
      at: NOW,
      recordedBy: uuid(9),
      recordedAt: NOW,
      assignedStaffIds: [],
    };
    const told = { ...base, kind: 'destroy-notified', refersTo: uuid(71) } as Provision;
    expect(provisionProblem(told)).toBeUndefined();
    expect(provisionProblem({ ...told, packageId: uuid(72) })).toBe('fields-of-kind');
    expect(provisionProblem({ ...base, kind: 'received', items: [] } as unknown as Provision)).toBe(
      'fields-of-kind',
    );
    const item = { key: 'a', label: { en: 'A', ja: 'A' } };
    expect(
      provisionProblem({ ...base, kind: 'received', obtainedHow: 'x', items: [item, item] } as Provision),
    ).toBe('items-repeated');
  });
});
