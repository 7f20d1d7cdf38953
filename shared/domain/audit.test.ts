import { describe, expect, it } from 'vitest';
import { auditEventSchema, unsealEvent } from './audit';
import type { MedicalField } from './medical';
import { onWire, schemaProblems, wireValidator } from '../../tests/support/wire-schema';

const validate = wireValidator(auditEventSchema);
const input = {
  id: '00000000-0000-4000-8000-0000000000e1',
  staffId: '00000000-0000-4000-8000-0000000000aa',
  deviceId: '00000000-0000-4000-8000-0000000000d1',
  clientId: '00000000-0000-4000-8000-000000000001',
  at: 1_790_000_000_000,
  assignedStaffIds: ['00000000-0000-4000-8000-0000000000aa'],
};

describe('unsealEvent', () => {
  it('records who opened which fields of whose medical section, where and when', () => {
    const event = unsealEvent({ ...input, fields: ['plannedTreatments', 'history', 'history'] });
    expect(event).toEqual({ ...input, kind: 'medical-unsealed', fields: ['history', 'plannedTreatments'] });
    expect(validate(onWire(event)), JSON.stringify(validate.errors)).toBe(true);
    expect(schemaProblems(auditEventSchema.properties)).toEqual([]);
  });

  it('refuses an unsealing of nothing, or of something that is not a medical field', () => {
    expect(() => unsealEvent({ ...input, fields: [] })).toThrow(RangeError);
    expect(() => unsealEvent({ ...input, fields: ['history', 'names' as MedicalField] })).toThrow(RangeError);
  });

  it('carries names of fields only: the schema refuses anything else', () => {
    const event = unsealEvent({ ...input, fields: ['allergies'] });
    expect(validate(onWire({ ...event, details: 'penicillin' }))).toBe(false);
    expect(validate(onWire({ ...event, fields: ['penicillin'] }))).toBe(false);
    expect(validate(onWire({ ...event, fields: [] }))).toBe(false);
  });
});
