import {
  authPaths,
  type EnrolmentView,
  type InvitationResponse,
  type Role,
  type StaffView,
} from '../../shared/index';
import { syncPaths } from '../../shared/sync/protocol';
import type { SyncedCollectionName } from '../../shared/sync/registry';
import { addStaff, logIn, setUpOrganisation, type RecoveryKeys, type TestStaff } from './server/staff';
import type { TestStack } from './stack';

/**
 * An organisation on a test stack whose first admin is this Node process (keys made here, requests injected
 * into the server), so that end-to-end tests of other features can invite and approve browser devices without
 * driving a second browser. The identity spec does all of this through the UI instead.
 */
export class TestOrganisation {
  private constructor(
    private readonly stack: TestStack,
    private readonly admin: TestStaff,
    /** The recovery key pair the organisation was set up with (a real one exists on paper only). */
    readonly recovery: RecoveryKeys,
  ) {}

  static async setUp(stack: TestStack): Promise<TestOrganisation> {
    const admin = await setUpOrganisation(stack.server.app, stack.setupCode);
    return new TestOrganisation(stack, admin, admin.recovery);
  }

  /** A fresh token for each call: a spec may outlive the 15-minute session. */
  private async headers() {
    const session = await logIn(this.stack.server.app, this.admin.deviceId, this.admin.keys);
    return { authorization: `Bearer ${session.token}` };
  }

  /** Invites a staff member and answers the one-time code. */
  async invite(displayName: string, role: Role): Promise<string> {
    const res = await this.stack.server.app.inject({
      method: 'POST',
      url: authPaths.invitations,
      headers: await this.headers(),
      payload: { displayName, role },
    });
    if (res.statusCode !== 201) throw new Error(`invitation: HTTP ${res.statusCode}`);
    return res.json<InvitationResponse>().code;
  }

  /**
   * A staff member with a device of keys made in this process (no browser), approved by the admin: for a spec
   * that writes what a device signs (consent records) through the server's API.
   */
  async addStaff(role: Role, displayName: string): Promise<TestStaff> {
    return addStaff(
      this.stack.server.app,
      { ...this.admin, headers: await this.headers() },
      role,
      displayName,
    );
  }

  /** Approves the pending enrolment of `displayName`'s device and answers it (with the fingerprint). */
  async approve(displayName: string): Promise<EnrolmentView> {
    const headers = await this.headers();
    const list = await this.stack.server.app.inject({ method: 'GET', url: authPaths.enrolments, headers });
    const pending = list.json<EnrolmentView[]>().find((enrolment) => enrolment.staffName === displayName);
    if (!pending) throw new Error(`no pending enrolment for ${displayName}`);
    const res = await this.stack.server.app.inject({
      method: 'POST',
      url: authPaths.approveEnrolment(pending.enrolmentId),
      headers,
      payload: { fingerprintConfirmed: true },
    });
    if (res.statusCode !== 200) throw new Error(`approval: HTTP ${res.statusCode}`);
    return pending;
  }

  /** Pushes documents as the admin's device (a sync push, rules and all): answers the HTTP status and body. */
  async pushAsAdmin(
    collection: SyncedCollectionName,
    documents: Record<string, unknown>[],
    /** The server's state each document replaces (by position), for a change of a stored document. */
    assumed: readonly (Record<string, unknown> | undefined)[] = [],
  ): Promise<{ status: number; body: string }> {
    const res = await this.stack.server.app.inject({
      method: 'POST',
      url: syncPaths.push(collection),
      headers: await this.headers(),
      payload: documents.map((doc, index) => ({
        ...(assumed[index] && { assumedMasterState: assumed[index] }),
        newDocumentState: { ...doc, _deleted: false },
      })),
    });
    return { status: res.statusCode, body: res.body };
  }

  /** Gives the staff member named `displayName` another role, as the admin. */
  async changeRole(displayName: string, role: Role): Promise<void> {
    const headers = await this.headers();
    const list = await this.stack.server.app.inject({ method: 'GET', url: authPaths.staff, headers });
    const person = list.json<StaffView[]>().find((staff) => staff.displayName === displayName);
    if (!person) throw new Error(`no staff member ${displayName}`);
    const res = await this.stack.server.app.inject({
      method: 'POST',
      url: authPaths.staffRole(person.id),
      headers,
      payload: { role },
    });
    if (res.statusCode !== 200) throw new Error(`role change: HTTP ${res.statusCode} ${res.body}`);
  }

  /**
   * Revokes, as the admin, every staff member in `roles` who is not revoked yet: on the stack a worker shares, the
   * people earlier tests enrolled. A test that needs to know who holds a client's key (the key policy wraps it to
   * every coordinator's and manager's devices) starts from no one.
   */
  async revokeEveryoneIn(roles: readonly Role[]): Promise<void> {
    const headers = await this.headers();
    const list = await this.stack.server.app.inject({ method: 'GET', url: authPaths.staff, headers });
    for (const person of list.json<StaffView[]>()) {
      if (!roles.includes(person.role) || person.status === 'revoked') continue;
      const res = await this.stack.server.app.inject({
        method: 'POST',
        url: authPaths.staffRevoke(person.id),
        headers,
        payload: {},
      });
      if (res.statusCode !== 200) throw new Error(`revocation: HTTP ${res.statusCode} ${res.body}`);
    }
  }

  /** The admin's staff id (a notice's `publishedBy`). */
  get adminId(): string {
    return this.admin.staffId;
  }
}
