import { chooseClient } from './clients-page';
import { expect, type Locator, type Page } from '@playwright/test';

/** The medical tab of a client's record: consent, the sealed section, and who holds access. */
export class MedicalPage {
  readonly notice: Locator;
  readonly consent: Locator;

  constructor(readonly page: Page) {
    this.notice = page.getByTestId('medical-notice');
    this.consent = page.getByTestId('medical-consent');
  }

  /** Opens the medical tab of `clientName`'s record from the clients list. */
  async open(clientName: string) {
    await chooseClient(this.page, clientName);
    await this.page.getByRole('tab', { name: 'Medical' }).click();
    await expect(this.page.getByRole('heading', { name: 'Medical section', exact: true })).toBeVisible();
  }

  /** Records the client's medical-data consent from the medical tab, under the notice version `notice`. */
  async recordConsent(notice: string, method: string) {
    await this.page.getByRole('button', { name: 'Record consent to medical data' }).click();
    const select = this.page.getByLabel('Privacy notice shown');
    await select.selectOption(
      (await select.locator('option', { hasText: notice }).first().getAttribute('value'))!,
    );
    await this.page.getByLabel('How', { exact: true }).selectOption({ label: method });
    await this.page.getByRole('button', { name: 'Record', exact: true }).click();
  }

  /** One row of a list of the section (allergies, medications...), by the list's label and the row's number. */
  row(list: string, n: number): Locator {
    return this.page.getByRole('group', { name: `${list}: Row ${n}` });
  }

  async saveSection() {
    await this.page.getByRole('button', { name: 'Save medical section' }).click();
  }

  async grant(staffName: string) {
    await this.page.getByRole('button', { name: `Grant access to ${staffName}` }).click();
    await expect(this.notice).toHaveText(`Access granted to ${staffName}.`);
  }

  async revoke(staffName: string) {
    await this.page.getByRole('button', { name: `Revoke access of ${staffName}` }).click();
    await expect(this.notice).toContainText(`Access of ${staffName} revoked`);
  }
}
