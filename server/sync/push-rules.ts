import { collectionRegistry } from '../../shared/sync/registry';
import { withClientRules, type PushRule } from '../../shared/sync/push-rules';
import { SYNCED_COLLECTION_NAMES, type SyncedCollectionName } from '../../shared/index';
import { bothRules, shreddedKeyRule } from '../../shared/sync/shredded-key-rule';

const SEALED_UNDER_CLIENT_KEYS: readonly SyncedCollectionName[] = ['medical', 'keyWraps', 'trips'];

export type { AnyDocument, PushCaller, PushFacts, PushRefusal } from '../../shared/sync/push-rules';

/**
 * The push rules of each collection: the client rules its registry entry's `assignees` calls for (scope by the
 * client, legal holds) if its documents name a client, then the rule it names in the registry (shared/sync/registry.ts), if any.
 */
export const pushRules: Record<SyncedCollectionName, PushRule> = Object.fromEntries(
  SYNCED_COLLECTION_NAMES.map((name) => {
    const entry = collectionRegistry[name];
    // A collection whose documents are no client's (organisation settings) gets no client rules.
    const ofClient = entry.assignees === 'own' || 'clientId' in entry.schema.properties;
    // Documents that name a client's key or carry its envelopes: none under a key an erasure shredded.
    const own = SEALED_UNDER_CLIENT_KEYS.includes(name)
      ? bothRules(entry.pushRule, shreddedKeyRule)
      : entry.pushRule;
    return [name, withClientRules(name, entry.assignees, own, ofClient)];
  }),
) as Record<SyncedCollectionName, PushRule>;
