import { describe, expect, it } from 'vitest';
import { auditInputProblem } from './audit';
import {
  clientExportEntry,
  consentEntry,
  deviceApprovalEntry,
  deviceRevocationEntry,
  erasureEntry,
  passportViewEntry,
  printMedicalEntry,
  requestHandledEntry,
  roleChangeEntry,
  sharePackageEntry,
} from './audit-entries';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the call sites’ access-log entries', () => {
  const entries = [
    passportViewEntry(id(1)),
    printMedicalEntry({ id: id(2), clientId: id(1) }),
    clientExportEntry(id(1), 'json', id(3)),
    clientExportEntry(id(1), 'report'),
    consentEntry({ id: id(4), clientId: id(1), action: 'given', purpose: 'medical-data' }),
    consentEntry({ id: id(5), clientId: id(1), action: 'withdrawn', purpose: 'marketing' }),
    requestHandledEntry({ id: id(6), clientId: id(1) }, ['verification', 'status', 'status']),
    roleChangeEntry(id(7), 'manager'),
    deviceApprovalEntry(id(8)),
    deviceRevocationEntry(id(7), 'staff'),
    sharePackageEntry(id(1), id(9), ['medical', 'passport', 'medical']),
    erasureEntry(id(10)),
  ];

  it('are each loggable (names only, a client where the kind needs one)', () => {
    for (const entry of entries) expect(auditInputProblem(entry)).toBeUndefined();
  });

  it('name fields from the catalogue and targets by id: a free token (a passport number) is refused', () => {
    expect(auditInputProblem({ kind: 'passport-viewed', clientId: id(1), fields: ['TZ1234567'] })).toBe(
      'fields',
    );
    expect(auditInputProblem({ kind: 'passport-viewed', clientId: id(1), fields: ['tanaka'] })).toBe(
      'fields',
    );
    expect(auditInputProblem({ kind: 'unlocked', fields: [], target: 'TZ1234567' })).toBe('target');
    expect(
      auditInputProblem({ kind: 'review', fields: [`out-of-hours:${id(7)}`], target: 'week:2026-12-07' }),
    ).toBe(undefined);
    expect(
      requestHandledEntry({ id: id(6), clientId: id(1) }, ['status', 'TZ1234567', 'updatedAt']).fields,
    ).toEqual(['status']);
  });

  it('say what happened by kind and name', () => {
    expect(entries.map((e) => e.kind)).toEqual([
      'passport-viewed',
      'printed-medical',
      'exported',
      'exported',
      'consent-recorded',
      'consent-withdrawn',
      'request-handled',
      'role-changed',
      'device-approved',
      'device-revoked',
      'share-package-built',
      'erased',
    ]);
    expect(entries[10]!.fields).toEqual(['medical', 'passport']);
    expect(entries[6]!.fields).toEqual(['verification', 'status']);
    expect(entries[3]).not.toHaveProperty('target');
  });

  it('keep a field name that is not a plain name out of a request entry', () => {
    expect(
      requestHandledEntry({ id: id(6), clientId: id(1) }, ['answer', 'a value with spaces']).fields,
    ).toEqual(['answer']);
  });
});
