import { collectionRegistry } from '../../shared/sync/registry';
import type { PushRule } from '../../shared/sync/push-rules';
import { SYNCED_COLLECTION_NAMES, type SyncedCollectionName } from '../../shared/index';

export type { AnyDocument, PushCaller, PushFacts, PushRefusal } from '../../shared/sync/push-rules';

/** The push rule each collection names in the registry (shared/sync/registry.ts), if any. */
export const pushRules: Partial<Record<SyncedCollectionName, PushRule>> = Object.fromEntries(
  SYNCED_COLLECTION_NAMES.map((name) => [name, collectionRegistry[name].pushRule]).filter(([, rule]) => rule),
);
