import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import { auditEntryHash, type ChainHead } from '../../shared/crypto/audit-chain';
import {
  AUDIT_EXPORT_FORMAT,
  AUDIT_NDJSON_FORMAT,
  AuditLogVerifier,
  type AuditExportEnd,
  type AuditNdjsonHeader,
  verifyAuditExport,
  verifyCheckpoint,
  type AuditCheckpoint,
} from '../../shared/crypto/audit-verify';
import { decodeBase64Url, toBase64Url } from '../../shared/crypto/encoding';
import { authPaths } from '../../shared/index';
import type { AuditEvent } from '../../shared/domain/audit';
import {
  auditPaths,
  type AuditChainStop,
  type AuditDeviceKey,
  type StaffEventView,
} from '../../shared/domain/audit-api';
import type { Role } from '../../shared/index';
import { auditChainOf } from '../../tests/support/audit-log';
import { clientId, pushAs, seedClients } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';

const sodium = await loadSodium();

/** The test device as a signer: only its id and signing key are used. */
const signerOf = (staff: TestStaff) =>
  ({
    staffId: staff.deviceId,
    signSecretKey: staff.keys.signSecretKey,
    signPublicKey: decodeBase64Url(staff.keys.registration.signPublicKey)!,
  }) as StaffIdentity;

