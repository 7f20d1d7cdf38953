import type { DesktopBridge } from '../../../shared/index';
import { createBrowserBridge } from './browser-bridge';

/** The host's bridge: the Electron preload's when present, else the browser host's. */
export const bridge: DesktopBridge = window.lumina ?? createBrowserBridge();
