import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import {
  auditEntryHash,
  chainNextEntry,
  signAuditEntry,
  type ChainHead,
} from '../../shared/crypto/audit-chain';
import {
  AuditLogVerifier,
  type AuditExportEnd,
  type AuditNdjsonHeader,
} from '../../shared/crypto/audit-verify';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import { RESUME_KIND, type AuditEvent } from '../../shared/domain/audit';
import { auditPaths, type AuditChainStop, type AuditOwnChain } from '../../shared/domain/audit-api';
import type { Role } from '../../shared/index';
import { auditChainOf } from '../../tests/support/audit-log';
import { pushAs } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';

const sodium = await loadSodium();
const signerOf = (staff: TestStaff) =>
  ({
    staffId: staff.deviceId,
    signSecretKey: staff.keys.signSecretKey,
    signPublicKey: decodeBase64Url(staff.keys.registration.signPublicKey)!,
  }) as StaffIdentity;
const wire = (entry: AuditEvent) => ({ ...entry, _deleted: false });
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A resume of `who`'s chain linking to `head`, numbered `seq`, naming `target`. */
function resumeOf(who: TestStaff, head: ChainHead, seq: number, target: string, n: number): AuditEvent {
  return signAuditEntry(
    sodium,
    {
      id: id(n),
      kind: RESUME_KIND,
      staffId: who.staffId,
      deviceId: who.deviceId,
      fields: [],
      target,
      at: 1_790_000_500_000 + n,
      seq,
      prevHash: head.hash,
      assignedStaffIds: [who.staffId],
    },
    signerOf(who),
  );
}

/**
 * A stopped chain resumed (docs/crypto-spec.md, "Resuming a stopped chain"): the server accepts a resume only for
 * a refusal it recorded, naming the entry it refused first and linking to its head; the stop is then shown as
 * resumed, entries the resume skipped are not stops any more, the export counts and verifies.
 */
for (const engine of testEngines) {
  describe(`a stopped access-log chain resumed, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    const get = async <T>(path: string, as: TestStaff) =>
      (await server.app.inject({ method: 'GET', url: path, headers: as.headers })).json<T>();

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('refuses a resume without a refusal, accepts one that answers it, and the log verifies', async () => {
      const me = staff.concierge;
      const { entries } = auditChainOf(sodium, signerOf(me), 4, { staffId: me.staffId, kind: 'unlocked' });
      expect((await pushAs(server, me, 'auditEvents', entries.slice(0, 2).map(wire))).statusCode).toBe(200);
      const head: ChainHead = { seq: 2, hash: auditEntryHash(sodium, entries[1]!) };
      // A chain that never stopped has nothing to resume (another device: the refusal stops its chain).
      const other = staff.coordinator;
      const early = await pushAs(server, other, 'auditEvents', [
        wire(resumeOf(other, { seq: 0, hash: entries[0]!.prevHash! }, 3, entries[2]!.id, 1)),
      ]);
      expect(early.statusCode).toBe(403);
      expect(early.json()).toMatchObject({ reason: 'audit-resume-without-stop' });
      // Entry 3 altered after signing: refused, the chain stops; entry 4 (linked to the real 3) is held.
      const altered = { ...entries[2]!, at: entries[2]!.at + 1 };
      expect((await pushAs(server, me, 'auditEvents', [wire(altered)])).statusCode).toBe(403);
      expect(await get<AuditOwnChain>(auditPaths.ownChain, me)).toEqual({
        head,
        stop: { entryId: altered.id, seq: 3, reason: 'audit-signature' },
      });
      const stuck = (await get<AuditChainStop[]>(auditPaths.chainStops, staff.admin)).find(
        (s) => s.deviceId === me.deviceId,
      );
      expect(stuck).toMatchObject({ entryId: altered.id, seq: 3 });
      expect(stuck!.resumedBy).toBeUndefined();
      // A resume naming another entry, or linking elsewhere, is refused.
      const wrong = await pushAs(server, me, 'auditEvents', [wire(resumeOf(me, head, 5, entries[3]!.id, 2))]);
      expect(wrong.json()).toMatchObject({ reason: 'audit-resume-without-stop' });
      const forked = resumeOf(me, { seq: 2, hash: auditEntryHash(sodium, entries[0]!) }, 5, altered.id, 3);
      expect((await pushAs(server, me, 'auditEvents', [wire(forked)])).json()).toMatchObject({
        reason: 'audit-fork',
      });
      // The resume: past 3 and 4, linked to the head, naming the refused entry; then a copy of 4 and more.
      const resume = resumeOf(me, head, 5, altered.id, 4);
      const copy = chainNextEntry(
        sodium,
        { seq: 5, hash: auditEntryHash(sodium, resume) },
        {
          id: id(5),
          kind: 'unlocked',
          staffId: me.staffId,
          deviceId: me.deviceId,
          fields: [],
          at: entries[3]!.at,
          assignedStaffIds: [me.staffId],
        },
        signerOf(me),
      );
      const res = await pushAs(server, me, 'auditEvents', [wire(resume), wire(copy.entry)]);
      expect(res.statusCode, res.body).toBe(200);
      expect(await get<AuditOwnChain>(auditPaths.ownChain, me)).toEqual({ head: copy.head });
      // The held entry 4, pushed after the resume: refused (it links to the refused 3), but not a new stop.
      expect((await pushAs(server, me, 'auditEvents', [wire(entries[3]!)])).statusCode).toBe(403);
      const stops = (await get<AuditChainStop[]>(auditPaths.chainStops, staff.admin)).filter(
        (s) => s.deviceId === me.deviceId,
      );
      expect(stops).toHaveLength(1);
      expect(stops[0]).toMatchObject({ entryId: altered.id, resumedBy: resume.id });
      expect(stops[0]!.resumedAt).toBeGreaterThan(0);
      expect(await get<AuditOwnChain>(auditPaths.ownChain, me)).toEqual({ head: copy.head });
      // A second resume for the answered stop is refused.
      const again = resumeOf(me, copy.head, 9, altered.id, 6);
      expect((await pushAs(server, me, 'auditEvents', [wire(again)])).json()).toMatchObject({
        reason: 'audit-resume-without-stop',
      });

      // The whole log exported: counted (not summed from the seqs), verified, the skip reported.
      const lines = (
        await server.app.inject({ method: 'GET', url: auditPaths.export, headers: staff.admin.headers })
      ).body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const header = lines[0] as unknown as AuditNdjsonHeader;
      const { end } = lines[lines.length - 1] as { end: AuditExportEnd };
      const exported = lines.slice(1, -1) as unknown as AuditEvent[];
      expect(exported.filter((e) => e.deviceId === me.deviceId).map((e) => e.seq)).toEqual([1, 2, 5, 6]);
      expect(end.entries).toBe(exported.length);
      const verifier = new AuditLogVerifier(sodium, header, { signatures: 'all', requireEnd: true });
      for (const entry of exported) verifier.add(entry);
      const verified = verifier.finish(end);
      expect(verified).toMatchObject({ ok: true, entries: exported.length });
      expect(verified.resumed).toEqual([{ deviceId: me.deviceId, from: 3, to: 4, refused: altered.id }]);
    });

    it('tells a device only its own chain', async () => {
      const res = await server.app.inject({ method: 'GET', url: auditPaths.ownChain });
      expect(res.statusCode).toBe(401);
      expect(await get<AuditOwnChain>(auditPaths.ownChain, staff.manager)).toEqual({
        head: { seq: 0, hash: expect.any(String) },
      });
    });
  });
}
