import { describe, expect, it } from 'vitest';
import { orgSettingRule, type AnyDocument, type PushCaller, type PushFacts } from '../sync/push-rules';
import {
  addressFor,
  formatPhone,
  ORG_CONTACT_ID,
  orgContactDraft,
  orgContactProblem,
  validateOrgContact,
  type OrgContact,
  type OrgContactDraft,
} from './org-settings';
import { noticeShapeProblem } from './privacy-notice';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const EMPTY: OrgContactDraft = { phone: '', email: '', addressEn: '', addressJa: '', emergencyPhone: '' };
const TYPED: OrgContactDraft = {
  phone: '03-1234-5678',
  email: ' office@lumina.example ',
  addressEn: '  1-2-3 Marunouchi  \n Chiyoda-ku, Tokyo ',
  addressJa: '東京都千代田区丸の内1-2-3',
  emergencyPhone: '+81 90 1234 5678',
};

describe('the organisation’s contact form', () => {
  it('stores numbers in E.164 (a number without a country code is Japanese) and tidies the rest', () => {
    expect(validateOrgContact(TYPED)).toEqual({
      ok: true,
      value: {
        phone: '+81312345678',
        email: 'office@lumina.example',
        address: { en: '1-2-3 Marunouchi\nChiyoda-ku, Tokyo', ja: '東京都千代田区丸の内1-2-3' },
        emergencyPhone: '+819012345678',
      },
    });
  });

  it('lets every field be empty', () => {
    expect(validateOrgContact(EMPTY)).toEqual({ ok: true, value: {} });
  });

  it('refuses numbers that are not numbers of their country, a bad e-mail and over-long addresses', () => {
    const result = validateOrgContact({
      phone: '+81 12',
      email: 'office@',
      addressEn: 'x'.repeat(301),
      addressJa: 'a\nb\nc\nd\ne\nf\ng',
      emergencyPhone: 'call us',
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'phone', code: 'invalid-phone' },
        { path: 'email', code: 'invalid-email' },
        { path: 'address.en', code: 'too-long', params: { max: 300 } },
        { path: 'address.ja', code: 'too-many', params: { max: 6 } },
        { path: 'emergencyPhone', code: 'invalid-phone' },
      ],
    });
  });

  it('shows stored numbers grouped for people, and gives the draft back as it was stored', () => {
    expect(formatPhone('+81312345678')).toBe('+81 3 1234 5678');
    const stored = validateOrgContact(TYPED);
    if (!stored.ok) throw new Error('invalid');
    expect(validateOrgContact(orgContactDraft(stored.value))).toEqual(stored);
  });

  it('prints the address in the itinerary’s language, else the other one', () => {
    expect(addressFor({ address: { en: 'Tokyo', ja: '東京' } }, 'ja')).toBe('東京');
    expect(addressFor({ address: { en: 'Tokyo', ja: '東京' } }, 'en-GB')).toBe('Tokyo');
    expect(addressFor({ address: { ja: '東京' } }, 'en')).toBe('東京');
    expect(addressFor({}, 'en')).toBeUndefined();
  });
});

const admin: PushCaller = { staffId: uuid(30), deviceId: uuid(31), role: 'admin' };
const manager: PushCaller = { staffId: uuid(40), deviceId: uuid(41), role: 'manager' };
const contact = (fields: Partial<OrgContact> = {}): OrgContact => ({
  id: ORG_CONTACT_ID,
  kind: 'org-contact',
  contact: { phone: '+81312345678', emergencyPhone: '+819012345678', email: 'office@lumina.example' },
  updatedBy: admin.staffId,
  assignedStaffIds: [],
  createdAt: 1,
  updatedAt: 1,
  ...fields,
});
const wire = (doc: object, deleted = false) => ({ ...doc, _deleted: deleted }) as AnyDocument;
const facts = { notices: async () => [], now: () => 1_800_000_000_000 } as unknown as PushFacts;
const reason = async (caller: PushCaller, next: AnyDocument, master?: AnyDocument) =>
  (await orgSettingRule({ caller, master, next, facts }))?.reason;

describe('the contact’s push rule (the server’s check)', () => {
  it('lets the admin save the contact in the admin’s name', async () => {
    expect(await reason(admin, wire(contact()))).toBeUndefined();
    expect(await reason(admin, wire(contact({ updatedAt: 2 })), wire(contact()))).toBeUndefined();
    expect(await reason(admin, wire(contact({ contact: {} })))).toBeUndefined();
  });

  it('refuses everyone else, another name, and a deletion', async () => {
    expect(await reason(manager, wire(contact({ updatedBy: manager.staffId })))).toBe(
      'org-setting-admin-only',
    );
    expect(await reason(admin, wire(contact({ updatedBy: manager.staffId })))).toBe('org-contact-not-caller');
    expect(await reason(admin, wire(contact(), true), wire(contact()))).toBe('org-contact-not-deleted');
  });

  it('refuses numbers, e-mails and addresses the form would not store', async () => {
    const details = (fields: OrgContact['contact']) => reason(admin, wire(contact({ contact: fields })));
    expect(await details({ phone: '+8112' })).toBe('org-contact-details');
    expect(await details({ emergencyPhone: '+81 3 1234 5678' })).toBe('org-contact-details');
    expect(await details({ email: ' office@lumina.example' })).toBe('org-contact-details');
    expect(await details({ address: { en: 'line\n'.repeat(7) + 'x' } })).toBe('org-contact-details');
    expect(await details({ address: { ja: ' 東京 ' } })).toBe('org-contact-details');
  });

  it('keeps the contact one record of its own kind', async () => {
    expect(await reason(admin, wire(contact({ id: uuid(5) })))).toBe('org-contact-id');
    const asNotice = { ...contact(), kind: 'privacy-notice' };
    expect(await reason(admin, wire(asNotice))).toBe('org-contact-id');
    expect(await reason(admin, wire(asNotice), wire(contact()))).toBe('org-setting-kind-changed');
    expect(await reason(admin, wire({ ...contact(), version: '1' }))).toBe('org-contact-fields');
  });

  it('refuses a notice version without its fields or with the contact’s', async () => {
    const notice = { id: uuid(7), kind: 'privacy-notice', assignedStaffIds: [], createdAt: 1, updatedAt: 1 };
    expect(await reason(admin, wire(notice))).toBe('notice-shape');
    expect(noticeShapeProblem(notice)).toBe('shape');
  });
});

describe('orgContactProblem', () => {
  it('accepts what the form stores', () => {
    const stored = validateOrgContact(TYPED);
    if (!stored.ok) throw new Error('invalid');
    expect(orgContactProblem(contact({ contact: stored.value }) as unknown as Record<string, unknown>)).toBe(
      undefined,
    );
  });
});
