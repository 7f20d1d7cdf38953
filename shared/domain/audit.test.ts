import { describe, expect, it } from 'vitest';
import {
  auditEventSchema,
  auditInputProblem,
  isLegacyEntry,
  migrateAuditEventV0,
  unsealEntry,
  type AuditEvent,
} from './audit';
import type { MedicalField } from './medical';
import { onWire, schemaProblems, wireValidator } from '../../tests/support/wire-schema';

const validate = wireValidator(auditEventSchema);
const base: AuditEvent = {
  id: '00000000-0000-4000-8000-0000000000e1',
  kind: 'medical-unsealed',
  staffId: '00000000-0000-4000-8000-0000000000aa',
  deviceId: '00000000-0000-4000-8000-0000000000d1',
  clientId: '00000000-0000-4000-8000-000000000001',
  fields: ['history'],
  at: 1_790_000_000_000,
  seq: 1,
  prevHash: 'A'.repeat(43),
  signature: 'B'.repeat(86),
  assignedStaffIds: ['00000000-0000-4000-8000-0000000000aa'],
};

describe('unsealEntry', () => {
  it('names the client and the fields opened, in the medical order', () => {
    expect(unsealEntry(['plannedTreatments', 'history', 'history'], base.clientId!)).toEqual({
      kind: 'medical-unsealed',
      clientId: base.clientId,
      fields: ['history', 'plannedTreatments'],
    });
  });

  it('refuses an unsealing of nothing, or of something that is not a medical field', () => {
    expect(() => unsealEntry([], base.clientId!)).toThrow(RangeError);
    expect(() => unsealEntry(['history', 'names' as MedicalField], base.clientId!)).toThrow(RangeError);
  });
});

describe('the entry schema (version 1)', () => {
  it('accepts a chained entry, and one about no client', () => {
    expect(validate(onWire(base)), JSON.stringify(validate.errors)).toBe(true);
    const { clientId, ...unlock } = { ...base, kind: 'unlocked' as const, fields: [] };
    void clientId;
    expect(validate(onWire(unlock))).toBe(true);
    expect(schemaProblems(auditEventSchema.properties)).toEqual([]);
  });

  it('carries names only: a value, free text or an extra field is refused', () => {
    expect(validate(onWire({ ...base, details: 'penicillin' }))).toBe(false);
    expect(validate(onWire({ ...base, fields: ['penicillin allergy'] }))).toBe(false);
    expect(validate(onWire({ ...base, target: 'Aiko Sato' }))).toBe(false);
    expect(validate(onWire({ ...base, fields: ['history', 'history'] }))).toBe(false);
  });

  it('refuses a malformed chain link or signature', () => {
    expect(validate(onWire({ ...base, prevHash: 'short' }))).toBe(false);
    expect(validate(onWire({ ...base, signature: '!'.repeat(86) }))).toBe(false);
    expect(validate(onWire({ ...base, seq: -1 }))).toBe(false);
  });
});

describe('version 0 events', () => {
  it('become legacy entries as they were: seq 0, no chain, nothing lost', () => {
    const v0 = {
      id: base.id,
      kind: 'medical-unsealed' as const,
      staffId: base.staffId,
      deviceId: base.deviceId,
      clientId: base.clientId!,
      fields: ['history', 'allergies'] as MedicalField[],
      at: 1_700_000_000_000,
      assignedStaffIds: base.assignedStaffIds,
    };
    const migrated = migrateAuditEventV0(v0);
    expect(migrated).toEqual({ ...v0, seq: 0, legacy: true });
    expect(isLegacyEntry(migrated)).toBe(true);
    expect(isLegacyEntry(base)).toBe(false);
    expect(validate(onWire(migrated))).toBe(true);
  });
});

describe('auditInputProblem', () => {
  it('wants a client for a view of medical data, names only in fields', () => {
    expect(auditInputProblem({ kind: 'unlocked', fields: [] })).toBeUndefined();
    expect(auditInputProblem({ kind: 'trip-medical-opened', fields: ['medical'] })).toBe('client');
    expect(auditInputProblem({ kind: 'passport-viewed', clientId: base.clientId, fields: ['a b'] })).toBe(
      'fields',
    );
    expect(auditInputProblem({ kind: 'nope' as never, fields: [] })).toBe('kind');
  });
});
