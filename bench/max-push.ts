/**
 * A maximal push (issue 22 review): the largest push the server accepts, PUSH_ROWS_MAX new trips naming as many
 * different clients, pushed one after another for a phase, with `/health` polled meanwhile. Each row's client is
 * looked up by the push rules and by the assignee follow-up, under the global write lock; the figures show what a
 * push of that shape costs and how long it holds everyone else (on PGlite, one connection: the whole transaction).
 */
import { isMedicalTripKind } from '../shared/domain/trip';
import { PUSH_ROWS_MAX, syncPaths } from '../shared/index';
import type { Database } from '../server/db/database';
import { cpuMsOf, pollHealth } from './health-probe';
import { benchClient, benchId, benchTrip, seedDevices, seedDocuments } from './seed';

/** Bodies built before the phase, so that building them never delays a `/health` poll of this process. */
const BODIES = 40;

/** The clients the pushes name, and a coordinator's session to push with. */
export async function seedMaxPush(db: Database): Promise<{ token: string }> {
  const [coordinator] = await seedDevices(db, ['coordinator']);
  const clients = Array.from({ length: PUSH_ROWS_MAX }, (_, n) => benchClient(n, []));
  await seedDocuments(db, 'clients', clients);
  return { token: coordinator!.token };
}

/** Push `round`: PUSH_ROWS_MAX new trips, the i-th naming client i. */
function body(round: number): string {
  const rows = Array.from({ length: PUSH_ROWS_MAX }, (_, i) => {
    const n = round * PUSH_ROWS_MAX + i;
    const trip = benchTrip(i, []);
    return {
      newDocumentState: {
        ...trip,
        id: benchId(4, n),
        // Medical items need the client's medical consent and sealed details: the push stays one of plain items.
        items: trip.items
          .filter((item) => !isMedicalTripKind(item.kind))
          .map((item, k) => ({ ...item, id: benchId(5, n * 10 + k) })),
        _deleted: false,
      },
    };
  });
  return JSON.stringify(rows);
}

export interface MaxPushPhase {
  /** Wall milliseconds of each push, answered 200 with no conflict. */
  pushes: number[];
  latencies: number[];
  wallMs: number;
  /** The server's CPU milliseconds over the phase. */
  cpuMs: number;
  bodyBytes: number;
}

export async function maxPushPhase(
  base: string,
  pid: number,
  token: string,
  phaseMs: number,
): Promise<MaxPushPhase> {
  const bodies = Array.from({ length: BODIES }, (_, round) => body(round));
  const cpu = await cpuMsOf(pid);
  const started = performance.now();
  const over = () => performance.now() >= started + phaseMs;
  const pushes: number[] = [];
  const pusher = (async () => {
    for (const payload of bodies) {
      if (over()) break;
      const sent = performance.now();
      const res = await fetch(`${base}${syncPaths.push('trips')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: payload,
      });
      const answer = await res.text();
      if (res.status !== 200 || answer !== '[]') {
        throw new Error(`a maximal push was not accepted: HTTP ${res.status} ${answer.slice(0, 200)}`);
      }
      pushes.push(performance.now() - sent);
    }
  })();
  const [latencies] = await Promise.all([pollHealth(base, over), pusher]);
  return {
    pushes,
    latencies,
    wallMs: performance.now() - started,
    cpuMs: (await cpuMsOf(pid)) - cpu,
    bodyBytes: Buffer.byteLength(bodies[0]!),
  };
}
