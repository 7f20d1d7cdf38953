/**
 * The code to show when a store operation fails. RxDB's error messages carry the document (names, passport
 * numbers...), so the UI shows only the error's code (`CONFLICT`, `VD2`, `not-found`...), or `unknown`.
 */
export function describeStoreError(cause: unknown): string {
  const code = (cause as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : 'unknown';
}
