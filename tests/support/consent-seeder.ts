import type { Role } from '../../shared/index';
import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import { signConsentRecord } from '../../shared/crypto/consent-signature';
import type { ConsentRecord } from '../../shared/domain/consent';
import type { TestOrganisation } from './organisation';
import { logIn, type TestStaff } from './server/staff';
import type { TestStack } from './stack';

const sodium = await loadSodium();

/** A notice version as a consent record cites it. */
export interface CitedNotice {
  id: string;
  version: string;
  language: string;
  sha256: string;
}

export interface SeededConsent {
  clientId: string;
  action: ConsentRecord['action'];
  purpose: ConsentRecord['purpose'];
  notice: CitedNotice;
  at?: number;
  refersTo?: string;
  /** Further fields of the record: a provision consent's `partnerId` and `statedPurpose`, say. */
  fields?: Partial<ConsentRecord>;
}

/**
 * Consent records signed by a staff member's device made in this process, pushed through the server's sync API as
 * a real device pushes them: for specs that need a ledger to exist (a client's medical or marketing consent)
 * without driving the consent form. Create it before the browser devices unlock, so their staff directory already
 * lists this device's key (records signed by an unknown device do not count).
 */
export class ConsentSeeder {
  private constructor(
    private readonly stack: TestStack,
    readonly staff: TestStaff,
  ) {}

  static async create(
    stack: TestStack,
    organisation: TestOrganisation,
    displayName: string,
    role: Role = 'coordinator',
  ): Promise<ConsentSeeder> {
    return new ConsentSeeder(stack, await organisation.addStaff(role, displayName));
  }

  /**
   * Pushes documents of another collection as this staff member (a trip, say), each over the state the server holds
   * (`assumed`, by position: a change of a stored document); throws when refused.
   */
  async push(collection: string, docs: object[], assumed: object[] = []): Promise<void> {
    const session = await logIn(this.stack.server.app, this.staff.deviceId, this.staff.keys);
    const res = await this.stack.server.app.inject({
      method: 'POST',
      url: `/sync/${collection}/push`,
      headers: { authorization: `Bearer ${session.token}` },
      payload: docs.map((doc, i) => ({
        newDocumentState: { ...doc, _deleted: false },
        ...(assumed[i] ? { assumedMasterState: { ...assumed[i], _deleted: false } } : {}),
      })),
    });
    if (res.statusCode !== 200 || res.json<unknown[]>().length !== 0) {
      throw new Error(`${collection} push: HTTP ${res.statusCode} ${res.body}`);
    }
  }

  /** Signs and pushes one record; answers it as stored. Throws when the server refuses it. */
  async record(seed: SeededConsent): Promise<ConsentRecord> {
    const [client] = await this.stack.db.query<{ data: { assignedStaffIds: string[] } }>(
      "SELECT data FROM sync_documents WHERE collection = 'clients' AND id = $1",
      [seed.clientId],
    );
    if (!client) throw new Error(`no client ${seed.clientId} on the server`);
    const now = Date.now();
    const signer = {
      staffId: this.staff.deviceId,
      signSecretKey: this.staff.keys.signSecretKey,
    } as StaffIdentity;
    const record = signConsentRecord(
      sodium,
      {
        id: crypto.randomUUID(),
        clientId: seed.clientId,
        action: seed.action,
        purpose: seed.purpose,
        ...(seed.refersTo ? { refersTo: seed.refersTo } : {}),
        // A provision consent names its purpose from the catalogue; specs that do not care get this one.
        ...(seed.purpose === 'provision' && (seed.action === 'given' || seed.action === 'corrected')
          ? { purposeCode: 'treatment-arrangement' as const }
          : {}),
        ...seed.fields,
        noticeId: seed.notice.id,
        noticeVersion: seed.notice.version,
        noticeHash: seed.notice.sha256,
        language: seed.notice.language,
        method: 'signed-paper',
        at: seed.at ?? now,
        recordedBy: this.staff.staffId,
        deviceId: this.staff.deviceId,
        recordedAt: now,
        assignedStaffIds: client.data.assignedStaffIds,
      },
      signer,
    );
    const session = await logIn(this.stack.server.app, this.staff.deviceId, this.staff.keys);
    const res = await this.stack.server.app.inject({
      method: 'POST',
      url: '/sync/consents/push',
      headers: { authorization: `Bearer ${session.token}` },
      payload: [{ newDocumentState: { ...record, _deleted: false } }],
    });
    if (res.statusCode !== 200 || res.json<unknown[]>().length !== 0) {
      throw new Error(`consent push: HTTP ${res.statusCode} ${res.body}`);
    }
    return record;
  }

  /** Registers the delivery of an approved share as its requester or approver: the server writes the record. */
  async deliver(shareId: string, delivery: { packageId: string; packageHash: string }): Promise<unknown> {
    const session = await logIn(this.stack.server.app, this.staff.deviceId, this.staff.keys);
    const res = await this.stack.server.app.inject({
      method: 'POST',
      url: `/shares/requests/${shareId}/deliver`,
      headers: { authorization: `Bearer ${session.token}` },
      payload: delivery,
    });
    if (res.statusCode !== 201) throw new Error(`delivery: HTTP ${res.statusCode} ${res.body}`);
    return res.json();
  }
}
