import { describe, expect, it, vi } from 'vitest';
import { parkedEn, parkedJa } from './messages';
import { whyOf, type ParkedChange } from './parked-data';

// The session (and the host bridge it reads) is not needed to say why a change was refused.
vi.mock('../../session/index', () => ({ useSession: () => undefined }));

const change = (fields: Partial<ParkedChange>): ParkedChange => ({
  key: 'provisions:x:1',
  collection: 'provisions',
  documentId: '00000000-0000-4000-8000-000000000001',
  refused: { kind: 'provided' },
  server: undefined,
  status: 403,
  reason: 'forbidden',
  needs: 'write:provisions:provision',
  parkedAt: 1,
  ...fields,
});

describe('why a parked change was refused', () => {
  it('says in plain words that a delivery record comes only from registering the delivery', () => {
    const why = whyOf(change({ reason: 'provision-provided-by-delivery-only' }));
    expect(why).toBe('deliveryOnly');
    expect(parkedEn.why[why]).toContain('Build and save the package');
    expect(parkedJa.why[why]).toContain('パッケージを作成して保存');
    expect(parkedEn.kind.provisions).toBe('Provision record');
    // Any other refusal of the provision rule stays a rule's refusal.
    expect(whyOf(change({ reason: 'provision-record-immutable' }))).toBe('rule');
  });
});
