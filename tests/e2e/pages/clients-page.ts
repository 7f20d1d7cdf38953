import { expect, type Locator, type Page } from '@playwright/test';

export const DEFAULT_PASSPHRASE = 'correct horse battery staple';

/** The clients screen, as a person sees it. */
export class ClientsPage {
  readonly nameInput: Locator;
  readonly addButton: Locator;
  readonly list: Locator;
  readonly syncStatus: Locator;

  constructor(readonly page: Page) {
    this.nameInput = page.getByLabel('Client name (Latin script, as in the passport)');
    this.addButton = page.getByRole('button', { name: 'Add client' });
    this.list = page.getByRole('list', { name: 'Clients' });
    this.syncStatus = page.getByTestId('sync-status');
  }

  /** Opens the app and gets past the lock screen: sets the device up on first start, unlocks after. */
  async open(url: string, passphrase = DEFAULT_PASSPHRASE) {
    await this.page.goto(url);
    await this.unlock(passphrase);
  }

  async unlock(passphrase = DEFAULT_PASSPHRASE) {
    const lock = this.page.getByRole('form');
    await expect(lock).toBeVisible();
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    const confirmation = this.page.getByLabel('Passphrase again');
    if (await confirmation.isVisible()) await confirmation.fill(passphrase);
    await this.page.getByRole('button', { name: /Unlock|Encrypt and open/ }).click();
    await expect(this.page.getByRole('heading', { name: 'Clients' })).toBeVisible();
  }

  async lock() {
    await this.page.getByRole('button', { name: 'Lock' }).click();
    await expect(this.page.getByRole('heading', { name: 'Unlock Lumina Concierge' })).toBeVisible();
  }

  async waitUntilOnline() {
    await expect(this.syncStatus).toContainText(/Online|Syncing|Last sync/);
    await expect(this.syncStatus).not.toContainText('Offline');
  }

  async addClient(latinName: string) {
    await this.nameInput.fill(latinName);
    await this.addButton.click();
  }

  client(latinName: string): Locator {
    return this.list.getByRole('listitem').filter({ hasText: latinName });
  }
}
