import type { Locator, Page } from 'playwright-core';

/** What a person did with their fingers on one tab: taps, and how far they scrolled. */
export interface Effort {
  taps: number;
  /** Scrolled distance in screen heights (up and down both count). */
  screens: number;
}

/** What each action of a test stands for on a phone: a tap, a field entered, a choice from a list (open, pick). */
const TAPS_PER_ACTION: Record<string, number> = {
  click: 1,
  tap: 1,
  check: 1,
  uncheck: 1,
  fill: 1,
  setInputFiles: 1,
  selectOption: 2,
};

const tallies = new WeakMap<Page, { taps: number; scrolled: number }>();
let patched = false;

/**
 * Counts what a person on a phone does to get through a task, from the
 * test's own actions on this page: each tap, field entered or choice from a
 * list, and the distance the page had to be scrolled to bring the target
 * into view first, as a thumb would. Scrolling the page does by itself (a
 * tab opening at its top, a jump to the opinion being spoken, the editor
 * following the caret) is the app's work and is not counted; neither is
 * typing.
 */
export function countEffort(page: Page): void {
  tallies.set(page, { taps: 0, scrolled: 0 });
  if (patched) return;
  patched = true;
  const proto = Object.getPrototypeOf(page.locator('body')) as Record<string, unknown>;
  for (const [method, taps] of Object.entries(TAPS_PER_ACTION)) {
    const original = proto[method] as (this: Locator, ...args: unknown[]) => Promise<unknown>;
    proto[method] = async function (this: Locator, ...args: unknown[]) {
      const tally = tallies.get(this.page());
      if (tally) {
        const scrollY = () => this.page().evaluate(() => window.scrollY);
        const before = await scrollY();
        await this.scrollIntoViewIfNeeded();
        const moved = Math.abs((await scrollY()) - before);
        tally.scrolled += moved;
        // EFFORT_TRACE=1 prints each action and the scrolling it needed, to see where the distance is.
        if (process.env.EFFORT_TRACE) console.log(`effort ${method} ${this.toString()} scrolled ${moved}px`);
        tally.taps += taps;
      }
      return original.apply(this, args);
    };
  }
}

/** The effort counted on this tab so far. */
export function effortOf(page: Page): Effort {
  const tally = tallies.get(page) ?? { taps: 0, scrolled: 0 };
  const height = page.viewportSize()?.height ?? 640;
  return { taps: tally.taps, screens: Math.round((tally.scrolled / height) * 10) / 10 };
}

/** The effort between two readings. */
export function effortBetween(before: Effort, after: Effort): Effort {
  return { taps: after.taps - before.taps, screens: Math.round((after.screens - before.screens) * 10) / 10 };
}
