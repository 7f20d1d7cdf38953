import { fingerprint, verifyAuthChallenge, type Sodium } from '../../../shared/crypto/index';
import { fromBase64Url, toBase64Url } from '../../../shared/crypto/encoding';
import {
  SESSION_TTL_MS,
  type EnrolmentStatus,
  type EnrolRequest,
  type Role,
  type SetupRequest,
} from '../../../shared/index';

interface FakeDevice {
  deviceId: string;
  enrolmentId: string;
  staffId: string;
  signPublicKey: string;
  fingerprint: string;
  status: EnrolmentStatus | 'revoked';
  expiresAt: number;
}

/**
 * Test-only: the identity endpoints of shared/auth/protocol.ts as a fetch function, with just enough state to
 * follow a device through setup or enrolment, challenge and session (the signature is really verified).
 * `offline` makes every request fail the way fetch does without a network.
 */
export class FakeAuthServer {
  readonly setupCode = 'ABCD-EFGH-JKLM-NPQR-STUV';
  readonly invitationCode = 'WXYZ-2345-6789-ABCD-EFGH';
  offline = false;
  /** Replaces the fingerprint the server reports (a server that swapped the keys). */
  reportedFingerprint: string | undefined;
  role: Role = 'admin';
  /** The recovery public key the setup request carried (base64url). */
  recoveryPublicKey: string | undefined;
  readonly devices = new Map<string, FakeDevice>();
  readonly requests: string[] = [];
  private readonly challenges = new Map<string, { challenge: string; deviceId: string }>();
  private sequence = 0;

  constructor(
    private readonly sodium: Sodium,
    private readonly now: () => number = Date.now,
  ) {}

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}`);
    if (this.offline) throw new TypeError('Failed to fetch');
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    return this.route(method, url.pathname, body);
  };

  device(): FakeDevice {
    const [device] = this.devices.values();
    if (!device) throw new Error('no device enrolled');
    return device;
  }

  private uuid(): string {
    const n = String(++this.sequence).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }

  private register(device: EnrolRequest['device'], status: EnrolmentStatus): Response {
    const box = fromBase64Url(device.boxPublicKey, 'box key');
    const sign = fromBase64Url(device.signPublicKey, 'sign key');
    const registered: FakeDevice = {
      deviceId: this.uuid(),
      enrolmentId: this.uuid(),
      staffId: this.uuid(),
      signPublicKey: device.signPublicKey,
      fingerprint: fingerprint(this.sodium, box, sign),
      status,
      expiresAt: this.now() + 24 * 3_600_000,
    };
    this.devices.set(registered.deviceId, registered);
    return json(201, {
      enrolmentId: registered.enrolmentId,
      deviceId: registered.deviceId,
      staffId: registered.staffId,
      fingerprint: this.reportedFingerprint ?? registered.fingerprint,
      status,
      expiresAt: registered.expiresAt,
    });
  }

  private route(method: string, path: string, body: unknown): Response {
    if (method === 'POST' && path === '/auth/setup') {
      const request = body as SetupRequest;
      if (request.setupCode !== this.setupCode) return json(400, { reason: 'setup-code-invalid' });
      if (!/^[A-Za-z0-9_-]{43}$/.test(request.recoveryPublicKey ?? '')) {
        return json(400, { reason: 'invalid-request' });
      }
      this.recoveryPublicKey = request.recoveryPublicKey;
      return this.register(request.device, 'approved');
    }
    if (method === 'POST' && path === '/enrolments') {
      const request = body as EnrolRequest;
      if (request.invitationCode !== this.invitationCode) return json(400, { reason: 'invitation-invalid' });
      return this.register(request.device, 'pending');
    }
    const enrolment = /^\/enrolments\/([^/]+)$/.exec(path);
    if (method === 'GET' && enrolment) {
      const device = [...this.devices.values()].find((d) => d.enrolmentId === enrolment[1]);
      if (!device) return json(404, { reason: 'not-found' });
      return json(200, { enrolmentId: device.enrolmentId, status: device.status, deviceId: device.deviceId });
    }
    if (method === 'POST' && path === '/auth/challenge') {
      const { deviceId } = body as { deviceId: string };
      const refusal = this.refusal(deviceId);
      if (refusal) return json(401, { reason: refusal });
      const challengeId = this.uuid();
      const challenge = toBase64Url(this.sodium.randombytes_buf(32));
      this.challenges.set(challengeId, { challenge, deviceId });
      return json(200, { challengeId, challenge, expiresAt: this.now() + 60_000 });
    }
    if (method === 'POST' && path === '/auth/session') {
      const { challengeId, deviceId, signature } = body as Record<string, string>;
      const issued = this.challenges.get(challengeId!);
      this.challenges.delete(challengeId!);
      const refusal = this.refusal(deviceId!);
      if (refusal) return json(401, { reason: refusal });
      const device = this.devices.get(deviceId!)!;
      if (
        !issued ||
        issued.deviceId !== deviceId ||
        !verifyAuthChallenge(this.sodium, device.signPublicKey, issued.challenge, deviceId!, signature!)
      ) {
        return json(401, { reason: 'signature-invalid' });
      }
      return json(200, {
        token: `token-${this.uuid()}`,
        expiresAt: this.now() + SESSION_TTL_MS,
        staffId: device.staffId,
        displayName: 'Aiko Tanaka',
        role: this.role,
        deviceId,
      });
    }
    return json(404, { reason: 'not-found' });
  }

  private refusal(deviceId: string): string | undefined {
    const device = this.devices.get(deviceId);
    if (!device) return 'device-unknown';
    if (device.status === 'revoked') return 'device-revoked';
    if (device.status !== 'approved') return 'device-pending';
    return undefined;
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
