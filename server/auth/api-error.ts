/**
 * An error a route answers with a status and a machine-readable reason (shared/auth/protocol.ts), never a stack
 * or a row. 401: not authenticated (the device may need to wipe: 'device-revoked'); 403: authenticated but not
 * allowed, with what was needed; 409: the state does not allow it.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    readonly needs?: string,
    /** The one document of a sync push the refusal is about (the rest of the push was not judged wrong). */
    readonly documentId?: string,
  ) {
    super(reason);
  }

  /** The same refusal, naming the pushed document it is about. */
  about(documentId: string): ApiError {
    return new ApiError(this.statusCode, this.reason, this.needs, documentId);
  }
}

export const unauthorized = (reason: string) => new ApiError(401, reason);
export const forbidden = (needs: string, reason = 'forbidden') => new ApiError(403, reason, needs);
export const conflict = (reason: string) => new ApiError(409, reason);
export const badRequest = (reason: string) => new ApiError(400, reason);
export const notFound = (reason = 'not-found') => new ApiError(404, reason);
