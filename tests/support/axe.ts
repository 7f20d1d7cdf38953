import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { expectFieldEdgesVisible } from './field-contrast';

/**
 * Checks what the page shows now with axe-core: no violation of any impact (WCAG 2.1 A and AA rules and axe's best
 * practices), and what axe does not measure: every field's edge at 3:1 against its background (WCAG 1.4.11).
 * `where` names the screen in the failure message. Every screen of every spec calls this.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.impact ?? 'unknown'} ${violation.id}: ${violation.help} (${violation.nodes
        .map((node) => node.target.join(' '))
        .slice(0, 5)
        .join('; ')})`,
  );
  expect(found, `axe-core on ${where}`).toEqual([]);
  await expectFieldEdgesVisible(page, where);
}
