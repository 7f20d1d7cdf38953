import { readFileSync } from 'node:fs';
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSodium, newDataKey } from '../../shared/crypto/index';
import type { PullResponse, SyncedCollectionName } from '../../shared/index';
import type { PushRule } from '../../shared/sync/push-rules';
import type * as Registry from '../../shared/sync/registry';
import type * as Roles from '../../shared/auth/roles';
import { CLIENT_DOCUMENT_COLLECTIONS, SYNCED_COLLECTION_NAMES } from '../../shared/sync/collections';
import { conflictHandlers, openLocalStore } from '../../renderer/src/store/local-store';
import { buildServer, type LuminaServer } from '../../server/app';
import { pushRules } from '../../server/sync/push-rules';
import { testEngines } from '../../server/test-support/engines';
import { addStaff, setUpOrganisation, type TestStaff } from '../../server/test-support/staff';

/**
 * The worked example of docs/architecture.md, "Adding a synced collection": `clientNotes` is declared here exactly
 * as the document shows (its blocks are checked to appear in this file), in a test-only extension of the registry
 * and of the permission table (vi.mock below), and nothing else changes: the device's store, the server's routes,
 * push rule and change store pick it up.
 */
vi.mock('../../shared/sync/registry', async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  const { syncedCollection, NIL_UUID } = real;
  const { uuidSchema, staffIdsSchema, epochMsSchema } = await import('../../shared/domain/schema-parts');

  // 1. shared/domain/client-note.ts
  interface ClientNote {
    id: string;
    clientId: string;
    authorId: string;
    text: string;
    assignedStaffIds: string[];
    createdAt: number;
    updatedAt: number;
  }

  const clientNoteSchema = {
    title: 'client note',
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: uuidSchema,
      clientId: uuidSchema,
      authorId: uuidSchema,
      text: { type: 'string', minLength: 1, maxLength: 2000 },
      assignedStaffIds: staffIdsSchema,
      createdAt: epochMsSchema,
      updatedAt: epochMsSchema,
    },
    required: ['id', 'clientId', 'authorId', 'text', 'assignedStaffIds', 'createdAt', 'updatedAt'],
    additionalProperties: false,
    indexes: ['clientId'],
  } as const;

  /** A note is its author's: written by them, and its author never changes. */
  const clientNoteRule: PushRule = async ({ caller, master, next }) => {
    if (next._deleted) return undefined;
    const author = master && !master._deleted ? master.authorId : caller.staffId;
    return next.authorId === author ? undefined : { rule: 'author', reason: 'note-author-not-caller' };
  };

  // 2. The entry in shared/sync/registry.ts
  const collectionRegistry = {
    ...real.collectionRegistry,
    clientNotes: syncedCollection<ClientNote>({
      schema: clientNoteSchema,
      merge: 'fields',
      assignees: 'client',
      removedStub: (id, updatedAt) => ({
        id,
        clientId: NIL_UUID,
        authorId: NIL_UUID,
        text: '-',
        assignedStaffIds: [],
        createdAt: 0,
        updatedAt,
      }),
      pushRule: clientNoteRule,
    }),
  };
  return { ...real, collectionRegistry };
});

vi.mock('../../shared/auth/roles', async (importOriginal) => {
  const roles = await importOriginal<typeof Roles>();
  const rw = (read: string, write = read) => ({ read, write });
  // 3. The row in shared/auth/roles.ts (added to the real table, which the real functions read).
  const rows = {
    clientNotes: {
      concierge: rw('assigned'),
      coordinator: rw('all'),
      manager: rw('all'),
      admin: rw('all', 'none'),
    },
  };
  Object.assign(roles.COLLECTION_ACCESS, rows);
  for (const role of roles.ROLES)
    Object.assign(roles.PERMISSIONS[role].collections, { clientNotes: rows.clientNotes[role] });
  return roles;
});

const NOTES = 'clientNotes' as SyncedCollectionName;
const uuid = (prefix: string, n: number) =>
  `00000000-0000-4000-${prefix}-${n.toString(16).padStart(12, '0')}`;
const CLIENT = uuid('8000', 1);
const NOTE = uuid('d000', 1);

