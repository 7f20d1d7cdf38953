import type { Locator } from '@playwright/test';

/**
 * Fills a moment field (DateTimeField: a date field labelled `label` and a 24-hour time field beside it) in `scope`
 * with `value`, a `datetime-local` style `YYYY-MM-DDTHH:MM`, as a person types it: the date, then the time.
 */
export async function fillMoment(scope: Locator, label: string, value: string): Promise<void> {
  const [date, time] = value.split('T');
  const pair = scope
    .locator('.date-time-field')
    .filter({ has: scope.page().getByLabel(label, { exact: true }) });
  await pair.getByLabel(label, { exact: true }).fill(date!);
  await pair.getByLabel('Time (24-hour)').fill(time!);
}
