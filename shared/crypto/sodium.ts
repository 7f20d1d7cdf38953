import sodiumModule from 'libsodium-wrappers-sumo';

/** The libsodium API (sumo build: it has Argon2id). Every function in shared/crypto takes it as a parameter. */
export type Sodium = typeof sodiumModule;

let loading: Promise<Sodium> | undefined;

/** Waits for libsodium's WebAssembly to be ready, once per process; later calls share the same promise. */
export async function loadSodium(): Promise<Sodium> {
  loading ??= sodiumModule.ready.then(
    () => sodiumModule,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export type CryptoErrorCode =
  /** Not a well-formed envelope, wrap, bundle or parameter set (bad base64, wrong lengths, missing fields). */
  | 'malformed'
  /** A format version this code does not know. */
  | 'unsupported-version'
  /** The key offered is not the one the data was sealed under (key id or recipient differs), or a wrong passphrase. */
  | 'wrong-key'
  /** Authentication failed: the bytes were altered, or the envelope was moved to another record, field or purpose. */
  | 'tampered'
  /** Authenticated contents disagree with the labels around them (client id, key id, staff id). */
  | 'context-mismatch'
  /** Key-derivation parameters below the enforced floor, or not Argon2id: a downgrade. */
  | 'kdf-too-weak'
  /** A key wrap's Ed25519 signature does not verify under the granter's public key. */
  | 'bad-signature'
  /** The person holds no wrap of the client's current data key. */
  | 'no-access'
  /** The caller passed something unusable (a key of the wrong length, an empty id, an empty passphrase). */
  | 'invalid-input';

/** The one error type of shared/crypto. Messages name what failed and never contain plaintext or key bytes. */
export class CryptoError extends Error {
  override readonly name = 'CryptoError';

  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}
