import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The header's items share one row and nothing spills out of it. */
export async function expectHeaderOnOneRow(page: Page, where: string) {
  const layout = await page.locator('header.app-header').evaluate((header) => {
    const items = [header.querySelector('h1'), ...header.querySelectorAll('.header-actions > *')].filter(
      (item): item is Element => item !== null && item.getBoundingClientRect().height > 0,
    );
    const boxes = items.map((item) => item.getBoundingClientRect());
    // An item wraps when some of its text starts below the bottom of its first line.
    const wrapped = items.filter((item) => {
      const range = document.createRange();
      range.selectNodeContents(item);
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
      const first = rects[0];
      return first !== undefined && rects.some((rect) => rect.top >= first.bottom - 1);
    });
    const box = header.getBoundingClientRect();
    // Items drawn over each other: the header's items run left over the title when they do not fit.
    const overlapping: string[] = [];
    boxes.forEach((a, i) => {
      boxes.slice(i + 1).forEach((b, j) => {
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5) {
          overlapping.push(`${items[i]!.textContent ?? ''} × ${items[i + 1 + j]!.textContent ?? ''}`);
        }
      });
    });
    return {
      overlapping,
      centres: boxes.map((b) => b.top + b.height / 2),
      wrapped: wrapped.map((item) => item.textContent ?? ''),
      overflow: header.scrollWidth - header.clientWidth,
      outside: boxes.filter((b) => b.right > box.right + 0.5 || b.left < box.left - 0.5).length,
    };
  });
  const spread = Math.max(...layout.centres) - Math.min(...layout.centres);
  expect.soft(spread, `header items on one row on ${where}`).toBeLessThanOrEqual(4);
  expect.soft(layout.wrapped, `header items on one line each on ${where}`).toEqual([]);
  expect.soft(layout.overflow, `header overflow on ${where}`).toBeLessThanOrEqual(0);
  expect.soft(layout.outside, `header items outside the header on ${where}`).toBe(0);
  expect.soft(layout.overlapping, `header items over each other on ${where}`).toEqual([]);
}