describe('docs/architecture.md: adding a synced collection', () => {
  const section = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8')
    .split('\n## Adding a synced collection\n')[1]!
    .split(/\n## /)[0]!;
  // Formatting aside (line breaks, trailing commas) and the `export`s a module-level declaration has.
  const normalised = (code: string) =>
    code
      .replace(/\bexport /g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*,\s*([}\])])/g, ' $1')
      .trim()
      .replace(/,$/, '');

  it('shows code that is, word for word, the code this test declares', () => {
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks).toHaveLength(3);
    const here = normalised(readFileSync(new URL(import.meta.url), 'utf8'));
    for (const block of blocks) expect(here).toContain(normalised(block));
  });

  it('names three files to touch, the registry and the permission table among them', () => {
    const files = [...section.matchAll(/^\d\. `([^`]+)`/gm)].map((match) => match[1]);
    expect(files).toEqual(['shared/domain/<name>.ts', 'shared/sync/registry.ts', 'shared/auth/roles.ts']);
  });

  it('is registered by the registry entry alone: names, client documents, push rule, conflict handler', () => {
    expect(SYNCED_COLLECTION_NAMES).toContain(NOTES);
    expect(CLIENT_DOCUMENT_COLLECTIONS).toContain(NOTES);
    expect(pushRules[NOTES]).toBeTypeOf('function');
    expect(conflictHandlers[NOTES]).toBeDefined();
  });

  it("gets its collection in the device's store", async () => {
    const sodium = await loadSodium();
    const key = newDataKey(sodium);
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const store = await openLocalStore(sodium, { vaultKey: () => key }, `notes-${Date.now()}`, memory, [
      NOTES,
    ]);
    try {
      const notes = store.collections[NOTES] as unknown as {
        insert(doc: object): Promise<unknown>;
        findOne(id: string): { exec(): Promise<{ toJSON(): object } | null> };
      };
      const note = { id: NOTE, clientId: CLIENT, authorId: uuid('a000', 1), text: 'Prefers a window seat.' };
      await notes.insert({ ...note, assignedStaffIds: [], createdAt: 1, updatedAt: 1 });
      expect((await notes.findOne(NOTE).exec())!.toJSON()).toMatchObject(note);
    } finally {
      await store.remove();
    }
  });

  describe('on the server', () => {
    const engine = testEngines[0]!;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let server: LuminaServer;
    let coordinator: TestStaff;
    let a: TestStaff;
    let b: TestStaff;

    beforeAll(async () => {
      handle = await engine.open();
      let setupCode = '';
      server = await buildServer({
        db: handle.db,
        allowedOrigins: [],
        logLevel: 'silent',
        onSetupCode: (code) => (setupCode = code),
      });
      const admin = await setUpOrganisation(server.app, setupCode);
      coordinator = await addStaff(server.app, admin, 'coordinator');
      a = await addStaff(server.app, admin, 'concierge');
      b = await addStaff(server.app, admin, 'concierge');
    });
    afterAll(async () => {
      await server.close();
      await handle.drop();
    });

    const push = (collection: string, as: TestStaff, docs: object[]) =>
      server.app.inject({
        method: 'POST',
        url: `/sync/${collection}/push`,
        headers: as.headers,
        payload: docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
      });
    async function pull(collection: string, as: TestStaff) {
      const res = await server.app.inject({
        method: 'GET',
        url: `/sync/${collection}/pull`,
        headers: as.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<PullResponse<Record<string, unknown>>>().documents;
    }
    const client = (assignedStaffIds: string[], updatedAt: number) => ({
      id: CLIENT,
      names: { latin: 'Guest' },
      status: 'active',
      assignedStaffIds,
      createdAt: 1,
      updatedAt,
    });
    const note = (authorId: string, text: string) => ({
      id: NOTE,
      clientId: CLIENT,
      authorId,
      text,
      assignedStaffIds: [a.staffId],
      createdAt: 1,
      updatedAt: 1,
    });

    it("serves it, runs its push rule, follows its client's assignees and sends its tombstone", async () => {
      expect((await push('clients', coordinator, [client([a.staffId], 1)])).statusCode).toBe(200);

      // The push rule: a concierge cannot file a note under someone else's name.
      const refused = await push(NOTES, a, [note(b.staffId, 'Not mine.')]);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('note-author-not-caller');
      // The body schema: the registry's schema refuses what it does not know.
      const malformed = await push(NOTES, a, [{ ...note(a.staffId, 'x'), colour: 'red' }]);
      expect(malformed.statusCode).toBe(400);

      const written = await push(NOTES, a, [note(a.staffId, 'Prefers a window seat.')]);
      expect(written.statusCode, written.body).toBe(200);
      expect((await pull(NOTES, a)).map((doc) => doc.text)).toEqual(['Prefers a window seat.']);
      expect(await pull(NOTES, b)).toEqual([]);

      // The client moves from A to B: the note's assignees follow it (assignees: 'client').
      const old = { newDocumentState: { ...client([a.staffId], 1), _deleted: false } };
      const reassigned = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: coordinator.headers,
        payload: [
          {
            ...old,
            newDocumentState: { ...client([b.staffId], 2), _deleted: false },
            assumedMasterState: old.newDocumentState,
          },
        ],
      });
      expect(reassigned.statusCode, reassigned.body).toBe(200);
      expect(await pull(NOTES, b)).toEqual([
        expect.objectContaining({ id: NOTE, text: 'Prefers a window seat.', assignedStaffIds: [b.staffId] }),
      ]);
      // A's device is told to drop it, with the registry's tombstone: nothing of the note but its id.
      expect(await pull(NOTES, a)).toEqual([
        {
          id: NOTE,
          clientId: '00000000-0000-0000-0000-000000000000',
          authorId: '00000000-0000-0000-0000-000000000000',
          text: '-',
          assignedStaffIds: [],
          createdAt: 0,
          updatedAt: 1,
          _deleted: true,
        },
      ]);
    });
  });
});
