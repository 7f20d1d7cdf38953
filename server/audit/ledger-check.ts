import { checkpointSequenceBreak } from '../../shared/crypto/audit-verify';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { Sodium } from '../../shared/crypto/index';
import type { ServerLedgersCheck } from '../../shared/domain/audit-api';
import type { Queryable } from '../db/database';
import { listCheckpoints, retiredServerKeys } from './checkpoints';
import type { CheckpointSigner } from './signer';

type Tx = Pick<Queryable, 'query'>;

export type LedgerBreak = NonNullable<ServerLedgersCheck['broken']>;

async function chainBreak(
  tx: Tx,
  ledger: LedgerBreak['ledger'],
  sql: string,
): Promise<{ broken?: LedgerBreak; hashes: Map<number, string> }> {
  const rows = await tx.query<{
    at: number;
    prev_hash: string | null;
    hash: string | null;
    recomputed: string;
  }>(sql);
  const hashes = new Map<number, string>();
  let last: string | null = null;
  for (const row of rows) {
    const at = Number(row.at);
    if ((row.prev_hash ?? null) !== last) return { broken: { ledger, at, problem: 'link' }, hashes };
    if (row.hash !== row.recomputed) return { broken: { ledger, at, problem: 'hash' }, hashes };
    hashes.set(at, row.hash);
    last = row.hash;
  }
  return { hashes };
}

/**
 * The server's ledgers re-checked: both chains row by row; every checkpoint's signature and place in the
 * sequence (checkpointSequenceBreak), and the sequence reaching the last checkpoint the signer remembers (kept
 * outside the database: a deleted tail is found); then every head a checkpoint signed. `checkpointsVerified` 0:
 * no checkpoint yet, the heads are not verified.
 */
export async function verifyServerLedgers(
  tx: Tx,
  sodium: Sodium,
  signer: CheckpointSigner,
): Promise<ServerLedgersCheck> {
  const fail = (broken: LedgerBreak): ServerLedgersCheck => ({ ok: false, checkpointsVerified: 0, broken });
  const staff = await chainBreak(
    tx,
    'staffEvents',
    'SELECT id AS at, prev_hash, hash, staff_event_hash(prev_hash, e) AS recomputed FROM staff_events e ORDER BY id',
  );
  if (staff.broken) return fail(staff.broken);
  const incidents = await chainBreak(
    tx,
    'incidentRevisions',
    `SELECT chain_seq AS at, prev_hash, hash, incident_revision_hash(prev_hash, r) AS recomputed
       FROM incident_revisions r ORDER BY chain_seq`,
  );
  if (incidents.broken) return fail(incidents.broken);
  const checkpoints = await listCheckpoints(tx);
  const retired = await retiredServerKeys(tx, signer);
  const keys = {
    current: decodeBase64Url(signer.publicKey),
    retired: retired.map(decodeBase64Url).filter((key): key is Uint8Array => !!key),
  };
  const sequence = checkpointSequenceBreak(sodium, checkpoints, keys, signer.head());
  if (sequence) {
    const problem = sequence.problem === 'checkpoint' ? 'signature' : 'checkpoint-gap';
    const at = sequence.checkpointId ?? 0;
    return fail({ ledger: 'checkpoints', at, problem, checkpointId: at });
  }
  for (const checkpoint of checkpoints) {
    if (!checkpoint.ledgers) continue;
    for (const [ledger, chain] of [
      ['staffEvents', staff],
      ['incidentRevisions', incidents],
    ] as const) {
      const head = checkpoint.ledgers[ledger];
      if (head.at > 0 && chain.hashes.get(head.at) !== head.hash)
        return fail({ ledger, at: head.at, problem: 'checkpoint', checkpointId: checkpoint.id });
    }
  }
  return { ok: true, checkpointsVerified: checkpoints.length };
}
