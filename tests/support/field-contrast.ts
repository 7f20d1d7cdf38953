import { expect, type Page } from '@playwright/test';

/** WCAG 1.4.11: a field's edge needs 3:1 against what is around it; axe-core does not measure it. */
const NON_TEXT_MINIMUM = 3;

/**
 * Every visible text field, list box and text area on the page (but disabled ones), whose edge (its border, or else its own background)
 * contrasts less than 3:1 with the background it sits on. Returned as "selector-ish description: ratio".
 */
export async function weakFieldEdges(page: Page): Promise<string[]> {
  return page.evaluate((minimum) => {
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const parse = (color: string): [number, number, number, number] | undefined => {
      const match = color.match(/rgba?\(([^)]+)\)/);
      if (!match) return undefined;
      const [r = 0, g = 0, b = 0, a = 1] = match[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const luminance = ([r, g, b]: [number, number, number, number]) =>
      0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const ratio = (a: [number, number, number, number], b: [number, number, number, number]) => {
      const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (high + 0.05) / (low + 0.05);
    };
    /** The first opaque background at or above `element` (the page's white if none). */
    const backgroundBehind = (element: Element | null): [number, number, number, number] => {
      for (let at = element; at; at = at.parentElement) {
        const color = parse(getComputedStyle(at).backgroundColor);
        if (color && color[3] > 0.5) return color;
      }
      return [255, 255, 255, 1];
    };
    const fields = document.querySelectorAll<HTMLElement>(
      'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]):not([type="range"]):not([type="file"]):not([type="color"]), select, textarea',
    );
    const weak: string[] = [];
    for (const field of fields) {
      const box = field.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(field);
      if (style.visibility === 'hidden') continue;
      // WCAG 1.4.11 leaves out inactive components: read-only data in a disabled fieldset is shown as text.
      if (field.matches(':disabled')) continue;
      const around = backgroundBehind(field.parentElement);
      const own = parse(style.backgroundColor);
      const edges: number[] = [];
      if (style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0) {
        const border = parse(style.borderTopColor);
        if (border && border[3] > 0.5) edges.push(ratio(border, around));
      }
      if (own && own[3] > 0.5) edges.push(ratio(own, around));
      const best = Math.max(0, ...edges);
      if (best < minimum) {
        const name = field.getAttribute('aria-label') ?? field.id ?? field.getAttribute('name') ?? '';
        weak.push(
          `${field.tagName.toLowerCase()}${name ? `#${name}` : ''}.${field.className}: ${best.toFixed(2)}:1`,
        );
      }
    }
    return weak;
  }, NON_TEXT_MINIMUM);
}

export async function expectFieldEdgesVisible(page: Page, where: string): Promise<void> {
  expect(await weakFieldEdges(page), `field edges below 3:1 on ${where}`).toEqual([]);
}
