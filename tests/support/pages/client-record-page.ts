import { expect, type Locator, type Page } from '@playwright/test';
import type { ClientsPage } from './clients-page';

export type RecordTab = 'Profile' | 'Consents' | 'Medical' | 'Itinerary';

/** One client's record: the profile's sections, each saved on its own, and the tabs to the other parts. */
export class ClientRecordPage {
  constructor(readonly page: Page) {}

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

  /** Saves a section and waits for its confirmation. */
  async save(section: Locator) {
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.getByRole('status')).toHaveText('Saved.');
  }

  /**
   * Sets the client's languages in the identity section by their names in the English UI, most preferred first,
   * as a person picks them (the ones chosen before are removed). The section still needs saving.
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