for (const engine of testEngines) {
  describe(`the access log's chain, enforced by the server on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    const stored = async () =>
      (
        await handle.db.query<{ id: string; data: AuditEvent }>(
          `SELECT id, data FROM sync_documents WHERE collection = 'auditEvents' ORDER BY id`,
        )
      ).map((row) => JSON.stringify(row));
    /** Pushes, expecting a refusal for `reason` that leaves the stored log as it was. */
    const refused = async (as: TestStaff, entries: object[], reason: string) => {
      const before = await stored();
      const res = await pushAs(server, as, 'auditEvents', entries);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ reason });
      expect(await stored()).toEqual(before);
    };
    const accepted = async (as: TestStaff, entries: object[]) => {
      const res = await pushAs(server, as, 'auditEvents', entries);
      expect(res.statusCode, res.body).toBe(200);
    };
    const wire = (entry: AuditEvent, extra: object = {}) => ({ ...entry, _deleted: false, ...extra });

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [[1, [staff.concierge.staffId]]]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('accepts a device’s chain link by link, in one push or several, and a retry of an entry', async () => {
      const me = staff.concierge;
      const { entries } = auditChainOf(sodium, signerOf(me), 5, {
        staffId: me.staffId,
        clientId: clientId(1),
        assignedStaffIds: [me.staffId],
      });
      await accepted(
        me,
        entries.slice(0, 3).map((e) => wire(e)),
      );
      await accepted(me, [wire(entries[2]!)]);
      await accepted(
        me,
        entries.slice(3).map((e) => wire(e)),
      );
      const heads = await handle.db.query<{ seq: number }>(
        'SELECT seq FROM audit_chain WHERE device_id = $1 ORDER BY seq',
        [me.deviceId],
      );
      expect(heads.map((row) => Number(row.seq))).toEqual([1, 2, 3, 4, 5]);
    });

    describe('refuses, leaving the log as it was', () => {
      const me = () => staff.coordinator;
      let entries: AuditEvent[];
      let head: ChainHead;
      beforeAll(async () => {
        ({ entries, head } = auditChainOf(sodium, signerOf(me()), 6, {
          staffId: me().staffId,
          kind: 'unlocked',
        }));
        await accepted(
          me(),
          entries.slice(0, 2).map((e) => wire(e)),
        );
        head = { seq: 2, hash: auditEntryHash(sodium, entries[1]!) };
      });

      it('a flipped byte', async () => {
        await refused(me(), [wire(entries[2]!, { at: entries[2]!.at + 1 })], 'audit-signature');
        const sig = entries[2]!.signature!;
        const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
        await refused(me(), [wire(entries[2]!, { signature: flipped })], 'audit-signature');
      });

      it('a reorder, and a deletion (a gap)', async () => {
        await refused(me(), [wire(entries[3]!), wire(entries[2]!)], 'audit-gap');
        await refused(me(), [wire(entries[2]!), wire(entries[4]!)], 'audit-gap');
      });

      it('a replay of a number the chain holds, under a new id', async () => {
        const again = auditChainOf(sodium, signerOf(me()), 1, {
          staffId: me().staffId,
          start: { seq: 1, hash: auditEntryHash(sodium, entries[0]!) },
          idOf: () => '00000000-0000-4000-8000-00000000aaaa',
        }).entries[0]!;
        await refused(me(), [wire(again)], 'audit-replay');
      });

      it('a fork: the next number over another history', async () => {
        const other = auditChainOf(sodium, signerOf(me()), 1, {
          staffId: me().staffId,
          start: { seq: 2, hash: auditEntryHash(sodium, entries[0]!) },
          idOf: () => '00000000-0000-4000-8000-00000000bbbb',
        }).entries[0]!;
        await refused(me(), [wire(other)], 'audit-fork');
      });

      it('an edit or a deletion of a pushed entry', async () => {
        const res = await server.app.inject({
          method: 'POST',
          url: '/sync/auditEvents/push',
          headers: me().headers,
          payload: [
            { newDocumentState: wire(entries[0]!, { fields: ['x'] }), assumedMasterState: wire(entries[0]!) },
          ],
        });
        expect(res.json()).toMatchObject({ reason: 'audit-event-immutable' });
        await refused(me(), [wire(entries[1]!, { _deleted: true })], 'audit-event-immutable');
      });

      it('a device’s rewrite of its unpushed local log, at push', async () => {
        // Entry 3 edited on the device after it was signed: its signature no longer holds.
        await refused(
          me(),
          [wire(entries[2]!, { fields: ['history'] }), wire(entries[3]!)],
          'audit-signature',
        );
        // Entry 3 deleted from the device, entries 4 and 5 pushed: a gap.
        await refused(me(), [wire(entries[3]!), wire(entries[4]!)], 'audit-gap');
        // History re-signed from entry 2 on (a rewrite of what the server holds): the rewritten 2 is a replay,
        // and the entries after it do not link to the server's head.
        const rewritten = auditChainOf(sodium, signerOf(me()), 3, {
          staffId: me().staffId,
          start: { seq: 1, hash: auditEntryHash(sodium, entries[0]!) },
          idOf: (seq) => `00000000-0000-4000-8000-0000000cc${String(seq).padStart(3, '0')}`,
        }).entries;
        await refused(me(), [wire(rewritten[0]!)], 'audit-replay');
        await refused(me(), [wire(rewritten[1]!)], 'audit-fork');
        // The untouched chain still goes on.
        await accepted(
          me(),
          entries.slice(2).map((e) => wire(e)),
        );
        expect(head.seq).toBe(2);
      });

      it('a new legacy (unsigned, unchained) entry', async () => {
        const { signature, prevHash, ...rest } = entries[2]!;
        void signature;
        void prevHash;
        const id = '00000000-0000-4000-8000-00000000eeee';
        await refused(me(), [wire({ ...rest, id, seq: 0, legacy: true })], 'audit-legacy-refused');
      });
      it('an entry signed by another device', async () => {
        const { entries: theirs } = auditChainOf(sodium, signerOf(staff.manager), 1, {
          staffId: me().staffId,
          idOf: () => '00000000-0000-4000-8000-00000000dddd',
        });
        await refused(me(), [wire({ ...theirs[0]!, deviceId: me().deviceId })], 'audit-signature');
      });
    });

    it('signs checkpoints of every chain head, verifiable with the served key, and the exported log verifies', async () => {
      const admin = staff.admin;
      const made = await server.app.inject({
        method: 'POST',
        url: auditPaths.checkpoints,
        headers: admin.headers,
      });
      expect(made.statusCode).toBe(201);
      const checkpoint = made.json<AuditCheckpoint>();
      expect(checkpoint.heads.map((h) => h.seq).sort()).toEqual([5, 6]);
      const key = (
        await server.app.inject({ method: 'GET', url: auditPaths.serverKey, headers: admin.headers })
      ).json<{
        publicKey: string;
      }>().publicKey;
      expect(verifyCheckpoint(sodium, checkpoint, decodeBase64Url(key)!)).toBe(true);
      expect(checkpoint.legacy).toMatchObject({ count: 0 });
      // Nothing moved: the same checkpoint.
      const again = await server.app.inject({
        method: 'POST',
        url: auditPaths.checkpoints,
        headers: admin.headers,
      });
      expect(again.json<AuditCheckpoint>().id).toBe(checkpoint.id);
      const managerTries = await server.app.inject({
        method: 'POST',
        url: auditPaths.checkpoints,
        headers: staff.manager.headers,
      });
      expect(managerTries.statusCode).toBe(403);

      const pulled = await server.app.inject({
        method: 'GET',
        url: '/sync/auditEvents/pull?after=0&limit=1000',
        headers: admin.headers,
      });
      const entries = pulled
        .json<{ documents: (AuditEvent & { _deleted?: boolean })[] }>()
        .documents.map(({ _deleted, ...entry }) => (void _deleted, entry as AuditEvent));
      const devices = (
        await server.app.inject({ method: 'GET', url: auditPaths.devices, headers: staff.manager.headers })
      ).json<AuditDeviceKey[]>();
      const checkpoints = (
        await server.app.inject({ method: 'GET', url: auditPaths.checkpoints, headers: admin.headers })
      ).json<AuditCheckpoint[]>();
      const log = {
        format: AUDIT_EXPORT_FORMAT,
        exportedAt: Date.now(),
        entries: [...entries].sort((a, b) => a.seq - b.seq),
        devices,
        checkpoints,
        serverPublicKey: key,
      } as const;
      expect(verifyAuditExport(sodium, log)).toMatchObject({ ok: true, chained: 11, checkpointsChecked: 1 });
      // The checkpoint signed each device's public key with its head (the verifier holds the export's to it).
      const keyOf = new Map(devices.map((d) => [d.deviceId, d.signPublicKey]));
      expect(checkpoint.heads.every((h) => h.key !== undefined && h.key === keyOf.get(h.deviceId))).toBe(
        true,
      );
    });

    it('streams the whole log as NDJSON ending with its signed end: it verifies, and a cut one does not', async () => {
      const res = await server.app.inject({
        method: 'GET',
        url: auditPaths.export,
        headers: staff.manager.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/x-ndjson');
      const lines = res.body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const header = lines[0] as unknown as AuditNdjsonHeader;
      expect(header.format).toBe(AUDIT_NDJSON_FORMAT);
      const { end } = lines[lines.length - 1] as { end: AuditExportEnd };
      expect(end.entries).toBe(11);
      const entries = lines.slice(1, -1) as unknown as AuditEvent[];
      const check = (list: AuditEvent[]) => {
        const verifier = new AuditLogVerifier(sodium, header, { signatures: 'heads', requireEnd: true });
        for (const entry of list) verifier.add(entry);
        return verifier.finish(end);
      };
      expect(check(entries)).toMatchObject({ ok: true, entries: 11, chained: 11 });
      expect(check(entries.slice(0, -1)).broken).toMatchObject({ problem: 'truncated' });
      const concierge = await server.app.inject({
        method: 'GET',
        url: auditPaths.export,
        headers: staff.concierge.headers,
      });
      expect(concierge.statusCode).toBe(403);
    });
    it('serves the staff and device events and receipt times to the admin and managers alone', async () => {
      const events = await server.app.inject({
        method: 'GET',
        url: auditPaths.staffEvents,
        headers: staff.manager.headers,
      });
      expect(events.statusCode).toBe(200);
      expect(events.json<StaffEventView[]>().some((e) => e.kind.length > 0)).toBe(true);
      // Newest first by default, a page at a time before an id; oldest first after an id.
      const get = async (query: string) =>
        (
          await server.app.inject({
            method: 'GET',
            url: `${auditPaths.staffEvents}?${query}`,
            headers: staff.admin.headers,
          })
        ).json<StaffEventView[]>();
      // Logins: each session opened with the server, and a refused one (a bad signature), by device.
      const challenge = await server.app.inject({
        method: 'POST',
        url: authPaths.challenge,
        payload: { deviceId: staff.concierge.deviceId },
      });
      const refusedLogin = await server.app.inject({
        method: 'POST',
        url: authPaths.session,
        payload: {
          challengeId: challenge.json<{ challengeId: string }>().challengeId,
          deviceId: staff.concierge.deviceId,
          signature: toBase64Url(new Uint8Array(64)),
        },
      });
      expect(refusedLogin.statusCode).toBe(401);
      const logins = (await get('limit=5000')).filter((e) => e.deviceId === staff.concierge.deviceId);
      expect(logins.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['session-opened', 'session-refused']),
      );
      expect(logins.find((e) => e.kind === 'session-opened')).toMatchObject({
        actor: staff.concierge.staffId,
        staffId: staff.concierge.staffId,
      });
      const all = (await get('after=0&limit=5000')).map((e) => e.id);
      expect(all.length).toBeGreaterThan(4);
      expect(all).toEqual([...all].sort((a, b) => a - b));
      const first = await get('limit=2');
      expect(first.map((e) => e.id)).toEqual(all.slice(-2).reverse());
      const second = await get(`limit=2&before=${first[1]!.id}`);
      expect(second.map((e) => e.id)).toEqual(all.slice(-4, -2).reverse());
      const receipts = await server.app.inject({
        method: 'GET',
        url: auditPaths.receipts,
        headers: staff.admin.headers,
      });
      expect(receipts.json<unknown[]>()).toHaveLength(11);
      // Each refused entry stopped its device's chain there: the console lists the coordinator's device, from its
      // first refusal (a flipped byte at seq 3), and not the concierge's, whose pushes all passed.
      const stops = (
        await server.app.inject({ method: 'GET', url: auditPaths.chainStops, headers: staff.manager.headers })
      ).json<AuditChainStop[]>();
      expect(stops).toHaveLength(1);
      expect(stops[0]).toMatchObject({
        deviceId: staff.coordinator.deviceId,
        staffId: staff.coordinator.staffId,
        seq: 3,
        reason: 'audit-signature',
      });
      expect(stops[0]!.refusals).toBeGreaterThanOrEqual(10);
      for (const role of ['concierge', 'coordinator'] as const) {
        const res = await server.app.inject({
          method: 'GET',
          url: auditPaths.staffEvents,
          headers: staff[role].headers,
        });
        expect(res.statusCode).toBe(403);
      }
    });
  });
}
