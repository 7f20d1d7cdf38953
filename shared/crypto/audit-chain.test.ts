import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../domain/audit';
import {
  AUDIT_GENESIS,
  EMPTY_CHAIN,
  auditEntryHash,
  auditSignedBytes,
  extendChain,
  signAuditEntry,
  verifyAuditSignature,
  type ChainHead,
} from './audit-chain';
import { asciiBytes, frame, toBase64Url } from './encoding';
import { generateIdentity } from './identity';
import { loadSodium } from './sodium';
import { auditChainOf } from '../../tests/support/audit-log';

const sodium = await loadSodium();
const DEVICE = '00000000-0000-4000-8000-0000000000d1';
const STAFF = '00000000-0000-4000-8000-0000000000aa';
const CLIENT = '00000000-0000-4000-8000-000000000001';
const device = generateIdentity(sodium, DEVICE);

const chainOf = (count: number, signer = device, start: ChainHead = EMPTY_CHAIN) =>
  auditChainOf(sodium, signer, count, { staffId: STAFF, clientId: CLIENT, start });

describe('access log entries', () => {
  it('signs the canonical bytes the spec names, without the signature, the scope and the legacy mark', () => {
    const { entries } = chainOf(1);
    const entry = entries[0]!;
    const { signature, assignedStaffIds, ...signed } = entry;
    void assignedStaffIds;
    const keys = Object.keys(signed).sort();
    const json = `{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(signed[key as keyof typeof signed])}`).join(',')}}`;
    const expected = frame([asciiBytes('lumina.audit-entry.v1'), new TextEncoder().encode(json)]);
    expect(auditSignedBytes(sodium, entry)).toEqual(expected);
    expect(
      sodium.crypto_sign_verify_detached(sodium.from_base64(signature!, 7), expected, device.signPublicKey),
    ).toBe(true);
    expect(entry.prevHash).toBe(AUDIT_GENESIS);
    expect(entry.seq).toBe(1);
    // The scope is not signed: the server may rewrite it without breaking the signature.
    expect(verifyAuditSignature(sodium, { ...entry, assignedStaffIds: [] }, device.signPublicKey)).toBe(true);
  });

  it('hashes the signed bytes and the signature: BLAKE2b-256 of F(label, bytes, signature)', () => {
    const { entries } = chainOf(2);
    const first = entries[0]!;
    const bytes = frame([
      asciiBytes('lumina.audit-hash.v1'),
      auditSignedBytes(sodium, first),
      sodium.from_base64(first.signature!, 7),
    ]);
    expect(auditEntryHash(sodium, first)).toBe(toBase64Url(sodium.crypto_generichash(32, bytes, null)));
    expect(entries[1]!.prevHash).toBe(auditEntryHash(sodium, first));
  });

  it('refuses to sign for another device', () => {
    const other = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d2');
    const { entries } = chainOf(1);
    const { signature, ...unsigned } = entries[0]!;
    void signature;
    expect(() => signAuditEntry(sodium, unsigned, other)).toThrow(/signer/);
  });

  it('extends a chain only by the next signed link, naming the head', () => {
    const { entries } = chainOf(3);
    let head: ChainHead = EMPTY_CHAIN;
    for (const entry of entries) {
      const step = extendChain(sodium, head, entry, device.signPublicKey);
      expect('head' in step).toBe(true);
      if ('head' in step) head = step.head;
    }
    expect(head.seq).toBe(3);
    const [first, second, third] = entries as [AuditEvent, AuditEvent, AuditEvent];
    const after1 = { seq: 1, hash: auditEntryHash(sodium, first) };
    expect(extendChain(sodium, EMPTY_CHAIN, second, device.signPublicKey)).toEqual({ problem: 'gap' });
    expect(extendChain(sodium, after1, first, device.signPublicKey)).toEqual({ problem: 'replay' });
    expect(extendChain(sodium, after1, { ...second, fields: ['history'] }, device.signPublicKey)).toEqual({
      problem: 'signature',
    });
    // A second history from seq 1: its seq 2 names another hash.
    const fork = chainOf(2, device, { seq: 0, hash: toBase64Url(new Uint8Array(32).fill(7)) }).entries[1]!;
    expect(extendChain(sodium, after1, fork, device.signPublicKey)).toEqual({ problem: 'fork' });
    expect(extendChain(sodium, after1, second, undefined)).toEqual({ problem: 'device' });
    expect(extendChain(sodium, after1, { ...third, legacy: true }, device.signPublicKey)).toEqual({
      problem: 'unsigned',
    });
  });
});

describe('the signed bytes written directly', () => {
  it('are the canonical JSON of the signed fields, for every shape an entry takes and a nested one', async () => {
    const { canonicalJson } = await import('../sync/canonical');
    const base = chainOf(1).entries[0]!;
    const shapes: Record<string, unknown>[] = [
      { ...base },
      { ...base, clientId: undefined, target: 'count:3', fields: [] },
      { ...base, legacy: true, seq: 0, prevHash: undefined, signature: undefined },
      { ...base, extra: { b: 1, a: [{ d: 2, c: 'é' }] } },
    ];
    for (const shape of shapes) {
      const signed = Object.fromEntries(
        Object.entries(shape).filter(([key]) => !['signature', 'assignedStaffIds', 'legacy'].includes(key)),
      );
      const expected = frame([
        asciiBytes('lumina.audit-entry.v1'),
        new TextEncoder().encode(canonicalJson(signed)),
      ]);
      expect(auditSignedBytes(sodium, shape as unknown as AuditEvent)).toEqual(expected);
    }
  });
});
