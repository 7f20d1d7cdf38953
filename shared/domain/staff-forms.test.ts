import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enrolRequestSchema, invitationRequestSchema, setupRequestSchema } from '../auth/protocol';
import { validateEnrolment, validateInvitation, type EnrolmentDraft } from './staff-forms';

const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false });
const invitationOnWire = ajv.compile(invitationRequestSchema);
const setupOnWire = ajv.compile(setupRequestSchema);
const enrolOnWire = ajv.compile(enrolRequestSchema);
const keys = { boxPublicKey: 'A'.repeat(43), signPublicKey: 'B'.repeat(43) };

describe('validateInvitation', () => {
  it('takes a tidied name and a role the inviter may give', () => {
    expect(validateInvitation({ displayName: '  Kenji   Mori ', role: 'concierge' }, 'manager')).toEqual({
      ok: true,
      value: { displayName: 'Kenji Mori', role: 'concierge' },
    });
    expect(validateInvitation({ displayName: 'Aiko', role: 'admin' }, 'admin')).toMatchObject({ ok: true });
  });

  it('refuses a missing or too long name, an unknown role, and an admin invited by a non-admin', () => {
    expect(validateInvitation({ displayName: '   ', role: 'nobody' }, 'manager')).toEqual({
      ok: false,
      errors: [
        { path: 'displayName', code: 'required' },
        { path: 'role', code: 'unknown-option' },
      ],
    });
    expect(validateInvitation({ displayName: 'x'.repeat(101), role: 'admin' }, 'manager')).toEqual({
      ok: false,
      errors: [
        { path: 'displayName', code: 'too-long', params: { max: 100 } },
        { path: 'role', code: 'not-allowed' },
      ],
    });
    expect(validateInvitation({ displayName: 'A\u0007B', role: 'concierge' }, 'admin')).toEqual({
      ok: false,
      errors: [{ path: 'displayName', code: 'invalid-format' }],
    });
  });

  it('accepts only what the server accepts', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.constantFrom('concierge', 'manager', 'admin'),
        (name, role) => {
          const result = validateInvitation({ displayName: name, role }, 'admin');
          if (result.ok) expect(invitationOnWire(result.value), JSON.stringify(name)).toBe(true);
        },
      ),
    );
  });
});

const join: EnrolmentDraft = {
  mode: 'join',
  code: 'abcd efgh-jkmn pqrs-tuvw',
  displayName: '',
  deviceName: ' Aiko’s laptop ',
  passphrase: 'correct horse battery staple',
  confirmation: 'correct horse battery staple',
};

describe('validateEnrolment', () => {
  it('takes an invitation code (normalised), a tidied device name and the passphrase as typed', () => {
    expect(validateEnrolment(join, true)).toEqual({
      ok: true,
      value: {
        mode: 'join',
        invitationCode: 'ABCD-EFGH-JKMN-PQRS-TUVW',
        deviceName: 'Aiko’s laptop',
        passphrase: 'correct horse battery staple',
      },
    });
  });

  it('asks for the name only when setting up', () => {
    const setup = { ...join, mode: 'setup' as const };
    expect(validateEnrolment(setup, true)).toEqual({
      ok: false,
      errors: [{ path: 'displayName', code: 'required' }],
    });
    expect(validateEnrolment({ ...setup, displayName: 'Aiko Sato' }, true)).toMatchObject({
      ok: true,
      value: { mode: 'setup', setupCode: 'ABCD-EFGH-JKMN-PQRS-TUVW', displayName: 'Aiko Sato' },
    });
  });

  it('reports every problem at its field: code, device name, weak passphrase, confirmation', () => {
    const draft = { ...join, code: 'ABCD-1234', deviceName: '', confirmation: 'something else' };
    expect(validateEnrolment(draft, false)).toEqual({
      ok: false,
      errors: [
        { path: 'code', code: 'invalid-format' },
        { path: 'deviceName', code: 'required' },
        { path: 'passphrase', code: 'too-weak' },
        { path: 'confirmation', code: 'mismatch' },
      ],
    });
    // Still being measured: not yet acceptable.
    expect(validateEnrolment(join, undefined)).toEqual({
      ok: false,
      errors: [{ path: 'passphrase', code: 'too-weak' }],
    });
  });

  it('accepts only what the server accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 30 }), fc.constant('abcd efgh-jkmn pqrs-tuvw')),
        fc.string({ maxLength: 120 }),
        fc.string({ maxLength: 120 }),
        fc.constantFrom('join' as const, 'setup' as const),
        (code, displayName, deviceName, mode) => {
          const result = validateEnrolment({ ...join, mode, code, displayName, deviceName }, true);
          if (!result.ok) return;
          const value = result.value;
          const device = { name: value.deviceName, ...keys };
          if (value.mode === 'setup') {
            const request = {
              setupCode: value.setupCode,
              displayName: value.displayName,
              device,
              recoveryPublicKey: 'C'.repeat(43),
            };
            expect(setupOnWire(request)).toBe(true);
          } else expect(enrolOnWire({ invitationCode: value.invitationCode, device })).toBe(true);
        },
      ),
    );
  });
});
