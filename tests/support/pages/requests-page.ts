import { expect, type Page } from '@playwright/test';

/**
 * The request register as the DPO uses it in specs: a request logged for a client, the requester's identity checked
 * in person, and work started, which leaves the request's detail open (its export, its erasure).
 */
export async function startVerifiedRequest(
  page: Page,
  clientName: string,
  request: {
    type: string;
    channel?: string;
    /** An erasure request's scope ('client', 'medical', 'passport'); the form's default otherwise. */
    erasureScope?: string;
    /** The row's text beside the client's name, if the client has others. */ rowText?: string;
  },
): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  await page.getByRole('button', { name: 'Log a request' }).click();
  await page.getByLabel('Client', { exact: true }).selectOption({ label: clientName });
  await page.getByLabel('What is asked', { exact: true }).selectOption(request.type);
  if (request.erasureScope)
    await page.getByLabel('What is to be erased', { exact: true }).selectOption(request.erasureScope);
  await page.getByLabel('Received through', { exact: true }).selectOption(request.channel ?? 'email');
  await page.getByRole('button', { name: 'Log a request' }).click();
  await page
    .getByTestId('request-row')
    .filter({ hasText: clientName })
    .filter({ hasText: request.rowText ?? clientName })
    .getByRole('button', { name: clientName })
    .click();
  await page.getByLabel('How', { exact: true }).selectOption('passport-in-person');
  await page.getByLabel('Outcome', { exact: true }).selectOption('verified');
  await page.getByRole('button', { name: 'Record the check' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('Verifying identity');
  await page.getByRole('button', { name: 'Start work' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('In progress');
}
