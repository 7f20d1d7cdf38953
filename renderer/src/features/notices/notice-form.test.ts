import { describe, expect, it } from 'vitest';
import { NOTICE_TEXT_MAX_LENGTH, type PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import {
  decodeNoticeFile,
  emptyNoticeDraft,
  NOTICE_FILE_MAX_BYTES,
  noticeDraftOf,
  noticeState,
  officeDateTime,
  officeInstant,
  sha256Hex,
  validateNoticeDraft,
  type NoticeDraft,
} from './notice-form';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeNoticeFile', () => {
  it('reads UTF-8 text, dropping a byte-order mark', () => {
    expect(decodeNoticeFile(utf8('個人情報保護方針\n'))).toEqual({ ok: true, text: '個人情報保護方針\n' });
    expect(decodeNoticeFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Policy')]))).toEqual({
      ok: true,
      text: 'Policy',
    });
  });

  it('refuses a file that is not UTF-8 (Shift_JIS, Latin-1, binary)', () => {
    // 個人 in Shift_JIS.
    expect(decodeNoticeFile(new Uint8Array([0x8c, 0xc2, 0x90, 0x6c]))).toEqual({
      ok: false,
      problem: 'not-utf8',
    });
    expect(decodeNoticeFile(new Uint8Array([0x50, 0x6f, 0x6c, 0xe9]))).toEqual({
      ok: false,
      problem: 'not-utf8',
    });
    expect(decodeNoticeFile(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]))).toEqual({
      ok: false,
      problem: 'not-utf8',
    });
  });

  it('refuses an empty or blank file', () => {
    expect(decodeNoticeFile(new Uint8Array())).toEqual({ ok: false, problem: 'empty' });
    expect(decodeNoticeFile(utf8(' \n\t '))).toEqual({ ok: false, problem: 'empty' });
  });

  it('refuses a text longer than a notice may be, and a file too large to hold one', () => {
    expect(decodeNoticeFile(utf8('a'.repeat(NOTICE_TEXT_MAX_LENGTH)))).toMatchObject({ ok: true });
    expect(decodeNoticeFile(utf8('a'.repeat(NOTICE_TEXT_MAX_LENGTH + 1)))).toEqual({
      ok: false,
      problem: 'too-large',
    });
    expect(decodeNoticeFile(new Uint8Array(NOTICE_FILE_MAX_BYTES + 1))).toEqual({
      ok: false,
      problem: 'too-large',
    });
  });
});

