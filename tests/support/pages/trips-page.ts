import { expect, type Locator, type Page } from '@playwright/test';
import { MedicalPage } from './medical-page';

export interface ItemInput {
  kind: string;
  title: string;
  start: [date: string, time: string, zone: string];
  end: [date: string, time: string, zone: string];
  location?: string;
  notes?: string;
  cost?: [amount: string, currency: string];
}

export interface TripInput {
  title: string;
  firstDay: string;
  lastDay: string;
  timeZone: string;
}

/** The itinerary tab of a client's record: its trips, one trip's items, the timelines, the printable view. */
export class TripsPage {
  readonly tripForm: Locator;
  readonly itemForm: Locator;

  constructor(readonly page: Page) {
    this.tripForm = page.getByRole('form', { name: 'New trip' });
    this.itemForm = page.getByRole('form', { name: 'Item' });
  }

  /** Opens the itinerary tab of the record on screen. */
  async open() {
    await this.page.getByRole('tab', { name: 'Itinerary' }).click();
  }

  /** Fills the new-trip form (opening it first) without sending it. */
  async fillTrip(trip: Partial<TripInput>) {
    if ((await this.tripForm.count()) === 0)
      await this.page.getByRole('button', { name: 'New trip' }).click();
    if (trip.timeZone !== undefined) await this.tripForm.getByLabel('Client’s time zone').fill(trip.timeZone);
    if (trip.title !== undefined) await this.tripForm.getByLabel('Trip title').fill(trip.title);
    if (trip.firstDay !== undefined) await this.tripForm.getByLabel('First day').fill(trip.firstDay);
    if (trip.lastDay !== undefined) await this.tripForm.getByLabel('Last day').fill(trip.lastDay);
  }

  /** Creates a trip and waits for its editor. */
  async createTrip(trip: TripInput) {
    await this.fillTrip(trip);
    await this.tripForm.getByRole('button', { name: 'Create trip' }).click();
    await expect(this.page.getByRole('heading', { name: trip.title })).toBeVisible();
  }

  /** Adds an item to the open trip through the item form, and waits for it in the list. */
  async addItem(input: ItemInput) {
    await this.page.getByRole('button', { name: 'Add item' }).click();
    const form = this.itemForm;
    await form.getByLabel('Kind').selectOption({ label: input.kind });
    await form.getByLabel('Title').fill(input.title);
    await form.getByLabel('Start date').fill(input.start[0]);
    await form.getByLabel('Start time', { exact: true }).fill(input.start[1]);
    await form.getByLabel('Start time zone').fill(input.start[2]);
    await form.getByLabel('End date').fill(input.end[0]);
    await form.getByLabel('End time', { exact: true }).fill(input.end[1]);
    await form.getByLabel('End time zone').fill(input.end[2]);
    if (input.location) await form.getByLabel('Location or institution').fill(input.location);
    if (input.notes) await form.getByLabel('Notes').fill(input.notes);
    if (input.cost) {
      await form.getByLabel('Cost').fill(input.cost[0]);
      await form.getByLabel('Currency').fill(input.cost[1]);
    }
    await form.getByRole('button', { name: 'Save item' }).click();
    await expect(form).toHaveCount(0);
    await expect(this.itemRow(input.title)).toBeVisible();
  }

  /** The row of an item in the open trip's list (in English or Japanese). */
  itemRow(title: string): Locator {
    return this.page
      .getByRole('list', { name: /^(Items|項目)$/ })
      .locator(':scope > li')
      .filter({ has: this.page.locator('.trip-item-title', { hasText: title }) });
  }

  /** A timeline, by the zone it is drawn in. */
  timeline(zone: string): Locator {
    return this.page.getByRole('region', { name: `Timeline in ${zone}` });
  }

  /** The timeline drawn where each item happens (local times, the client's beside them). */
  localTimeline(): Locator {
    return this.page.getByRole('region', { name: /^(Timeline in local time|現地時刻のタイムライン)$/ });
  }

  timelineDay(timeline: Locator, date: string): Locator {
    return timeline.locator(`li.timeline-day[data-date="${date}"]`);
  }

  entry(day: Locator, title: string): Locator {
    return day
      .locator('li.timeline-entry')
      .filter({ has: this.page.locator('.timeline-title', { hasText: title }) });
  }
}

/**
 * Records the client's medical-data consent through the medical tab of `clientName`'s record (from the clients
 * list), which medical trip items need; leaves the record open on the medical tab.
 */
export async function recordMedicalConsent(page: Page, clientName: string, noticeVersion: string) {
  const medical = new MedicalPage(page);
  await medical.open(clientName);
  await medical.recordConsent(noticeVersion, 'Signed paper form');
  await expect(medical.consent).toContainText(`Consent to medical data in force: notice ${noticeVersion}`);
}
