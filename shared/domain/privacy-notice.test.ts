import { describe, expect, it } from 'vitest';
import {
  currentNotice,
  effectiveNotices,
  isEffective,
  noticeProblem,
  noticeText,
  orgSettingSchema,
  type PrivacyNotice,
} from './privacy-notice';
import { onWire, schemaProblems, wireValidator } from '../../tests/support/wire-schema';

const validate = wireValidator(orgSettingSchema);

function notice(n: number, effectiveAt: number, extra: Partial<PrivacyNotice> = {}): PrivacyNotice {
  return {
    id: `00000000-0000-4000-f000-00000000000${n}`,
    kind: 'privacy-notice',
    version: `2026.${n}`,
    effectiveAt,
    summary: 'What changed',
    substantial: false,
    texts: [
      { language: 'en', text: 'Notice', sha256: 'a'.repeat(64) },
      { language: 'ja', text: '通知', sha256: 'b'.repeat(64) },
    ],
    publishedBy: '00000000-0000-4000-8000-0000000000aa',
    assignedStaffIds: [],
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  };
}

describe('privacy-notice versions', () => {
  it('are valid organisation settings under a schema storage can hold', () => {
    expect(schemaProblems(orgSettingSchema.properties)).toEqual([]);
    expect(validate(onWire(notice(1, 100))), JSON.stringify(validate.errors)).toBe(true);
    const substantial = notice(2, 100, { substantial: true, renewalDeadline: 200 });
    expect(validate(onWire(substantial))).toBe(true);
    expect(validate(onWire({ ...notice(1, 100), texts: [] }))).toBe(false);
    expect(validate(onWire({ ...notice(1, 100), kind: 'other' }))).toBe(false);
  });

  it('are offered once effective, newest first', () => {
    const v1 = notice(1, 100);
    const v2 = notice(2, 200);
    const v3 = notice(3, 300);
    expect(isEffective(v2, 200)).toBe(true);
    expect(isEffective(v2, 199)).toBe(false);
    expect(effectiveNotices([v1, v3, v2], 250)).toEqual([v2, v1]);
    expect(currentNotice([v1, v3, v2], 350)).toEqual(v3);
    expect(currentNotice([v3], 0)).toBeUndefined();
  });

  it('give the text in the client’s language, or its primary language, or none', () => {
    const v1 = notice(1, 100);
    expect(noticeText(v1, 'ja')?.text).toBe('通知');
    expect(noticeText(v1, 'en-GB')?.text).toBe('Notice');
    expect(noticeText(v1, 'fr')).toBeUndefined();
  });

  it('say what they need beyond the schema', () => {
    expect(noticeProblem(notice(1, 100))).toBeUndefined();
    const twice = notice(1, 100, { texts: [notice(1, 0).texts[0]!, notice(1, 0).texts[0]!] });
    expect(noticeProblem(twice)).toBe('duplicate-language');
    expect(noticeProblem(notice(1, 100, { substantial: true }))).toBe('renewal-deadline-required');
    expect(noticeProblem(notice(1, 100, { renewalDeadline: 200 }))).toBe(
      'renewal-deadline-without-substantial',
    );
    expect(noticeProblem(notice(1, 100, { substantial: true, renewalDeadline: 50 }))).toBe(
      'renewal-deadline-before-effective',
    );
  });
});
