import { chooseClient } from './clients-page';
import { expect, type Locator, type Page } from '@playwright/test';

export interface ConsentToRecord {
  action?: 'The client gave consent' | 'The client refused' | 'The client was told of this notice version';
  purpose:
    | 'Medical data'
    | 'Provision to a partner'
    | 'Transfer abroad'
    | 'Marketing'
    | 'Privacy notice acknowledged';
  /** The notice version's label (the option is found by it). */
  notice: string;
  method?: 'Signed paper form' | 'E-signature on the device' | 'Verbally, witnessed' | 'E-mail';
  /** The partner, by (part of) its option in the picker: its name in the UI's language, with its country. */
  partner?: string;
  statedPurpose?: string;
  /** A provision's purpose from the catalogue (its English label); by default arranging treatment. */
  provisionPurpose?: string;
  country?: string;
  countryInformation?: string;
}

/** The Consents tab of a client's record: the state per purpose, the ledger, recording, withdrawal, the receipt. */
export class ConsentsPage {
  readonly panel: Locator;
  readonly notice: Locator;
  readonly entries: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Consents', exact: true });
    this.notice = page.getByTestId('consents-notice');
    this.entries = page.getByTestId('consent-entry');
  }

  /** Opens the Consents tab of `clientName`'s record from the clients list. */
  async open(clientName: string) {
    await chooseClient(this.page, clientName);
    await this.page.getByRole('tab', { name: 'Consents' }).click();
    await expect(this.page.getByRole('heading', { name: 'Consents', level: 3 })).toBeVisible();
  }

  /** The state row of a purpose, by its label ("Medical data", "Provision to a partner: Raffles Hospital"). */
  state(label: string): Locator {
    return this.page
      .getByTestId('consent-state')
      .filter({ has: this.page.getByRole('rowheader', { name: label }) });
  }

  /** Selects the option of `select` whose text contains `text`. */
  private async choose(select: Locator, text: string) {
    const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
    await select.selectOption(value ?? '');
  }

  /** Opens the form, fills it and records; waits for "Recorded.". */
  async record(consent: ConsentToRecord) {
    await this.page.getByRole('button', { name: 'Record a consent' }).click();
    const form = this.page.getByRole('form', {
      name: 'Record a consent, a refusal or that the client was told',
    });
    await form
      .getByLabel('What happened')
      .selectOption({ label: consent.action ?? 'The client gave consent' });
    await form.getByLabel('Purpose', { exact: true }).selectOption({ label: consent.purpose });
    if (consent.partner) await this.choose(form.getByLabel('Partner', { exact: true }), consent.partner);
    if (consent.statedPurpose)
      await form.getByLabel('Purpose stated to the client').fill(consent.statedPurpose);
    if (
      consent.purpose === 'Provision to a partner' &&
      (consent.action ?? 'The client gave consent') === 'The client gave consent'
    )
      await form
        .getByLabel('Purpose (catalogue)')
        .selectOption({ label: consent.provisionPurpose ?? 'Arranging treatment and admission' });
    if (consent.country) await form.getByLabel('Country', { exact: true }).selectOption(consent.country);
    if (consent.countryInformation)
      await form.getByLabel('What the client was told about').fill(consent.countryInformation);
    await this.choose(form.getByLabel('Privacy notice shown'), consent.notice);
    await form
      .getByLabel('How', { exact: true })
      .selectOption({ label: consent.method ?? 'Signed paper form' });
    await form.getByRole('button', { name: 'Record' }).click();
    await expect(this.notice).toHaveText('Recorded.');
  }

  /** Opens the withdrawal dialog of the consent in force for `label`. */
  async openWithdrawal(label: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Record a withdrawal: ${label}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Withdrawal of consent: ${label}` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Records the withdrawal in an open dialog. */
  async confirmWithdrawal(dialog: Locator, how: { requestedBy?: string; method?: string } = {}) {
    await dialog.getByLabel('Who asked').selectOption({ label: how.requestedBy ?? 'The client' });
    await dialog.getByLabel('How they asked').selectOption({ label: how.method ?? 'E-mail' });
    await dialog.getByRole('button', { name: 'Record the withdrawal' }).click();
    await expect(this.notice).toContainText('Withdrawal recorded. It takes effect at once.');
  }

  async openReceipt(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Consent receipt' }).click();
    const receipt = this.page.getByTestId('consent-receipt');
    await expect(receipt).toBeVisible();
    return receipt;
  }
}
