import { randomUUID } from 'node:crypto';
import type {
  AffectedContact,
  Incident,
  IncidentFacts,
  IncidentNotification,
  IncidentRevision,
  RecordIncidentRequest,
  RecordNotificationRequest,
  UpdateIncidentRequest,
} from '../../shared/domain/incident';
import { incidentChanges } from '../../shared/domain/incident-history';
import { badRequest, conflict, notFound } from '../auth/api-error';
import type { Database, Queryable } from '../db/database';
import { clientsReachableByDevice, storedDocuments } from '../sync/documents';

type Tx = Pick<Queryable, 'query'>;

interface IncidentRow {
  id: string;
  discovered_at: number;
  discovered_by: string;
  recorded_by: string;
  recorded_at: number;
  facts: unknown;
  ppc_preliminary_at: number | null;
  ppc_final_at: number | null;
  gdpr_reported_at: number | null;
  closed_at: number | null;
  updated_at: number;
}
interface NotificationRow {
  id: string;
  incident_id: string;
  client_id: string;
  channel: IncidentNotification['channel'];
  language: string;
  notified_at: number;
  notified_by: string;
  recorded_at: number | null;
}
interface RevisionRow {
  incident_id: string;
  revision: number;
  at: number;
  by_staff: string | null;
  changed: unknown;
  state: unknown;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const optional = (key: string, value: number | null) => (value === null ? {} : { [key]: Number(value) });

function toIncident(row: IncidentRow, notifications: NotificationRow[], revisions: RevisionRow[]): Incident {
  const history = revisions
    .filter((r) => r.incident_id === row.id)
    .map((r): IncidentRevision => ({
      revision: Number(r.revision),
      at: Number(r.at),
      ...(r.by_staff ? { by: r.by_staff } : {}),
      changed: json<string[]>(r.changed),
      state: json<IncidentRevision['state']>(r.state),
    }));
  return {
    id: row.id,
    discoveredAt: Number(row.discovered_at),
    discoveredBy: row.discovered_by,
    recordedBy: row.recorded_by,
    recordedAt: Number(row.recorded_at),
    facts: json<IncidentFacts>(row.facts),
    ...optional('ppcPreliminaryAt', row.ppc_preliminary_at),
    ...optional('ppcFinalAt', row.ppc_final_at),
    ...optional('gdprReportedAt', row.gdpr_reported_at),
    ...optional('closedAt', row.closed_at),
    updatedAt: Number(row.updated_at),
    notifications: notifications
      .filter((n) => n.incident_id === row.id)
      .map((n) => ({
        id: n.id,
        clientId: n.client_id,
        channel: n.channel,
        language: n.language,
        notifiedAt: Number(n.notified_at),
        notifiedBy: n.notified_by,
        ...optional('recordedAt', n.recorded_at),
      })),
    revision: history.length === 0 ? 1 : history[history.length - 1]!.revision,
    history,
  };
}

/** What a revision keeps of the incident: everything an update may change, the discovery included. */
const stateOf = (incident: Incident): IncidentRevision['state'] => ({
  facts: incident.facts,
  discoveredAt: incident.discoveredAt,
  discoveredBy: incident.discoveredBy,
  ...(incident.ppcPreliminaryAt !== undefined ? { ppcPreliminaryAt: incident.ppcPreliminaryAt } : {}),
  ...(incident.ppcFinalAt !== undefined ? { ppcFinalAt: incident.ppcFinalAt } : {}),
  ...(incident.gdprReportedAt !== undefined ? { gdprReportedAt: incident.gdprReportedAt } : {}),
  ...(incident.closedAt !== undefined ? { closedAt: incident.closedAt } : {}),
});

async function appendRevision(
  tx: Tx,
  id: string,
  revision: number,
  at: number,
  by: string | null,
  changed: string[],
  state: IncidentRevision['state'],
): Promise<void> {
  await tx.query(
    'INSERT INTO incident_revisions (incident_id, revision, at, by_staff, changed, state) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, revision, at, by, JSON.stringify(changed), JSON.stringify(state)],
  );
}

/** EU clients must be among the affected; times cannot precede discovery. */
function checkFacts(facts: IncidentFacts): void {
  if (facts.euClientIds.some((id) => !facts.clientIds.includes(id)))
    throw badRequest('eu-client-not-affected');
}

/**
 * The breach register (shared/domain/incident.ts) in PostgreSQL. Incidents are never deleted: every one is kept,
 * reported or not, and updated as facts change; notifications are appended.
 */
export class IncidentStore {
  constructor(private readonly db: Database) {}

  async list(): Promise<Incident[]> {
    const rows = await this.db.query<IncidentRow>('SELECT * FROM incidents ORDER BY discovered_at DESC, id');
    const notes = await this.db.query<NotificationRow>(
      'SELECT * FROM incident_notifications ORDER BY notified_at, id',
    );
    const revisions = await this.db.query<RevisionRow>(
      'SELECT * FROM incident_revisions ORDER BY incident_id, revision',
    );
    return rows.map((row) => toIncident(row, notes, revisions));
  }

