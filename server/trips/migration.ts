import { MEDICAL_TRIP_ITEM_KINDS } from '../../shared/domain/trip';

const kinds = MEDICAL_TRIP_ITEM_KINDS.map((kind) => `'${kind}'`).join(', ');

/**
 * Migration 26 (issue 14, item 8): a deleted trip stored before the trips push rule looked at tombstones may hold the title, place
 * or notes of a medical item in clear, and no device seals a deleted trip. Its items go (a tombstone needs none);
 * it gets a new sequence number so that devices holding the same tombstone pull the emptied one.
 */
export const deletedTripDetailsMigration = {
  version: 26,
  name: 'deleted trips keep no medical details in clear',
  sql: `
    UPDATE sync_documents
       SET data = jsonb_set(data, '{items}', '[]'::jsonb), seq = nextval('sync_seq'), server_updated_at = now()
     WHERE collection = 'trips'
       AND deleted
       AND jsonb_typeof(data->'items') = 'array'
       AND EXISTS (
         SELECT 1 FROM jsonb_array_elements(data->'items') AS item
          WHERE item->>'kind' IN (${kinds})
            AND (item ? 'title' OR item ? 'location' OR item ? 'notes')
       );
  `,
};
