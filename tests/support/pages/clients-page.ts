import { expect, type Locator, type Page } from '@playwright/test';

export const DEFAULT_PASSPHRASE = 'correct horse battery staple';

/** The clients screen, as a person sees it. */
export class ClientsPage {
  readonly nameInput: Locator;
  readonly addButton: Locator;
  readonly list: Locator;
  readonly syncStatus: Locator;
  readonly pendingChanges: Locator;

  constructor(readonly page: Page) {
    this.nameInput = page.getByLabel('Client name (Latin script, as in the passport)');
    this.addButton = page.getByRole('button', { name: 'Add client' });
    this.list = page.getByRole('list', { name: 'Clients' });
    this.syncStatus = page.getByTestId('sync-status');
    this.pendingChanges = page.getByTestId('sync-pending');
  }

  /** Gets past the lock screen of an enrolled device (see enrolment-page.ts for a device that is not). */
  async unlock(passphrase = DEFAULT_PASSPHRASE) {
    await expect(this.page.getByRole('heading', { name: 'Unlock Lumina Concierge' })).toBeVisible();
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await this.openFromHome();
  }

  /**
   * From the screen the app opens on (Today for concierges and coordinators, Clients for the others) to Clients.
   */
  async openFromHome() {
    const clients = this.page.getByRole('heading', { name: 'Clients', exact: true });
    const today = this.page.getByRole('heading', { name: 'Today', exact: true });
    await expect(clients.or(today)).toBeVisible();
    if (await today.isVisible()) {
      await this.page.getByRole('navigation').getByRole('button', { name: 'Clients' }).click();
    }
    await expect(clients).toBeVisible();
  }

  async lock() {
    await this.page.getByRole('button', { name: 'Lock', exact: true }).click();
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

  /**
   * The client's row after searching for it, as a person would: the list is virtualised, and the worker's shared
   * organisation holds enough clients for a given name to fall outside the rows drawn.
   */
  async find(latinName: string): Promise<Locator> {
    await this.search(latinName);
    return this.client(latinName);
  }

  /** Keeps in the list only the clients this search finds, e.g. a spec's own by the suffix their names share. */
  async search(text: string) {
    await this.page.getByRole('searchbox', { name: 'Search clients' }).fill(text);
  }

  /** Opens the client's record from the list, searching for it first (see `find`). */
  async open(latinName: string) {
    await (await this.find(latinName)).getByRole('button', { name: latinName, exact: true }).click();
  }

  /** The row of the client shown under this name (not rows that merely mention it, as in a conflict). */
  client(latinName: string): Locator {
    const exact = new RegExp(`^${latinName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.list
      .locator(':scope > li')
      .filter({ has: this.page.locator('.client-name', { hasText: exact }) });
  }

  /** Renames a client inline from its row. */
  async renameClient(currentName: string, newName: string) {
    await (await this.find(currentName)).getByRole('button', { name: 'Rename' }).click();
    const input = this.page.getByLabel(`New name for ${currentName}`);
    await input.fill(newName);
    await this.page.getByRole('button', { name: 'Save name' }).click();
    await expect(await this.find(newName)).toBeVisible();
  }

  /** The badge that marks a client with open conflicts. */
  conflictBadge(latinName: string): Locator {
    return this.page.getByRole('button', { name: `Resolve conflicts of ${latinName}` });
  }

  /** Opens the side-by-side view of a client's conflicts. */
  async openConflicts(latinName: string): Promise<Locator> {
    await this.conflictBadge(latinName).click();
    const view = this.page.getByRole('region', { name: `Conflicting edits of ${latinName}` });
    await expect(view).toBeVisible();
    return view;
  }

  /** The competing values of one conflicted field, in the order shown. */
  conflictValues(view: Locator, field: string): Locator {
    return view.getByRole('list', { name: field }).getByRole('listitem');
  }

  async keepValue(view: Locator, field: string, value: string) {
    await view.getByRole('button', { name: `Keep “${value}” for ${field}` }).click();
  }
}

/**
 * Opens a client's record from the clients list on `page`, searching for the client first when the list is on
 * screen (see `ClientsPage.find`).
 */
export async function chooseClient(page: Page, latinName: string) {
  const search = page.getByRole('searchbox', { name: 'Search clients' });
  if (await search.isVisible()) await search.fill(latinName);
  await page.getByRole('button', { name: latinName, exact: true }).click();
}
