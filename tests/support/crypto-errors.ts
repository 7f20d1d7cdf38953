import { CryptoError } from '../../shared/crypto/sodium';

/** For tests: the CryptoError a call throws; fails the test if it returns or throws anything else. */
export function thrown(call: () => unknown): CryptoError {
  try {
    call();
  } catch (error) {
    if (error instanceof CryptoError) return error;
    throw error;
  }
  throw new Error('expected a CryptoError: the call returned');
}
