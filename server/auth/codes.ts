import { createHash, randomBytes } from 'node:crypto';
import { codeFromRandom } from '../../shared/index';

/** One-time codes and session tokens are stored as SHA-256 hashes only. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A one-time code for a person to type (setup, invitation): 20 random bytes in the code alphabet. */
export const newCode = () => codeFromRandom(randomBytes(20));

/** 32 random bytes, base64url: a session token or a challenge. */
export const randomToken = () => randomBytes(32).toString('base64url');
