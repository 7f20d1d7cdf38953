import { describe, expect, it } from 'vitest';
import type { DataSubjectRequest } from './request';
import { DAY_MS, requestsRestingOn, type ErasureSeenWithId } from './request-rules';

const T0 = Date.UTC(2026, 11, 1, 9);
const CLIENT = '00000000-0000-4000-8000-000000000001';
const STAFF = '00000000-0000-4000-8000-000000000010';

type Seen = Pick<
  DataSubjectRequest,
  'clientId' | 'receivedAt' | 'erasureScope' | 'type' | 'status' | 'action'
>;
const request = (overrides: Partial<Seen> = {}): Seen => ({
  clientId: CLIENT,
  receivedAt: T0,
  type: 'erasure',
  status: 'answered',
  action: { kind: 'erasure-scheduled', by: STAFF, at: T0 + DAY_MS },
  ...overrides,
});
const erasure = (id: string, overrides: Partial<ErasureSeenWithId> = {}): ErasureSeenWithId => ({
  id,
  clientId: CLIENT,
  status: 'scheduled',
  scheduledAt: T0 + DAY_MS,
  ...overrides,
});

describe('the requests an erasure’s cancellation would leave unanswered (issue 16 review F2)', () => {
  const whole = erasure('a');

  it('an answered request, or an open one with the erasure recorded, rests on the erasure answering it', () => {
    expect(requestsRestingOn(whole, [request()], [whole])).toHaveLength(1);
    expect(requestsRestingOn(whole, [request({ status: 'in-progress' })], [whole])).toHaveLength(1);
  });

  it('nothing rests on it without a recorded action, once refused or withdrawn, or when it does not answer', () => {
    const none = [
      request({ status: 'in-progress', action: undefined }),
      request({ status: 'refused' }),
      request({ status: 'withdrawn' }),
      request({ type: 'cessation-of-use' }),
      request({ receivedAt: T0 + 2 * DAY_MS }),
      request({ clientId: STAFF }),
    ];
    expect(requestsRestingOn(whole, none, [whole])).toEqual([]);
    // A medical-only erasure does not answer a request of the whole client.
    const medical = erasure('b', { scope: 'medical' });
    expect(requestsRestingOn(medical, [request()], [medical])).toEqual([]);
  });

  it('nothing rests on it while another standing erasure answers the request too', () => {
    const medical = erasure('b', { scope: 'medical' });
    const scoped = request({ erasureScope: 'medical' });
    expect(requestsRestingOn(medical, [scoped], [medical])).toHaveLength(1);
    expect(requestsRestingOn(medical, [scoped], [medical, whole])).toEqual([]);
    expect(requestsRestingOn(medical, [scoped], [medical, { ...whole, status: 'cancelled' }])).toHaveLength(
      1,
    );
  });
});