  async get(id: string, tx: Tx = this.db): Promise<Incident> {
    const [row] = await tx.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]);
    if (!row) throw notFound('incident-not-found');
    const notes = await tx.query<NotificationRow>(
      'SELECT * FROM incident_notifications WHERE incident_id = $1 ORDER BY notified_at, id',
      [id],
    );
    const revisions = await tx.query<RevisionRow>(
      'SELECT * FROM incident_revisions WHERE incident_id = $1 ORDER BY revision',
      [id],
    );
    return toIncident(row, notes, revisions);
  }

  async record(by: string, request: RecordIncidentRequest, now: number): Promise<Incident> {
    checkFacts(request.facts);
    if (request.discoveredAt > now) throw badRequest('discovered-in-future');
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      const [staff] = await tx.query('SELECT id FROM staff WHERE id = $1', [request.discoveredBy]);
      if (!staff) throw badRequest('discoverer-unknown');
      await tx.query(
        `INSERT INTO incidents (id, discovered_at, discovered_by, recorded_by, recorded_at, facts, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $5)`,
        [id, request.discoveredAt, request.discoveredBy, by, now, JSON.stringify(request.facts)],
      );
      await appendRevision(tx, id, 1, now, by, ['recorded'], {
        facts: request.facts,
        discoveredAt: request.discoveredAt,
        discoveredBy: request.discoveredBy,
      });
      return this.get(id, tx);
    });
  }

  async update(id: string, by: string, request: UpdateIncidentRequest, now: number): Promise<Incident> {
    return this.db.transaction(async (tx) => {
      // One change at a time: the revision number is taken under the incident's row lock.
      await tx.query('SELECT id FROM incidents WHERE id = $1 FOR UPDATE', [id]);
      const current = await this.get(id, tx);
      if (request.baseRevision !== undefined && request.baseRevision !== current.revision)
        throw conflict('stale-revision');
      const facts = request.facts ?? current.facts;
      checkFacts(facts);
      // The discovery starts the clocks: corrected only to an earlier time, and kept in the revision either way.
      if (request.discoveredAt !== undefined && request.discoveredAt > current.discoveredAt)
        throw badRequest('discovery-later');
      if (request.discoveredBy !== undefined) {
        const [staff] = await tx.query('SELECT id FROM staff WHERE id = $1', [request.discoveredBy]);
        if (!staff) throw badRequest('discoverer-unknown');
      }
      for (const at of [
        request.ppcPreliminaryAt,
        request.ppcFinalAt,
        request.gdprReportedAt,
        request.closedAt,
      ]) {
        if (at !== undefined && (at < (request.discoveredAt ?? current.discoveredAt) || at > now))
          throw badRequest('time-out-of-range');
      }
      await tx.query(
        `UPDATE incidents SET facts = $2,
            ppc_preliminary_at = COALESCE($3, ppc_preliminary_at), ppc_final_at = COALESCE($4, ppc_final_at),
            gdpr_reported_at = COALESCE($5, gdpr_reported_at), closed_at = COALESCE($6, closed_at), updated_at = $7,
            discovered_at = COALESCE($8, discovered_at), discovered_by = COALESCE($9, discovered_by)
          WHERE id = $1`,
        [
          id,
          JSON.stringify(facts),
          request.ppcPreliminaryAt ?? null,
          request.ppcFinalAt ?? null,
          request.gdprReportedAt ?? null,
          request.closedAt ?? null,
          now,
          request.discoveredAt ?? null,
          request.discoveredBy ?? null,
        ],
      );
      const next = await this.get(id, tx);
      const changed = incidentChanges(stateOf(current), stateOf(next));
      if (changed.length === 0) throw badRequest('nothing-changed');
      await appendRevision(tx, id, current.revision + 1, now, by, changed, stateOf(next));
      return this.get(id, tx);
    });
  }

  async notify(id: string, by: string, request: RecordNotificationRequest, now: number): Promise<Incident> {
    return this.db.transaction(async (tx) => {
      const current = await this.get(id, tx);
      if (!current.facts.clientIds.includes(request.clientId)) throw badRequest('client-not-affected');
      if (request.notifiedAt > now || request.notifiedAt < current.discoveredAt)
        throw badRequest('time-out-of-range');
      await tx.query(
        `INSERT INTO incident_notifications
            (id, incident_id, client_id, channel, language, notified_at, notified_by, recorded_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [randomUUID(), id, request.clientId, request.channel, request.language, request.notifiedAt, by, now],
      );
      return this.get(id, tx);
    });
  }

  /** How to reach each affected client, in which language, and when they were told. */
  async contacts(id: string): Promise<AffectedContact[]> {
    const incident = await this.get(id);
    const clients = await storedDocuments(this.db, 'clients', incident.facts.clientIds);
    const byId = new Map(clients.map((row) => [row.id, json<Record<string, unknown>>(row.data)]));
    return incident.facts.clientIds.map((clientId) => {
      const data = byId.get(clientId) ?? {};
      const names = (data.names ?? {}) as { latin?: string; kanji?: string };
      const contact = (data.contact ?? {}) as { email?: string; phone?: string };
      const languages = Array.isArray(data.languages) ? (data.languages as string[]) : [];
      const told = incident.notifications.filter((n) => n.clientId === clientId).map((n) => n.notifiedAt);
      return {
        clientId,
        name: names.latin ?? names.kanji ?? '-',
        ...(contact.email ? { email: contact.email } : {}),
        ...(contact.phone ? { phone: contact.phone } : {}),
        language: languages[0] ?? 'en',
        ...(typeof data.nationality === 'string' ? { nationality: data.nationality } : {}),
        ...(told.length > 0 ? { notifiedAt: Math.max(...told) } : {}),
      };
    });
  }

  async reachable(deviceId: string): Promise<string[]> {
    return clientsReachableByDevice(this.db, deviceId);
  }
}
