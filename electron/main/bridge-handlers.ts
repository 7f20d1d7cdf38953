import { Ajv, type ValidateFunction } from 'ajv';
import {
  bridgeChannels,
  contentProtectionSchema,
  quickUnlockSecretSchema,
  saveFileRequestSchema,
  type AppInfo,
  type ContentProtectionResult,
  type QuickUnlockStatus,
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
  saveOpener(): Promise<SaveFileResult>;
  quickUnlock: {
    status(): Promise<QuickUnlockStatus>;
    store(secretB64: string): Promise<void>;
    read(): Promise<string | undefined>;
    clear(): Promise<void>;
  };
  setContentProtection(enabled: boolean): ContentProtectionResult;
}

export class BridgeRequestError extends Error {}

const ajv = new Ajv({ allErrors: true });
const validateSaveFile = ajv.compile<SaveFileRequest>(saveFileRequestSchema);
const validateSecret = ajv.compile<string>(quickUnlockSecretSchema);
const validateEnabled = ajv.compile<boolean>(contentProtectionSchema);

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

  /** One argument, valid against the schema; the message names the rule, never the value (it may be a secret). */
  const oneArgument = <T>(args: unknown[], validate: ValidateFunction<T>, what: string): T => {
    if (args.length !== 1 || !validate(args[0])) {
      throw new BridgeRequestError(
        `refused: invalid ${what} (${validate.errors?.[0]?.message ?? 'one argument expected'})`,
      );
    }
    return args[0];
  };
  const withoutArguments = (call: () => unknown) =>
    guarded((...args) => {
      noArguments(args);
      return call();
    });

  ipcMain.handle(
    bridgeChannels.getAppInfo,
    withoutArguments(() => host.appInfo()),
  );
  ipcMain.handle(
    bridgeChannels.getServerUrl,
    withoutArguments(() => host.serverUrl()),
  );
  ipcMain.handle(
    bridgeChannels.saveFile,
    guarded((...args) => host.saveFile(oneArgument(args, validateSaveFile, 'save request'))),
  );
  ipcMain.handle(
    bridgeChannels.saveOpener,
    withoutArguments(() => host.saveOpener()),
  );
  ipcMain.handle(
    bridgeChannels.quickUnlockStatus,
    withoutArguments(() => host.quickUnlock.status()),
  );
  ipcMain.handle(
    bridgeChannels.storeQuickUnlock,
    guarded((...args) => host.quickUnlock.store(oneArgument(args, validateSecret, 'quick-unlock secret'))),
  );
  ipcMain.handle(
    bridgeChannels.readQuickUnlock,
    withoutArguments(() => host.quickUnlock.read()),
  );
  ipcMain.handle(
    bridgeChannels.clearQuickUnlock,
    withoutArguments(() => host.quickUnlock.clear()),
  );
  ipcMain.handle(
    bridgeChannels.setContentProtection,
    guarded((...args) =>
      host.setContentProtection(oneArgument(args, validateEnabled, 'content protection setting')),
    ),
  );
}
