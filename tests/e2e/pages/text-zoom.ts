import type { Page } from 'playwright-core';

/**
 * Sets the browser's default font size, as a person does in Chromium's
 * settings or Android's "font size" (which Chrome follows): 16 px is the
 * usual, 32 px is text at 200%. Kept for the tab's later pages too.
 */
export async function setBrowserFontSize(page: Page, px: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round(px * 0.8125) } });
}

export interface LayoutProblems {
  /** How far the page scrolls sideways, in CSS pixels (0 when it does not). */
  sidewaysScroll: number;
  /** Elements that cut their own text: overflow hidden (or an ellipsis) with content wider than the box. */
  clipped: string[];
  /** When the page scrolls sideways, the innermost elements that reach past the screen's right edge. */
  tooWide: string[];
}

/**
 * What the page shows that does not fit a screen `width` CSS pixels wide: a
 * page that scrolls sideways, and text cut off inside its box. Measured
 * against the screen, not innerWidth: a phone widens its layout viewport to
 * content that does not fit and shows it all smaller.
 */
export async function layoutProblems(page: Page, width: number): Promise<LayoutProblems> {
  return page.evaluate((width) => {
    const root = document.scrollingElement ?? document.documentElement;
    const clipped: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const style = getComputedStyle(el);
      const cuts =
        ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflow)
          ? true
          : style.textOverflow === 'ellipsis';
      if (!cuts) continue;
      // Visually hidden labels (1 px boxes) are meant for screen readers; hidden elements show nothing.
      if (el.clientWidth <= 1 || el.offsetParent === null) continue;
      if (!(el.textContent ?? '').trim()) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        const name = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`;
        clipped.push(`${name} (${el.scrollWidth} > ${el.clientWidth}): ${(el.textContent ?? '').trim().slice(0, 60)}`);
      }
    }
    const sidewaysScroll = Math.max(0, root.scrollWidth - width, window.innerWidth - width);
    // Visually hidden elements (table headings on a phone) are clipped to nothing and widen nothing.
    const hidden = (el: Element) => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        if (getComputedStyle(node).clip !== 'auto') return true;
      }
      return false;
    };
    const reachesPast = (el: Element): boolean => {
      if (hidden(el)) return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.right + window.scrollX > width + 1;
    };
    // Inside something that scrolls sideways by design (the toolbar, the tab bar), overflow is its own business.
    const scrollsItself = (el: Element) =>
      el.closest('.editor-toolbar, .meeting-tabbar__list, .editor-status') !== null;
    const tooWide =
      sidewaysScroll === 0
        ? []
        : Array.from(document.body.querySelectorAll('*'))
            .filter((el) => reachesPast(el) && !scrollsItself(el) && !Array.from(el.children).some(reachesPast))
            .slice(0, 5)
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').replace(/ /g, '.')} right=${Math.round(el.getBoundingClientRect().right)}: ${(el.textContent ?? '').trim().slice(0, 40)}`,
            );
    return { sidewaysScroll, clipped, tooWide };
  }, width);
}
