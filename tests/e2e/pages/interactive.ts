import type { Locator } from 'playwright-core';

/**
 * Resolves once React has hydrated the element: its event handlers are
 * attached, so a click or a submit runs the page's code rather than the
 * browser's default (a form used before hydration submits natively; see
 * STACK.md trap 12). React marks hydrated DOM nodes with a `__reactProps$…` key.
 */
export async function waitUntilInteractive(element: Locator): Promise<void> {
  await element.waitFor({ state: 'visible' });
  const handle = await element.elementHandle();
  if (!handle) throw new Error('element vanished before it became interactive');
  await element
    .page()
    .waitForFunction((node) => Object.keys(node).some((key) => key.startsWith('__reactProps$')), handle);
  await handle.dispose();
}
