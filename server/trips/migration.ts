import { MEDICAL_TRIP_ITEM_KINDS } from '../../shared/domain/trip';

const medicalKind = MEDICAL_TRIP_ITEM_KINDS.map((kind) => `@.kind == "${kind}"`).join(' || ');
const clearDetails = 'exists(@.title) || exists(@.location) || exists(@.notes)';

/**
 * Migration 26 (issue 14, item 8): a deleted trip stored before the trips push rule looked at tombstones may hold
 * the title, place or notes of a medical item in clear, in its items or in a competing list of its open conflicts,
 * and no device seals a deleted trip. Its items and conflicts go (a tombstone needs neither); it gets a new
 * sequence number so that devices holding the same tombstone pull the emptied one.
 */
export const deletedTripDetailsMigration = {
  version: 26,
  name: 'deleted trips keep no medical details in clear',
  sql: `
    UPDATE sync_documents
       SET data = jsonb_set(data, '{items}', '[]'::jsonb) - 'conflicts',
           seq = nextval('sync_seq'), server_updated_at = now()
     WHERE collection = 'trips'
       AND deleted
       AND (jsonb_path_exists(data, '$.items[*] ? ((${medicalKind}) && (${clearDetails}))')
         OR jsonb_path_exists(data, '$.conflicts[*].values[*].value[*] ? ((${medicalKind}) && (${clearDetails}))'));
  `,
};
