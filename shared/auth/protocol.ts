import { ROLES, type Role } from './roles';

/**
 * The identity and device protocol between the app and the server. Every body is validated on both sides against
 * these schemas (Ajv on the server, unknown fields refused).
 *
 * Flow: the first start of a server on an empty database prints a one-time setup code; the first admin's device
 * enrols with it. Admins and managers invite staff; an invitee's device generates its keys and asks to enrol with
 * the invitation code; a manager (or admin) approves after comparing the device fingerprint shown on both screens.
 * An approved device signs a server challenge with its Ed25519 key and gets a short-lived session token, sent as
 * `Authorization: Bearer <token>` (the event stream, which cannot send headers, takes `?access_token=`).
 */
export const authPaths = {
  setup: '/auth/setup',
  challenge: '/auth/challenge',
  session: '/auth/session',
  me: '/auth/me',
  staff: '/staff',
  invitations: '/staff/invitations',
  deviceInvitation: '/staff/me/device-invitations',
  staffRole: (staffId: string) => `/staff/${encodeURIComponent(staffId)}/role`,
  staffRevoke: (staffId: string) => `/staff/${encodeURIComponent(staffId)}/revoke`,
  enrolments: '/enrolments',
  enrolment: (enrolmentId: string) => `/enrolments/${encodeURIComponent(enrolmentId)}`,
  approveEnrolment: (enrolmentId: string) => `/enrolments/${encodeURIComponent(enrolmentId)}/approve`,
  denyEnrolment: (enrolmentId: string) => `/enrolments/${encodeURIComponent(enrolmentId)}/deny`,
  deviceRevoke: (deviceId: string) => `/devices/${encodeURIComponent(deviceId)}/revoke`,
  /** The organisation's public facts every device needs: the recovery public key. Authenticated. */
  organisation: '/organisation',
  /** Staff and their devices' public keys, for every authenticated device (wraps are sealed to these keys). */
  directory: '/directory',
  /**
   * Everything the server holds about one client, for a request of the register whose requester's identity was
   * verified (issue 16); capability exportData.
   */
  clientExport: (clientId: string, requestId: string) =>
    `/export/clients/${encodeURIComponent(clientId)}?requestId=${encodeURIComponent(requestId)}`,
} as const;

export interface ClientExport {
  clientId: string;
  exportedAt: number;
  /** Per collection, the server's current documents for the client (medical sections stay sealed). */
  documents: Record<string, unknown[]>;
}

/** Session tokens live 15 minutes; the app renews them while it is unlocked and online. */
export const SESSION_TTL_MS = 15 * 60_000;
export const CHALLENGE_TTL_MS = 60_000;
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;
/** A pending enrolment not decided within a day expires; the device asks again with a new invitation. */
export const ENROLMENT_TTL_MS = 24 * 3_600_000;
export const SETUP_CODE_TTL_MS = 24 * 3_600_000;

/**
 * One-time codes (setup, invitations): 20 characters from a 32-letter alphabet without look-alikes (no I, O, 0,
 * 1), so 100 random bits, shown in groups of four and read back case- and separator-insensitively.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 20;
export const codePattern = '^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){4}$';

/** Upper-cases, drops spaces and dashes, regroups: what a person typed, as the server stores it. */
export function normaliseCode(typed: string): string {
  const letters = typed.toUpperCase().replace(/[\s-]/g, '');
  return letters.match(/.{1,4}/g)?.join('-') ?? '';
}

