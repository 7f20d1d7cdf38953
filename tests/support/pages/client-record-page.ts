import { expect, type Locator, type Page } from '@playwright/test';
import type { ClientsPage } from './clients-page';

export type RecordTab = 'Profile' | 'Consents' | 'Medical' | 'Itinerary';

/**
 * One client's record: the profile's sections, saved together by the profile's one Save (each changed section
 * still validated and written on its own), and the tabs to the other parts.
 */
export class ClientRecordPage {
  /** The bar holding the profile's one Save, always in view. */
  readonly saveBar: Locator;
  /** What the bar says is unsaved: "2 sections have unsaved changes.", "Saved."… */
  readonly unsaved: Locator;

  constructor(readonly page: Page) {
    this.saveBar = page.getByRole('group', { name: 'Save the profile' });
    this.unsaved = this.saveBar.getByTestId('record-unsaved');
  }

  /**
   * Opens the record of `latinName` from the clients list, searching for it first as a person would: the list is
   * virtualised, and in an organisation the specs share a client can be far outside the rows in the page.
   */
  static async open(clients: ClientsPage, latinName: string): Promise<ClientRecordPage> {
    await clients.open(latinName);
    await expect(clients.page.getByRole('heading', { name: latinName, level: 2 })).toBeVisible();
    return new ClientRecordPage(clients.page);
  }

  /** One section of the profile, by its title. */
  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** The mark of a section holding unsaved changes. */
  unsavedMark(section: Locator): Locator {
    return section.getByText('Unsaved changes', { exact: true });
  }

  /**
   * Saves the profile with its one Save and waits until every changed section is saved (or the bar says nothing
   * had changed); given a section, also that it no longer shows itself as unsaved.
   */
  async save(section?: Locator) {
    await this.saveBar.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.unsaved).toHaveText(/^(Saved\.|Nothing to save: no section has changed\.)$/);
    if (section) await expect(this.unsavedMark(section)).toHaveCount(0);
  }

  /**
   * Sets the client's languages in the identity section by their names in the English UI, most preferred first,
   * as a person picks them (the ones chosen before are removed). The profile still needs saving.
   */
  async chooseLanguages(identity: Locator, names: readonly string[]) {
    const remove = identity.getByRole('button', { name: /^Remove / });
    while ((await remove.count()) > 0) await remove.first().click();
    for (const name of names) {
      await identity.getByLabel('Add a language').selectOption({ label: name });
      await identity.getByRole('button', { name: 'Add', exact: true }).click();
    }
  }

  /** The names of the identity section's chosen languages, in order. */
  chosenLanguages(identity: Locator): Locator {
    return identity.getByRole('list', { name: 'Chosen languages' }).locator('.language-name');
  }

  async tab(name: RecordTab) {
    await this.page.getByRole('tab', { name }).click();
  }

  async backToList() {
    await this.page.getByRole('button', { name: 'All clients' }).click();
    await expect(this.page.getByRole('heading', { name: 'Clients', level: 2 })).toBeVisible();
  }
}
