/**
 * Migration 25 (issue 14, review F3): a share request names its purpose from the consent catalogue
 * (shared/domain/consent.ts PROVISION_PURPOSES), which a provision consent in force for the partner must cover.
 * Requests made before have none: they are asked again rather than approved or delivered.
 */
export const sharePurposeCodeMigration = {
  version: 25,
  name: 'share requests name a catalogue purpose',
  sql: `
    ALTER TABLE share_requests ADD COLUMN purpose_code text;
  `,
};
