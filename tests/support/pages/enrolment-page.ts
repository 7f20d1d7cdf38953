import { expect, type Locator, type Page } from '@playwright/test';
import type { Role } from '../../../shared/index';
import type { TestOrganisation } from '../organisation';
import { ClientsPage, DEFAULT_PASSPHRASE } from './clients-page';

/** The screens of a device with nothing on it yet: setup or enrolment, then waiting for approval. */
export class EnrolmentPage {
  readonly heading: Locator;
  readonly fingerprint: Locator;
  readonly strength: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Enrol this device' });
    this.fingerprint = page.getByTestId('own-fingerprint');
    this.strength = page.getByTestId('passphrase-strength');
  }

  async fillPassphrase(passphrase: string) {
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByLabel('Passphrase again').fill(passphrase);
  }

  /** Fills the organisation setup; `submit` false leaves the form filled (for a screenshot). */
  async setUp(
    options: { setupCode: string; displayName: string; deviceName: string; passphrase?: string },
    submit = true,
  ) {
    await expect(this.heading).toBeVisible();
    await this.page.getByLabel('Set up a new organisation').check();
    await this.page.getByLabel('Setup code', { exact: true }).fill(options.setupCode);
    await this.page.getByLabel('Your name').fill(options.displayName);
    await this.page.getByLabel('Name of this device').fill(options.deviceName);
    await this.fillPassphrase(options.passphrase ?? DEFAULT_PASSPHRASE);
    await expect(this.strength).toContainText(/Strength: (strong|very strong)/);
    if (!submit) return;
    await this.page.getByRole('button', { name: 'Set up and open' }).click();
    await this.storeRecoverySheet();
    // The first admin's app opens on Today, with the first steps (issue 23, point 2).
    await expect(this.page.getByRole('heading', { name: 'Today', level: 2 })).toBeVisible();
  }

  /** The one-time recovery sheet after setup: ticked as printed and stored, and left. */
  async storeRecoverySheet() {
    await expect(this.page.getByRole('heading', { name: 'Organisation recovery key' })).toBeVisible();
    await this.page.getByLabel('I have printed this sheet and stored it safely').check();
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  /** Enrols with an invitation code and waits on the pending screen. */
  async join(options: { code: string; deviceName: string; passphrase?: string }) {
    await expect(this.heading).toBeVisible();
    await this.page.getByLabel('I have an invitation code').check();
    await this.page.getByLabel('Invitation code', { exact: true }).fill(options.code);
    await this.page.getByLabel('Name of this device').fill(options.deviceName);
    await this.fillPassphrase(options.passphrase ?? DEFAULT_PASSPHRASE);
    await this.page.getByRole('button', { name: 'Request access' }).click();
    await expect(this.page.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
    await expect(this.fingerprint).toHaveText(/^\d{5}( \d{5}){7}$/);
  }

  /** After a manager approved: the device asks for the passphrase. */
  async waitForApproval() {
    await expect(this.page.getByRole('heading', { name: 'Unlock Lumina Concierge' })).toBeVisible();
  }
}

let enrolled = 0;

/**
 * For specs about other features: the device on `page` (already showing the app) enrolled in `organisation` with
 * `role` (invited and approved by the organisation's Node-side admin after checking the fingerprint the device
 * shows), unlocked, on the clients screen. The fixture `enrolled` (tests/support/fixtures.ts) calls this.
 */
export async function enrolAndUnlock(
  page: Page,
  organisation: TestOrganisation,
  role: Role = 'manager',
  name = `Test ${role} ${++enrolled}`,
): Promise<ClientsPage> {
  const code = await organisation.invite(name, role);
  const enrolment = new EnrolmentPage(page);
  await enrolment.join({ code, deviceName: `${name}'s laptop` });
  const approved = await organisation.approve(name);
  await expect(enrolment.fingerprint).toHaveText(approved.fingerprint);
  await enrolment.waitForApproval();
  const clients = new ClientsPage(page);
  await clients.unlock();
  return clients;
}
