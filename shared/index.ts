export * from './domain/client';
export * from './sync/collections';
export * from './sync/protocol';
export * from './sync/wire-schema';
export * from './sync/canonical';
export * from './bridge/desktop-bridge';
export * from './security/csp';
export * from './security/app-origin';
