import { describe, expect, it } from 'vitest';
import { newClient } from '../../../shared/index';
import { springTrip } from '../../../tests/support/trip-fixtures';
import { collectionRegistry } from '../../../shared/sync/registry';
import { strictIdsCheck } from './strict-ids';

const STRICT = '00000000-0000-4000-8000-000000000001';
const LOOSE = 'a'.repeat(36);

describe('strictIdsCheck', () => {
  it('accepts what the app makes and refuses an id the server no longer takes, wherever it is', () => {
    const clients = strictIdsCheck(collectionRegistry.clients.schema);
    expect(clients(newClient(STRICT, { latin: 'Aiko' }, 1, [STRICT]))).toBe(true);
    expect(clients(newClient(LOOSE, { latin: 'Aiko' }, 1))).toBe(false);
    expect(clients(newClient(STRICT, { latin: 'Aiko' }, 1, [LOOSE]))).toBe(false);
    // Free text that merely looks like an id is not an id.
    expect(clients(newClient(STRICT, { latin: LOOSE }, 1))).toBe(true);
  });

  it('refuses a child naming a client by such an id', () => {
    const trips = strictIdsCheck(collectionRegistry.trips.schema);
    expect(trips(springTrip())).toBe(true);
    expect(trips({ ...springTrip(), clientId: LOOSE })).toBe(false);
  });
});
