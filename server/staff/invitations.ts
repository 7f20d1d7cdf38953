import { randomUUID } from 'node:crypto';
import { INVITATION_TTL_MS, type InvitationResponse, type Role } from '../../shared/index';
import { newCode, sha256 } from '../auth/codes';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { recordStaffEvent, type Tx } from './events';
import { onlyAdmins } from './identity';

/** A new staff member, invited with a one-time code (shown once; only its hash is stored). */
export async function invite(
  db: Database,
  caller: Caller,
  request: { displayName: string; role: Role },
  now: number,
): Promise<InvitationResponse> {
  if (request.role === 'admin') onlyAdmins(caller);
  return db.transaction(async (tx) => {
    const staffId = randomUUID();
    await tx.query(
      `INSERT INTO staff (id, display_name, role, status, created_at) VALUES ($1, $2, $3, 'invited', $4)`,
      [staffId, request.displayName, request.role, now],
    );
    const invitation = await insertInvitation(tx, staffId, caller.staffId, now);
    await recordStaffEvent(tx, now, caller.staffId, 'staff-invited', staffId, undefined, {
      role: request.role,
    });
    return invitation;
  });
}

/** An invitation for another device of the caller, which goes through the same approval. */
export async function inviteOwnDevice(
  db: Database,
  caller: Caller,
  now: number,
): Promise<InvitationResponse> {
  return db.transaction(async (tx) => {
    const invitation = await insertInvitation(tx, caller.staffId, caller.staffId, now);
    await recordStaffEvent(tx, now, caller.staffId, 'device-invited', caller.staffId);
    return invitation;
  });
}

async function insertInvitation(
  tx: Tx,
  staffId: string,
  invitedBy: string,
  now: number,
): Promise<InvitationResponse> {
  const code = newCode();
  const invitationId = randomUUID();
  const expiresAt = now + INVITATION_TTL_MS;
  await tx.query(
    `INSERT INTO invitations (id, staff_id, code_hash, invited_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [invitationId, staffId, sha256(code), invitedBy, now, expiresAt],
  );
  return { invitationId, staffId, code, expiresAt };
}
