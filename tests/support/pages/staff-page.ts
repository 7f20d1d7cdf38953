import { expect, type Locator, type Page } from '@playwright/test';

/** The Staff section: devices waiting for approval, invitations, the staff list with its actions. */
export class StaffPage {
  readonly heading: Locator;
  readonly invitationCode: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Staff and devices' });
    this.invitationCode = page.getByTestId('invitation-code');
  }

  navButton(): Locator {
    return this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Staff' });
  }

  async open() {
    await this.navButton().click();
    await expect(this.heading).toBeVisible();
  }

  /** Fills and sends the invitation form; the code is then on screen (shown once). */
  async invite(displayName: string, role: string): Promise<string> {
    await this.page.getByLabel('Name', { exact: true }).fill(displayName);
    await this.page.getByLabel('Role', { exact: true }).selectOption({ label: role });
    await this.page.getByRole('button', { name: 'Create invitation' }).click();
    await expect(this.invitationCode).toHaveText(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    return (await this.invitationCode.textContent())!;
  }

  async dismissCode() {
    await this.page.getByRole('button', { name: 'Done: hide the code' }).click();
    await expect(this.invitationCode).toHaveCount(0);
  }

  /** The request of `staffName`'s device in the approvals panel. */
  enrolmentRequest(staffName: string): Locator {
    return this.page.getByRole('article', { name: new RegExp(`^${staffName} — `) });
  }

  fingerprintOf(request: Locator): Locator {
    return request.getByTestId('enrolment-fingerprint');
  }

  async confirmCompared(request: Locator) {
    await request.getByLabel(/I compared this fingerprint/).check();
  }

  approveButton(request: Locator): Locator {
    return request.getByRole('button', { name: 'Approve' });
  }

  async approve(request: Locator, deviceName: string) {
    await this.approveButton(request).click();
    await expect(this.page.getByText(`Approved the device “${deviceName}”.`)).toBeVisible();
  }

  staffRow(displayName: string): Locator {
    return this.page.getByRole('row', { name: displayName });
  }

  async revokeDevice(displayName: string, deviceName: string) {
    const device = this.staffRow(displayName).getByRole('listitem', { name: deviceName });
    await device.getByRole('button', { name: 'Revoke device' }).click();
    await expect(this.page.getByRole('alertdialog')).toContainText(`Revoke the device “${deviceName}”?`);
    await this.page.getByRole('button', { name: 'Confirm revocation' }).click();
    await expect(this.page.getByText(`Revoked the device “${deviceName}”.`)).toBeVisible();
    await expect(device).toContainText('revoked');
  }
}
