import { describe, expect, it } from 'vitest';
import { RESUME_KIND, auditInputProblem, type AuditEvent, type AuditEventKind } from '../domain/audit';
import { auditEntryHash, chainNextEntry, extendChain, signAuditEntry, type ChainHead } from './audit-chain';
import { AUDIT_EXPORT_FORMAT, verifyAuditExport, type AuditExport } from './audit-verify';
import { toBase64Url } from './encoding';
import { generateIdentity } from './identity';
import { loadSodium } from './sodium';
import { auditChainOf } from '../../tests/support/audit-log';

const sodium = await loadSodium();
const STAFF = '00000000-0000-4000-8000-0000000000aa';
const device = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d1');

/** The device's chain: entries 1–2 accepted by the server, 3 refused, 4 held after it. */
const { entries } = auditChainOf(sodium, device, 4, { staffId: STAFF, kind: 'unlocked' });
const accepted: ChainHead = { seq: 2, hash: auditEntryHash(sodium, entries[1]!) };
const refused = entries[2]!;

/** A resume numbered `seq`, linking to `head`, naming `target`. */
const resumeEntry = (seq: number, head: ChainHead, target = refused.id, kind: AuditEventKind = RESUME_KIND) =>
  signAuditEntry(
    sodium,
    {
      id: '00000000-0000-4000-8000-00000000e005',
      kind,
      staffId: STAFF,
      deviceId: device.staffId,
      fields: [],
      target,
      at: 1_790_000_100_000,
      seq,
      prevHash: head.hash,
      assignedStaffIds: [STAFF],
    },
    device,
  );

const logOf = (list: AuditEvent[]): AuditExport => ({
  format: AUDIT_EXPORT_FORMAT,
  exportedAt: 0,
  entries: list,
  devices: [{ deviceId: device.staffId, signPublicKey: toBase64Url(device.signPublicKey) }],
  checkpoints: [],
});

describe('a chain resumed after a refusal (crypto-spec, "Resuming a stopped chain")', () => {
  it('extends the head the server holds past the skipped seqs, only as a resume', () => {
    const resume = resumeEntry(5, accepted);
    expect(extendChain(sodium, accepted, resume, device.signPublicKey)).toEqual({
      head: { seq: 5, hash: auditEntryHash(sodium, resume) },
    });
    // Any other kind skipping seqs is still a gap; a resume naming another head is a fork.
    const skipping = resumeEntry(5, accepted, undefined, 'unlocked');
    expect(extendChain(sodium, accepted, skipping, device.signPublicKey)).toEqual({ problem: 'gap' });
    const elsewhere = resumeEntry(5, { seq: 2, hash: auditEntryHash(sodium, refused) });
    expect(extendChain(sodium, accepted, elsewhere, device.signPublicKey)).toEqual({ problem: 'fork' });
    expect(extendChain(sodium, accepted, resumeEntry(2, accepted), device.signPublicKey)).toEqual({
      problem: 'replay',
    });
  });

  it('is verified offline, the skipped seqs reported, and later entries chain on from it', () => {
    const resume = resumeEntry(5, accepted);
    const next = chainNextEntry(
      sodium,
      { seq: 5, hash: auditEntryHash(sodium, resume) },
      {
        id: '00000000-0000-4000-8000-00000000e006',
        kind: 'unlocked',
        staffId: STAFF,
        deviceId: device.staffId,
        fields: [],
        at: 1_790_000_200_000,
        assignedStaffIds: [STAFF],
      },
      device,
    ).entry;
    const verified = verifyAuditExport(sodium, logOf([entries[0]!, entries[1]!, resume, next]));
    expect(verified).toMatchObject({ ok: true, chained: 4 });
    expect(verified.resumed).toEqual([{ deviceId: device.staffId, from: 3, to: 4, refused: refused.id }]);
    // The refused entry's seq skipped by anything but a resume is a gap; a resume altered fails its link.
    expect(verifyAuditExport(sodium, logOf([entries[0]!, entries[1]!, next])).broken?.problem).toBe('gap');
    const altered = { ...resume, at: resume.at + 1 };
    const broken = verifyAuditExport(sodium, logOf([entries[0]!, entries[1]!, altered, next]), {
      signatures: 'all',
    });
    expect(broken.broken?.problem).toBe('signature');
  });

  it('names the refused entry by its id and nothing else', () => {
    expect(auditInputProblem({ kind: RESUME_KIND, fields: [], target: refused.id })).toBeUndefined();
    expect(auditInputProblem({ kind: RESUME_KIND, fields: [] })).toBe('target');
    expect(auditInputProblem({ kind: RESUME_KIND, fields: [], target: 'count:3' })).toBe('target');
    expect(auditInputProblem({ kind: RESUME_KIND, fields: ['passport'], target: refused.id })).toBe('fields');
  });
});
