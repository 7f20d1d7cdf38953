/**
 * Where the desktop app's renderer lives: electron/main serves it from app://lumina/, and the sync server lets
 * that origin call it (CORS). One definition, because the two must agree.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lumina';
export const DESKTOP_APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
