import { describe, expect, it } from 'vitest';
import { validateClose, validateLogRequest, validateVerification } from './request-form';

const CLIENT = '00000000-0000-4000-8000-000000000001';
const draft = {
  clientId: CLIENT,
  type: 'disclosure',
  channel: 'in-person',
  requesterKind: 'client',
  requesterName: '',
  relationship: '',
  residenceCountry: '',
  details: '',
  erasureScope: 'client',
  receivedAt: '',
};

describe('the request forms', () => {
  it('log a request from the client, and want a representative named with their relationship', () => {
    expect(validateLogRequest(draft)).toEqual({
      ok: true,
      value: { clientId: CLIENT, type: 'disclosure', channel: 'in-person', requesterKind: 'client' },
    });
    const rep = validateLogRequest({ ...draft, requesterKind: 'representative' });
    expect(rep.ok ? [] : rep.errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'requesterName:required',
      'relationship:required',
    ]);
    const bad = validateLogRequest({ ...draft, clientId: '', type: 'gossip', residenceCountry: 'ZZ' });
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'clientId:required',
      'type:unknown-option',
      'residenceCountry:unknown-country',
    ]);
    const residence = validateLogRequest({ ...draft, residenceCountry: ' de ' });
    expect(residence.ok && residence.value.residenceCountry).toBe('DE');
  });

  it('keep an erasure request’s scope narrower than the whole client, and only on an erasure request', () => {
    const erasure = { ...draft, type: 'erasure' };
    const medical = validateLogRequest({ ...erasure, erasureScope: 'medical' });
    expect(medical.ok && medical.value.erasureScope).toBe('medical');
    for (const scope of ['client', ''])
      expect(validateLogRequest({ ...erasure, erasureScope: scope })).toMatchObject({
        ok: true,
        value: { type: 'erasure' },
      });
    const whole = validateLogRequest({ ...erasure, erasureScope: 'client' });
    expect(whole.ok && 'erasureScope' in whole.value).toBe(false);
    const odd = validateLogRequest({ ...erasure, erasureScope: 'everything' });
    expect(odd.ok ? [] : odd.errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'erasureScope:unknown-option',
    ]);
    const disclosure = validateLogRequest({ ...draft, erasureScope: 'medical' });
    expect(disclosure.ok && 'erasureScope' in disclosure.value).toBe(false);
  });

  it('take the receipt as entered (local time): not in the future, not more than 90 days back', () => {
    const now = new Date('2026-12-07T10:00').getTime();
    const at = (receivedAt: string) => {
      const result = validateLogRequest({ ...draft, receivedAt }, now);
      return result.ok ? result.value.receivedAt : result.errors.map((e) => `${e.path}:${e.code}`);
    };
    expect(at('2026-12-01T09:30')).toBe(new Date('2026-12-01T09:30').getTime());
    expect(at('')).toBeUndefined();
    expect(at('2026-12-08T09:30')).toEqual(['receivedAt:date-in-future']);
    expect(at('2026-08-01T09:30')).toEqual(['receivedAt:date-too-early']);
    expect(at('yesterday')).toEqual(['receivedAt:invalid-date']);
  });

  it('check a representative’s authority with the identity', () => {
    const value = { method: 'passport-in-person', outcome: 'verified', notes: '', evidence: '' };
    expect(validateVerification(value, false).ok).toBe(true);
    const rep = validateVerification(value, true);
    expect(rep.ok ? [] : rep.errors.map((e) => e.path)).toEqual(['evidence']);
  });

  it('want a legal ground for a refusal and for a partial answer', () => {
    const base = { kind: 'answer', channel: 'email', summary: 'Sent', partial: 'no', ground: '' };
    expect(validateClose(base)).toEqual({
      ok: true,
      value: { kind: 'answer', channel: 'email', summary: 'Sent', partial: false },
    });
    expect(validateClose({ ...base, partial: 'yes' }).ok).toBe(false);
    expect(validateClose({ ...base, kind: 'refuse' }).ok).toBe(false);
    expect(validateClose({ ...base, kind: 'refuse', ground: 'appi-33-2-i-harm' })).toMatchObject({
      ok: true,
      value: { kind: 'refuse', ground: 'appi-33-2-i-harm', reason: 'Sent' },
    });
  });
});