/** Random bytes (from crypto.getRandomValues) to a code; 5 bits per character. */
export function codeFromRandom(random: Uint8Array): string {
  if (random.length < CODE_LENGTH) throw new Error(`a code needs ${CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[random[i]! & 31];
  return normaliseCode(code);
}

export type StaffStatus = 'invited' | 'active' | 'revoked';
export type DeviceStatus = 'pending' | 'active' | 'denied' | 'expired' | 'revoked';
export type EnrolmentStatus = 'pending' | 'approved' | 'denied' | 'expired';

/** Why a request was not authenticated (401). A device told `device-revoked` wipes its local data. */
export type AuthFailure =
  | 'missing-token'
  | 'invalid-token'
  | 'session-expired'
  | 'device-unknown'
  | 'device-pending'
  | 'device-revoked'
  | 'staff-revoked'
  | 'challenge-invalid'
  | 'signature-invalid';

export interface ErrorBody {
  reason: string;
  /** For 403: what was missing, e.g. `capability:manageStaff` or `write:clients`. */
  needs?: string;
}

const uuid = {
  type: 'string',
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
} as const;
const publicKey = { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } as const;
const displayName = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  // No control characters: names end up in logs of people's screens, never in server logs.
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
} as const;
// As typed: any case, spaces or dashes; the server normalises it (normaliseCode) before comparing.
const code = { type: 'string', minLength: CODE_LENGTH, maxLength: 40, pattern: '^[A-Za-z0-9 -]+$' } as const;
const role = { type: 'string', enum: ROLES } as const;

export interface DeviceRegistration {
  /** What the person calls the device, e.g. "Aiko's laptop". */
  name: string;
  /** base64url X25519 public key (32 bytes). */
  boxPublicKey: string;
  /** base64url Ed25519 public key (32 bytes): verifies the device's session challenges. */
  signPublicKey: string;
}

const deviceRegistration = {
  type: 'object',
  properties: { name: displayName, boxPublicKey: publicKey, signPublicKey: publicKey },
  required: ['name', 'boxPublicKey', 'signPublicKey'],
  additionalProperties: false,
} as const;

export interface SetupRequest {
  setupCode: string;
  displayName: string;
  device: DeviceRegistration;
  /**
   * base64url X25519 public key (32 bytes) of the organisation recovery key: generated on the first admin's
   * device, whose private half exists only on the printed recovery sheet. Every client data key is wrapped to it.
   */
  recoveryPublicKey: string;
}

export const setupRequestSchema = {
  type: 'object',
  properties: { setupCode: code, displayName, device: deviceRegistration, recoveryPublicKey: publicKey },
  required: ['setupCode', 'displayName', 'device', 'recoveryPublicKey'],
  additionalProperties: false,
} as const;

export interface EnrolRequest {
  invitationCode: string;
  device: DeviceRegistration;
}

export const enrolRequestSchema = {
  type: 'object',
  properties: { invitationCode: code, device: deviceRegistration },
  required: ['invitationCode', 'device'],
  additionalProperties: false,
} as const;

/** What a device learns when it enrols (setup answers the same, already approved). */
export interface EnrolResponse {
  enrolmentId: string;
  deviceId: string;
  staffId: string;
  /** The device's fingerprint as the server computed it from the keys it received: compared aloud. */
  fingerprint: string;
  status: EnrolmentStatus;
  expiresAt: number;
}

export interface EnrolmentView {
  enrolmentId: string;
  status: EnrolmentStatus;
  staffId: string;
  staffName: string;
  role: Role;
  deviceId: string;
  deviceName: string;
  fingerprint: string;
  createdAt: number;
  expiresAt: number;
  decidedAt?: number;
  decidedBy?: string;
}

export interface InvitationRequest {
  displayName: string;
  role: Role;
}

export const invitationRequestSchema = {
  type: 'object',
  properties: { displayName, role },
  required: ['displayName', 'role'],
  additionalProperties: false,
} as const;

export interface InvitationResponse {
  invitationId: string;
  staffId: string;
  /** Shown once to the inviter, who passes it on; the server keeps only its hash. */
  code: string;
  expiresAt: number;
}

export const emptyBodySchema = {
  type: 'object',
  properties: {},
  additionalProperties: false,
} as const;

export interface ApproveRequest {
  /** The approver says they compared the fingerprint on both screens. */
  fingerprintConfirmed: true;
}

export const approveRequestSchema = {
  type: 'object',
  properties: { fingerprintConfirmed: { type: 'boolean', const: true } },
  required: ['fingerprintConfirmed'],
  additionalProperties: false,
} as const;

export const roleChangeSchema = {
  type: 'object',
  properties: { role },
  required: ['role'],
  additionalProperties: false,
} as const;

export interface ChallengeRequest {
  deviceId: string;
}

export const challengeRequestSchema = {
  type: 'object',
  properties: { deviceId: uuid },
  required: ['deviceId'],
  additionalProperties: false,
} as const;

export interface ChallengeResponse {
  challengeId: string;
  /** base64url, 32 random bytes. */
  challenge: string;
  expiresAt: number;
}

export interface SessionRequest {
  challengeId: string;
  deviceId: string;
  /** base64url Ed25519 signature over authChallengeMessage (shared/crypto/device-auth.ts). */
  signature: string;
}

export const sessionRequestSchema = {
  type: 'object',
  properties: {
    challengeId: uuid,
    deviceId: uuid,
    signature: { type: 'string', pattern: '^[A-Za-z0-9_-]{86}$' },
  },
  required: ['challengeId', 'deviceId', 'signature'],
  additionalProperties: false,
} as const;

export interface SessionIdentity {
  staffId: string;
  displayName: string;
  role: Role;
  deviceId: string;
}

export interface SessionResponse extends SessionIdentity {
  token: string;
  expiresAt: number;
}

export interface DeviceView {
  id: string;
  name: string;
  status: DeviceStatus;
  fingerprint: string;
  createdAt: number;
  lastSeenAt?: number;
}

export interface StaffView {
  id: string;
  displayName: string;
  role: Role;
  status: StaffStatus;
  devices: DeviceView[];
}

/** GET /organisation. */
export interface OrganisationView {
  /** base64url X25519 public key, 32 bytes. */
  recoveryPublicKey: string;
}

/** A device in the staff directory: its public keys (base64url, 32 bytes each) and its state. */
export interface DirectoryDeviceView {
  id: string;
  status: DeviceStatus;
  boxPublicKey: string;
  signPublicKey: string;
}

/** GET /directory answers one entry per staff member. */
export interface DirectoryStaffView {
  id: string;
  displayName: string;
  role: Role;
  status: StaffStatus;
  devices: DirectoryDeviceView[];
}

export const uuidParamsSchema = {
  type: 'object',
  properties: { id: uuid },
  required: ['id'],
  additionalProperties: false,
} as const;
