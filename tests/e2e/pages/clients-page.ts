import { expect, type Locator, type Page } from '@playwright/test';

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

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Clients' })).toBeVisible();
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
