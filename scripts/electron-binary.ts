import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { available: true; path: string } | { available: false; reason: string };

/** Whether the Electron binary was downloaded at install time (it is not on machines without internet). */
export function electronBinary(): ElectronBinary {
  try {
    // The electron package exports the path of its binary, and throws when the download did not happen.
    const binaryPath = createRequire(import.meta.url)('electron') as string;
    if (!existsSync(binaryPath)) return { available: false, reason: `no file at ${binaryPath}` };
    return { available: true, path: binaryPath };
  } catch (error) {
    return { available: false, reason: (error as Error).message.split('\n')[0] ?? 'electron did not load' };
  }
}
