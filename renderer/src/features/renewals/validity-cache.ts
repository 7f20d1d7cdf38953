import type { Sodium } from '../../../../shared/crypto/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { recordValidity, type RecordValidity, type SignKeys } from '../../core/medical/consent-gate';

/**
 * A record's validity (its signature against the staff directory's device keys), each record checked once: lists
 * across every client (renewals, marketing, the client list's mark) fold the whole ledger again on every change,
 * and an Ed25519 check costs about 0.7 ms here (10,000 records: 7 s). A record never changes (the ledger is
 * append-only), and the cache key is the record's whole content with the key it was checked against, so a record
 * altered on the device, or checked again under another key, is verified afresh.
 */
const checked = new Map<string, RecordValidity>();
const CACHE_MAX = 200_000;

export function cachedValidity(sodium: Sodium, record: ConsentRecord, keys: SignKeys): RecordValidity {
  const key = keys.get(record.deviceId);
  // Legacy and unknown-device records cost nothing to judge; only signatures are worth remembering.
  if (record.legacy || key === undefined) return recordValidity(sodium, record, keys);
  const id = `${sodium.to_hex(key.signPublicKey)}|${JSON.stringify(record)}`;
  const known = checked.get(id);
  if (known !== undefined) return known;
  const validity = recordValidity(sodium, record, keys);
  if (checked.size >= CACHE_MAX) checked.clear();
  checked.set(id, validity);
  return validity;
}
