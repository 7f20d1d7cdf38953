import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { erasureRequestValue } from './erasure-request';

describe('the erasure request a medical-data withdrawal logs', () => {
  it('asks for the medical section alone, not the whole client', () => {
    const withdrawal = {
      id: '00000000-0000-4000-8000-00000000000a',
      clientId: '00000000-0000-4000-8000-000000000001',
      method: 'email',
    } as ConsentRecord;
    expect(erasureRequestValue(withdrawal)).toMatchObject({
      clientId: withdrawal.clientId,
      type: 'erasure',
      erasureScope: 'medical',
      channel: 'email',
      requesterKind: 'client',
    });
  });
});
