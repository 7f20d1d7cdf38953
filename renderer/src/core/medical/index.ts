/** The medical core's public face, for the medical feature's data module (features/medical/medical-data.ts). */
export * from './consent-gate';
export * from './context';
export * from './grants';
export * from './key-holders';
export * from './records';
export * from './rotation';
export * from './save-section';
export * from './unseal';
export * from './trip-reseal';
export * from './recovery';
