import type { Locator } from 'playwright-core';

/** React marks the DOM nodes it has hydrated with a `__reactProps$…` key. */
const hydrated = (node: Node) => Object.keys(node).some((key) => key.startsWith('__reactProps$'));

/** Whether React has hydrated the element now (its event handlers are attached). */
export function isInteractive(element: Locator): Promise<boolean> {
  return element.evaluate(hydrated);
}

/**
 * Resolves once React has hydrated the element: its event handlers are
 * attached, so a click or a submit runs the page's code rather than the
 * browser's default (a form used before hydration submits natively; see
 * STACK.md trap 12).
 */
export async function waitUntilInteractive(element: Locator): Promise<void> {
  await element.waitFor({ state: 'visible' });
  const handle = await element.elementHandle();
  if (!handle) throw new Error('element vanished before it became interactive');
  await element.page().waitForFunction(hydrated, handle);
  await handle.dispose();
}
