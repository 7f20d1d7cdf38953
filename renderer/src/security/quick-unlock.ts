import type { DesktopBridge, QuickUnlockStatus } from '../../../shared/index';
import { StaleQuickUnlockError, type DeviceVault, type Keyring } from './device-vault';

type KeychainBridge = Pick<
  DesktopBridge,
  'quickUnlockStatus' | 'storeQuickUnlock' | 'readQuickUnlock' | 'clearQuickUnlock'
>;

/**
 * Optional quick unlock: the vault key kept by the OS keychain (through the bridge), so this device opens
 * without the passphrase. It is stored only after an unlock the person made with the option ticked, and
 * forgotten as soon as they untick it.
 */
export class QuickUnlock {
  private remember = false;

  constructor(
    private readonly bridge: KeychainBridge,
    private readonly vault: Pick<DeviceVault, 'quickUnlockSecret' | 'unlockWithKey'>,
  ) {}

  status(): Promise<QuickUnlockStatus> {
    return this.bridge.quickUnlockStatus();
  }

  /** Ticked: keep the key at the next unlock. Unticked: forget the kept key now. */
  async choose(remember: boolean): Promise<void> {
    this.remember = remember;
    if (!remember) await this.bridge.clearQuickUnlock();
  }

  /**
   * Called with the keyring of every successful unlock. Never throws: a keychain that refuses (it went away
   * since the option was ticked) must not undo the unlock. Answers whether the key was stored.
   */
  async afterUnlock(keyring: Keyring): Promise<boolean> {
    if (!this.remember) return false;
    this.remember = false;
    try {
      await this.bridge.storeQuickUnlock(this.vault.quickUnlockSecret(keyring));
      return true;
    } catch {
      return false;
    }
  }

  /** The vault opened with the kept key, or undefined when none is kept or it belongs to an earlier vault. */
  async unlock(): Promise<Keyring | undefined> {
    const secret = await this.bridge.readQuickUnlock();
    if (secret === undefined) return undefined;
    try {
      return this.vault.unlockWithKey(secret);
    } catch (error) {
      if (!(error instanceof StaleQuickUnlockError)) throw error;
      await this.bridge.clearQuickUnlock();
      return undefined;
    }
  }
}
