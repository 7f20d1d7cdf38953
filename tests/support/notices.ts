import { createHash, randomUUID } from 'node:crypto';
import type { PrivacyNotice } from '../../shared/domain/privacy-notice';
import type { TestOrganisation } from './organisation';

/** The SHA-256 (hex) of a notice text, as the app computes it. */
export const noticeHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Publishes a privacy-notice version as the organisation's admin (a push to `orgSettings`), in English and
 * Japanese unless `texts` say otherwise; effective a day ago by default. Answers the version as stored.
 */
export async function publishNotice(
  organisation: TestOrganisation,
  fields: Partial<PrivacyNotice> & { version: string },
): Promise<PrivacyNotice> {
  const now = Date.now();
  const texts = fields.texts ?? [
    { language: 'en', text: `LUMINA Japan privacy notice ${fields.version}` },
    { language: 'ja', text: `LUMINA Japan プライバシーポリシー ${fields.version}` },
  ];
  const notice: PrivacyNotice = {
    id: randomUUID(),
    kind: 'privacy-notice',
    effectiveAt: now - 24 * 60 * 60 * 1000,
    summary: `Version ${fields.version}`,
    substantial: false,
    publishedBy: organisation.adminId,
    assignedStaffIds: [],
    createdAt: now,
    updatedAt: now,
    ...fields,
    texts: texts.map((text) => ({ ...text, sha256: noticeHash(text.text) })),
  };
  const pushed = await organisation.pushAsAdmin('orgSettings', [
    notice as unknown as Record<string, unknown>,
  ]);
  if (pushed.status !== 200)
    throw new Error(`publishing notice ${fields.version}: HTTP ${pushed.status} ${pushed.body}`);
  return notice;
}
