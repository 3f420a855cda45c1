import type { BrowserContext, Page } from 'playwright-core';

/** What a person did with their fingers on one tab: taps, and how far they scrolled. */
export interface Effort {
  taps: number;
  /** Scrolled distance in screen heights (up and down both count). */
  screens: number;
}

const KEY = '__bienbanEffort';

/**
 * Counts, in the page itself, what a person on a phone does to get through
 * a task: every tap or click, every field they enter without tapping it
 * first (filled by the test), every choice from a list as two taps (open,
 * pick), and the distance scrolled, including the scrolling that brings a
 * button into view before it is pressed. Kept in sessionStorage, so it
 * survives the page's reloads and navigations within the tab.
 */
export async function countEffort(context: BrowserContext): Promise<void> {
  await context.addInitScript((key: string) => {
    type Stored = { taps: number; scrolled: number };
    const read = (): Stored => JSON.parse(sessionStorage.getItem(key) ?? '{"taps":0,"scrolled":0}') as Stored;
    const add = (taps: number, scrolled: number) => {
      const now = read();
      sessionStorage.setItem(key, JSON.stringify({ taps: now.taps + taps, scrolled: now.scrolled + scrolled }));
    };
    let lastTap = 0;
    const isField = (el: EventTarget | null) =>
      el instanceof HTMLElement &&
      (el.isContentEditable ||
        (el instanceof HTMLInputElement && el.type !== 'checkbox') ||
        el instanceof HTMLTextAreaElement);
    window.addEventListener(
      'click',
      (event) => {
        if (!event.isTrusted) return;
        lastTap = Date.now();
        add(1, 0);
      },
      true,
    );
    window.addEventListener(
      'focusin',
      (event) => {
        // A field entered without a tap just before it (the test filled it): the tap a person makes.
        if (isField(event.target) && Date.now() - lastTap > 500) add(1, 0);
      },
      true,
    );
    window.addEventListener(
      'change',
      (event) => {
        if (event.target instanceof HTMLSelectElement) add(2, 0);
      },
      true,
    );
    let lastY = window.scrollY;
    window.addEventListener(
      'scroll',
      () => {
        add(0, Math.abs(window.scrollY - lastY));
        lastY = window.scrollY;
      },
      { passive: true },
    );
  }, KEY);
}

/** The effort counted on this tab so far. */
export async function effortOf(page: Page): Promise<Effort> {
  const stored = await page.evaluate((key) => sessionStorage.getItem(key), KEY);
  const { taps, scrolled } = JSON.parse(stored ?? '{"taps":0,"scrolled":0}') as { taps: number; scrolled: number };
  const height = page.viewportSize()?.height ?? 640;
  return { taps, screens: Math.round((scrolled / height) * 10) / 10 };
}

/** Starts counting again from zero (e.g. once the meeting page is open). */
export async function resetEffort(page: Page): Promise<void> {
  await page.evaluate((key) => sessionStorage.removeItem(key), KEY);
}

/** The effort between two readings. */
export function effortBetween(before: Effort, after: Effort): Effort {
  return { taps: after.taps - before.taps, screens: Math.round((after.screens - before.screens) * 10) / 10 };
}
