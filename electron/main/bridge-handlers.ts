import { Ajv } from 'ajv';
import {
  bridgeChannels,
  saveFileRequestSchema,
  type AppInfo,
  type SaveFileRequest,
  type SaveFileResult,
} from '../../shared/index';
import { isTrustedSenderUrl } from './security-policy';

/** The slice of Electron's ipcMain the handlers need; tests pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}

export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

/** What the handlers need from the operating system; electron/main/index.ts supplies the real ones. */
export interface BridgeHost {
  appInfo(): AppInfo;
  serverUrl(): string;
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
}

export class BridgeRequestError extends Error {}

const validateSaveFile = new Ajv({ allErrors: true }).compile<SaveFileRequest>(saveFileRequestSchema);

/**
 * Registers one IPC handler per bridge capability. Each refuses calls from frames that are not the app and
 * arguments that do not match the shared schema, before doing anything.
 */
export function registerBridgeHandlers(ipcMain: IpcMainLike, host: BridgeHost): void {
  const guarded =
    (handler: (...args: unknown[]) => unknown) =>
    (event: IpcEventLike, ...args: unknown[]) => {
      if (!isTrustedSenderUrl(event.senderFrame?.url)) {
        throw new BridgeRequestError('refused: the request does not come from the app');
      }
      return handler(...args);
    };
  const noArguments = (args: unknown[]) => {
    if (args.length !== 0) throw new BridgeRequestError('refused: this call takes no arguments');
  };

  ipcMain.handle(
    bridgeChannels.getAppInfo,
    guarded((...args) => {
      noArguments(args);
      return host.appInfo();
    }),
  );
  ipcMain.handle(
    bridgeChannels.getServerUrl,
    guarded((...args) => {
      noArguments(args);
      return host.serverUrl();
    }),
  );
  ipcMain.handle(
    bridgeChannels.saveFile,
    guarded((...args) => {
      if (args.length !== 1 || !validateSaveFile(args[0])) {
        throw new BridgeRequestError(
          `refused: invalid save request (${validateSaveFile.errors?.[0]?.message ?? 'one argument expected'})`,
        );
      }
      return host.saveFile(args[0]);
    }),
  );
}