describe('sha256Hex', () => {
  it('is the SHA-256 of the UTF-8 bytes, lower-case hex', async () => {
    const text = 'プライバシーポリシー\r\nPrivacy';
    // Known answers (Node's createHash('sha256') of the same UTF-8 bytes).
    expect(await sha256Hex(text)).toBe('108a81def849c2318d8a46b88e5c14009d718d941e52b8a7c9ce22d8a0e1c432');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('office date and time', () => {
  it('types and shows instants in Tokyo time whatever the machine zone', () => {
    const at = Date.parse('2027-01-01T00:00:00+09:00');
    expect(officeInstant('2027-01-01', '00:00')).toBe(at);
    expect(officeDateTime(at)).toEqual({ date: '2027-01-01', time: '00:00' });
    expect(officeInstant('2027-02-30', '00:00')).toBeUndefined();
    expect(officeInstant('2027-01-01', '24:00')).toBeUndefined();
  });
});

const notice = (overrides: Partial<PrivacyNotice>): PrivacyNotice => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'privacy-notice',
  version: '2026.1',
  effectiveAt: 1_000,
  summary: 'First version',
  substantial: false,
  texts: [{ language: 'en', text: 'Policy', sha256: 'a'.repeat(64) }],
  publishedBy: '00000000-0000-4000-8000-0000000000aa',
  assignedStaffIds: [],
  createdAt: 0,
  updatedAt: 0,
  ...overrides,
});

const filled = (overrides: Partial<NoticeDraft> = {}): NoticeDraft => ({
  ...emptyNoticeDraft(),
  version: '2027.1',
  effectiveDate: '2027-01-01',
  effectiveTime: '09:00',
  summary: '  Medical data now shared with partner clinics  ',
  texts: [
    { language: 'en', fileName: 'en.txt', text: 'Policy', sha256: 'b'.repeat(64) },
    { language: 'ja', fileName: 'ja.txt', text: '方針', sha256: 'c'.repeat(64) },
  ],
  ...overrides,
});

describe('validateNoticeDraft', () => {
  it('answers the version to store', () => {
    expect(validateNoticeDraft(filled(), [notice({})])).toEqual({
      ok: true,
      value: {
        version: '2027.1',
        effectiveAt: Date.parse('2027-01-01T09:00:00+09:00'),
        summary: 'Medical data now shared with partner clinics',
        substantial: false,
        texts: [
          { language: 'en', text: 'Policy', sha256: 'b'.repeat(64) },
          { language: 'ja', text: '方針', sha256: 'c'.repeat(64) },
        ],
      },
    });
  });

  it('explains every missing or wrong field at once', () => {
    const result = validateNoticeDraft(
      {
        ...emptyNoticeDraft(),
        version: 'v 2',
        texts: [{ language: 'en' }, { language: 'en', problem: 'not-utf8' }],
      },
      [],
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'version', code: 'invalid-format' },
        { path: 'effectiveDate', code: 'required' },
        { path: 'summary', code: 'required' },
        { path: 'texts.0.file', code: 'required' },
        { path: 'texts.1.language', code: 'repeated' },
        { path: 'texts.1.file', code: 'required' },
      ],
    });
    expect(validateNoticeDraft(filled({ texts: [] }), [])).toMatchObject({
      errors: [{ path: 'texts', code: 'required' }],
    });
  });

  it('refuses a label another version has', () => {
    expect(validateNoticeDraft(filled({ version: '2026.1' }), [notice({})])).toMatchObject({
      errors: [{ path: 'version', code: 'repeated' }],
    });
  });

  it('asks a substantial change for its renewal deadline, not before it takes effect', () => {
    expect(validateNoticeDraft(filled({ substantial: true }), [])).toMatchObject({
      errors: [{ path: 'deadlineDate', code: 'required' }],
    });
    expect(
      validateNoticeDraft(
        filled({ substantial: true, deadlineDate: '2027-01-01', deadlineTime: '08:59' }),
        [],
      ),
    ).toMatchObject({ errors: [{ path: 'deadlineDate', code: 'end-before-start' }] });
    expect(
      validateNoticeDraft(
        filled({ substantial: true, deadlineDate: '2027-03-31', deadlineTime: '23:59' }),
        [],
      ),
    ).toMatchObject({
      ok: true,
      value: { substantial: true, renewalDeadline: Date.parse('2027-03-31T23:59:00+09:00') },
    });
    // A deadline typed and then unticked is not stored.
    const unticked = validateNoticeDraft(filled({ deadlineDate: '2027-03-31' }), []);
    expect(unticked.ok && 'renewalDeadline' in unticked.value).toBe(false);
  });

  it('round-trips a stored version through the form', () => {
    const stored = notice({ effectiveAt: Date.parse('2027-04-01T00:00:00+09:00'), substantial: true });
    stored.renewalDeadline = Date.parse('2027-06-30T18:00:00+09:00');
    const value = validateNoticeDraft(noticeDraftOf(stored), []);
    expect(value).toMatchObject({
      ok: true,
      value: {
        effectiveAt: stored.effectiveAt,
        renewalDeadline: stored.renewalDeadline,
        texts: stored.texts,
      },
    });
  });
});

describe('noticeState', () => {
  const v1 = notice({ id: '00000000-0000-4000-8000-000000000001', version: '1', effectiveAt: 100 });
  const v2 = notice({ id: '00000000-0000-4000-8000-000000000002', version: '2', effectiveAt: 200 });
  it('tells scheduled, in effect and superseded versions apart', () => {
    expect([v1, v2].map((n) => noticeState(n, [v1, v2], 150))).toEqual(['in-effect', 'scheduled']);
    expect([v1, v2].map((n) => noticeState(n, [v1, v2], 200))).toEqual(['superseded', 'in-effect']);
    expect(noticeState(v1, [v1, v2], 99)).toBe('scheduled');
  });
});
