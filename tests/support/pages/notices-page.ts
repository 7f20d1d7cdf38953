import { expect, type Locator, type Page } from '@playwright/test';

/** A moment as the office's (Tokyo) date and time fields want it: YYYY-MM-DD and HH:mm. */
export function tokyoFields(epochMs: number): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epochMs);
  const get = (type: string) => parts.find((part) => part.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

export interface NoticeFile {
  /** The language as the form names it (English, Japanese…). */
  language: string;
  /** A file path, or a file made in the test. */
  file: string | { name: string; mimeType: string; buffer: Buffer };
}

export interface NoticeInput {
  version: string;
  effectiveAt: number;
  summary: string;
  /** The renewal deadline of a substantial change. */
  deadline?: number;
  files: NoticeFile[];
}

/** The privacy-notice versions, a section of the admin's Organisation screen. */
export class NoticesPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Privacy notice versions' });
    this.list = page.getByRole('table', { name: 'Versions of the privacy notice' });
    this.form = page.locator('form.notice-form');
  }

  navButton(): Locator {
    return this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Organisation' });
  }

  async open() {
    await this.navButton().click();
    await expect(this.heading).toBeVisible();
  }

  /** The row of a version in the list. */
  row(version: string): Locator {
    return this.page.getByTestId(`notice-${version}`);
  }

  /** Chooses the file of text row `index` (0-based) after setting its language. */
  async chooseFile(index: number, entry: NoticeFile) {
    await this.form.getByLabel(`Language of text ${index + 1}`).selectOption({ label: entry.language });
    await this.form.getByLabel(`Text file for ${entry.language}`).setInputFiles(entry.file);
  }

  /** Fills the open form (the form starts with English and Japanese rows). */
  async fill(input: NoticeInput) {
    const effective = tokyoFields(input.effectiveAt);
    await this.form.getByLabel('Version label').fill(input.version);
    await this.form.getByLabel('Takes effect on').fill(effective.date);
    await this.form.getByLabel('At (Tokyo time)').fill(effective.time);
    await this.form.getByLabel('Summary of the changes').fill(input.summary);
    if (input.deadline !== undefined) {
      const deadline = tokyoFields(input.deadline);
      await this.form.getByLabel('Substantial change to the use of medical data').check();
      await this.form.getByLabel('Renewal deadline').fill(deadline.date);
      await this.form.getByLabel('Deadline time (Tokyo)').fill(deadline.time);
    }
    const rows = this.form.locator('.notice-text-row');
    while ((await rows.count()) > input.files.length) {
      await this.form
        .getByRole('button', { name: /^Remove / })
        .last()
        .click();
    }
    for (const [index, entry] of input.files.entries()) {
      if (index >= (await rows.count()))
        await this.form.getByRole('button', { name: 'Add a language' }).click();
      await this.chooseFile(index, entry);
      await expect(this.form.getByTestId(`notice-text-${index}`).locator('code')).toHaveText(
        /^[0-9a-f]{64}$/,
      );
    }
  }

  async save(version: string) {
    await this.form.getByRole('button', { name: 'Save version' }).click();
    await expect(this.page.getByText(`Version ${version} saved.`)).toBeVisible();
  }

  /** Loads a version from the list screen. */
  async load(input: NoticeInput) {
    await this.page.getByRole('button', { name: 'Load a new version' }).click();
    await this.fill(input);
    await this.save(input.version);
  }
}

/** The renewals screen: clients whose medical consent must be renewed after a substantial change. */
export class RenewalsPage {
  readonly heading: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Consent renewals' });
    this.list = page.getByRole('table', { name: 'Clients needing renewal' });
  }

  async open() {
    await this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Renewals' })
      .click();
    await expect(this.heading).toBeVisible();
  }

  row(clientName: string): Locator {
    return this.list.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: clientName }) });
  }

  /** Records what happened for a client: 'informed', 'given' or 'refused'. */
  async record(
    clientName: string,
    outcome:
      'The client was told of the new version' | 'The client renewed their consent' | 'The client refused',
    method: string,
  ) {
    await this.row(clientName)
      .getByRole('button', { name: `Record for ${clientName}` })
      .click();
    const form = this.page.getByRole('form', { name: `Renewal of ${clientName}` });
    await form.getByLabel(outcome).check();
    await form.getByLabel('How').selectOption({ label: method });
    await form.getByRole('button', { name: 'Record', exact: true }).click();
    await expect(this.page.getByText(`Recorded for ${clientName}.`)).toBeVisible();
  }
}

/** The marketing list and its CSV export. */
export class MarketingPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Marketing list' });
    this.list = page.getByRole('table', { name: 'Clients who may receive marketing' });
    this.count = page.getByTestId('marketing-count');
  }

  navButton(): Locator {
    return this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Marketing' });
  }

  async open() {
    await this.navButton().click();
    await expect(this.heading).toBeVisible();
  }

  /** Exports the list and answers the CSV's text. */
  async exportCsv(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export as CSV' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
