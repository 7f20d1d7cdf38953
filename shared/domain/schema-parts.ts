import { EPOCH_MS_MAX } from './client';

/** Pieces the document schemas share. Ids are UUIDs (lower-case), as the devices and the server make them. */
export const UUID_PATTERN = '^[0-9a-f-]{36}$';
export const uuidSchema = { type: 'string', maxLength: 36, pattern: UUID_PATTERN } as const;
export const epochMsSchema = { type: 'integer', minimum: 0, maximum: EPOCH_MS_MAX, multipleOf: 1 } as const;
export const staffIdsSchema = { type: 'array', items: uuidSchema, maxItems: 50, uniqueItems: true } as const;
