import type { Locator, Page } from 'playwright-core';

/** How many Tab presses may lie between two controls on the longest page before we call it a trap. */
const MAX_TABS = 250;

/**
 * Someone with a keyboard and no mouse: they move with Tab, press with Enter
 * or Space, choose in a list with the arrow keys, and must see where they are.
 */
export class KeyboardUser {
  constructor(private readonly page: Page) {}

  /**
   * Presses Tab until `target` has the focus, and checks it shows a focus
   * ring; throws if it is never reached (hidden from the keyboard, or a trap).
   */
  async tabTo(target: Locator): Promise<void> {
    await target.waitFor({ state: 'visible' });
    const handle = await target.elementHandle();
    if (!handle) throw new Error('the control vanished');
    try {
      for (let presses = 0; presses <= MAX_TABS; presses++) {
        if (await handle.evaluate((el) => el === document.activeElement)) {
          if (!(await this.focusIsVisible())) throw new Error(`no visible focus on ${await describe(target)}`);
          return;
        }
        await this.page.keyboard.press('Tab');
      }
      const at = await this.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
      throw new Error(`${MAX_TABS} Tab presses never reached ${await describe(target)}; focus is on ${at}`);
    } finally {
      await handle.dispose();
    }
  }

  /** Tabs to a button (or link) and presses it with Enter. */
  async press(target: Locator): Promise<void> {
    await this.tabTo(target);
    await this.page.keyboard.press('Enter');
  }

  /** Tabs to a button and presses it with Space. */
  async pressWithSpace(target: Locator): Promise<void> {
    await this.tabTo(target);
    await this.page.keyboard.press('Space');
  }

  /** Tabs to a field and types into it. */
  async typeInto(target: Locator, text: string): Promise<void> {
    await this.tabTo(target);
    await this.page.keyboard.type(text);
  }

  /** Tabs to a closed <select> and moves through it with the arrow keys until `label` is chosen. */
  async choose(select: Locator, label: string): Promise<void> {
    await this.tabTo(select);
    const count = await select.locator('option').count();
    for (let i = 0; i <= count; i++) {
      const chosen = await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent?.trim());
      if (chosen === label) return;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`"${label}" is not among the choices of ${await describe(select)}`);
  }

  /**
   * Whether the focused element shows where the focus is: an outline of at
   * least 2 px on it, or on a near ancestor that marks focus inside it (the
   * editors draw the ring around the whole document).
   */
  async focusIsVisible(): Promise<boolean> {
    return this.page.evaluate(() => {
      let node: Element | null = document.activeElement;
      for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) return true;
      }
      return false;
    });
  }
}

async function describe(target: Locator): Promise<string> {
  return (await target.evaluate((el) => el.outerHTML.slice(0, 160)).catch(() => null)) ?? String(target);
}
