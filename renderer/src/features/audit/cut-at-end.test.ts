import { describe, expect, it } from 'vitest';
import { auditEntryHash } from '../../../../shared/crypto/audit-chain';
import {
  AUDIT_EXPORT_FORMAT,
  signCheckpoint,
  verifyAuditExport,
  type AuditExportEnd,
} from '../../../../shared/crypto/audit-verify';
import { toBase64Url } from '../../../../shared/crypto/encoding';
import { generateIdentity } from '../../../../shared/crypto/identity';
import { loadSodium } from '../../../../shared/crypto/index';
import { auditChainOf } from '../../../../tests/support/audit-log';
import { cutAtEnd, reachesEnd } from './export-cut';

const sodium = await loadSodium();
const server = sodium.crypto_sign_keypair();
const logger = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d1');
const { entries } = auditChainOf(sodium, logger, 5, { staffId: '00000000-0000-4000-8000-0000000000aa' });

describe('the console’s export cut from its own copy', () => {
  it('starts a chain the server pruned at the end’s signed start, though this copy still holds the entries before', () => {
    const start = { deviceId: logger.staffId, seq: 2, hash: auditEntryHash(sodium, entries[1]!) };
    const end: AuditExportEnd = {
      entries: 3,
      checkpoint: signCheckpoint(
        sodium,
        {
          id: 1,
          at: 1,
          heads: [{ deviceId: logger.staffId, seq: 5, hash: auditEntryHash(sodium, entries[4]!) }],
          starts: [start],
        },
        server.privateKey,
      ),
    };
    const cut = cutAtEnd(entries, end);
    expect(cut.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(reachesEnd(cut, end)).toBe(true);
    const verified = verifyAuditExport(sodium, {
      format: AUDIT_EXPORT_FORMAT,
      exportedAt: 2,
      entries: cut,
      devices: [{ deviceId: logger.staffId, signPublicKey: toBase64Url(logger.signPublicKey) }],
      checkpoints: [],
      serverPublicKey: toBase64Url(server.publicKey),
      end,
    });
    expect(verified).toMatchObject({ ok: true, chained: 3 });
  });
});
