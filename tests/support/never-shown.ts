import type { Locator } from '@playwright/test';
import { expect } from './fixtures';

/**
 * The locator matches nothing for the whole of `ms` (checked every 100 ms): an absence check that can fail, unlike a
 * single `toHaveCount(0)`, which passes before the thing it guards against has had time to appear.
 */
export async function expectNeverShown(locator: Locator, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const shown = await locator.allTextContents();
    expect(shown, what).toEqual([]);
    await locator.page().waitForTimeout(100);
  }
}
