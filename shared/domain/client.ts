/**
 * The client: its document and schema (client-schema.ts), creating and updating it (client-record.ts), and the
 * validators of the record's form sections, one file per concern. Import from here.
 */
export * from './client-schema';
export * from './client-record';
export * from './client-profile';
export * from './client-contact';
export * from './client-passport';
export * from './client-preferences';
export * from './client-assignment';
