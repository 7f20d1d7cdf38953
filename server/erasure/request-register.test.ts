import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, type Erasure } from '../../shared/domain/erasure';
import type { DataSubjectRequest } from '../../shared/domain/request';
import { collectionRegistry } from '../../shared/sync/registry';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, requestId, seedClients } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ChangeStore } from '../sync/change-store';
import { writeDocuments } from '../sync/documents';
import { ErasureStore } from './erasure-store';

const SECRET = 'Yumiko Registertest';
const T = 1_780_000_000_000;

/** A handled request full of personal free text, as the register holds it before the erasure. */
function richRequest(by: string, concierge: string): DataSubjectRequest {
  return {
    id: requestId(40),
    clientId: clientId(40),
    type: 'erasure',
    channel: 'email',
    receivedAt: T,
    receivedBy: by,
    details: `${SECRET} asks to be forgotten`,
    requester: {
      kind: 'representative',
      name: `${SECRET} senior`,
      relationship: 'father of Yumiko',
      evidence: 'power-of-attorney',
      checkedBy: by,
      checkedAt: T + 1,
    },
    residenceCountry: 'FR',
    gdprBasis: 'residence',
    dueAt: T + 30 * DAY_MS,
    extension: { reason: `${SECRET} is abroad`, by, at: T + 2 },
    verification: {
      method: 'photo-id-copy',
      outcome: 'verified',
      by,
      at: T + 3,
      notes: `${SECRET}'s licence`,
    },
    status: 'answered',
    handlerId: by,
    answer: {
      channel: 'email',
      summary: `Told ${SECRET} by mail`,
      partial: true,
      ground: 'legal-hold',
      by,
      at: T + 4,
    },
    notes: `${SECRET} called twice`,
    assignedStaffIds: [concierge],
    createdAt: T,
    updatedAt: T + 4,
  } as DataSubjectRequest;
}

for (const engine of testEngines) {
  describe(`an erasure keeps the request register reduced, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let store: ErasureStore;
    let erasure: Erasure;
    const t0 = Date.now();

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [[40, [staff.concierge.staffId]]]);
      const request = richRequest(staff.coordinator.staffId, staff.concierge.staffId);
      await handle.db.transaction((tx) =>
        writeDocuments(tx, 'requests', [
          { id: request.id, deleted: false, data: { ...request }, former_assignees: [] },
        ]),
      );
      store = new ErasureStore(handle.db, new ChangeStore(handle.db));
      erasure = await store.schedule(staff.admin.staffId, { clientId: clientId(40), basis: 'request' }, t0);
      expect((await store.run(t0 + 30 * DAY_MS)).executed).toEqual([erasure.id]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const stored = async () =>
      (
        await handle.db.query<{ deleted: boolean; data: Record<string, unknown> }>(
          `SELECT deleted, data FROM sync_documents WHERE collection = 'requests' AND id = $1`,
          [requestId(40)],
        )
      )[0]!;

    it('keeps the entry live with its type, dates, status and outcome, and nothing personal', async () => {
      const row = await stored();
      expect(row.deleted).toBe(false);
      expect(row.data).toEqual({
        id: requestId(40),
        clientId: clientId(40),
        type: 'erasure',
        channel: 'email',
        receivedAt: T,
        receivedBy: staff.coordinator.staffId,
        requester: {
          kind: 'representative',
          evidence: 'power-of-attorney',
          checkedBy: staff.coordinator.staffId,
          checkedAt: T + 1,
        },
        gdprBasis: 'residence',
        dueAt: T + 30 * DAY_MS,
        extension: { reason: '-', by: staff.coordinator.staffId, at: T + 2 },
        verification: {
          method: 'photo-id-copy',
          outcome: 'verified',
          by: staff.coordinator.staffId,
          at: T + 3,
        },
        status: 'answered',
        handlerId: staff.coordinator.staffId,
        answer: {
          channel: 'email',
          summary: '-',
          partial: true,
          ground: 'legal-hold',
          by: staff.coordinator.staffId,
          at: T + 4,
        },
        assignedStaffIds: [],
        createdAt: T,
        updatedAt: t0 + 30 * DAY_MS,
      });
      expect(JSON.stringify(row.data)).not.toMatch(/Yumiko|Registertest|FR/);
      // Valid under the collection's schema: every device stores it.
      const validate = new Ajv({ strict: false }).compile(collectionRegistry.requests.schema);
      expect(validate(row.data), JSON.stringify(validate.errors)).toBe(true);
      const [erased] = await store.list(clientId(40));
      expect(erased!.report!.reduced).toContainEqual({ table: 'requests', count: 1 });
      expect(erased!.report!.erased.map((e) => e.collection)).not.toContain('requests');
    });

    it('no table of the database holds the text any more', async () => {
      const tables = await handle.db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      for (const { table_name } of tables) {
        const [row] = await handle.db.query<{ n: string | number }>(
          `SELECT count(*) AS n FROM "${table_name}" t WHERE t::text ILIKE $1`,
          ['%Registertest%'],
        );
        expect(Number(row!.n), table_name).toBe(0);
      }
    });

    it('reaches a manager reduced and the formerly assigned concierge as a tombstone', async () => {
      const pull = async (as: TestStaff) =>
        (
          await server.app.inject({
            method: 'GET',
            url: '/sync/requests/pull?after=0&limit=50',
            headers: as.headers,
          })
        )
          .json<{ documents: Array<Record<string, unknown>> }>()
          .documents.find((doc) => doc.id === requestId(40));
      expect(await pull(staff.manager)).toMatchObject({
        _deleted: false,
        status: 'answered',
        type: 'erasure',
      });
      expect(await pull(staff.concierge)).toMatchObject({
        _deleted: true,
        clientId: '00000000-0000-0000-0000-000000000000',
      });
    });
  });
}
