import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import vi from '../../messages/vi.json';
import { useE2eApp } from '../helpers/e2e-app';
import { isInteractive, waitUntilInteractive } from './pages/interactive';
import { SignInPage } from './pages/sign-in-page';

/**
 * Holds every script of the app's build until `release`: the page's HTML is
 * on screen and usable, and nothing of React has run, as on a weak network
 * in the seconds before the scripts arrive.
 */
async function holdScripts(page: Page): Promise<{ release(): void }> {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const pattern = '**/_next/static/**/*.js';
  await page.route(pattern, async (route) => {
    await opened;
    await route.continue();
  });
  return { release: open };
}

describe('what a secretary does on a phone before the page’s scripts have arrived', () => {
  const started = useE2eApp({ seed: 'demo' });

  async function secretaryAtNextMeeting() {
    const demo = started.app.demo!;
    const secretary = demo.members.find((m) => m.role === 'secretary')!;
    const next = demo.meetings.find((m) => m.state === 'scheduled')!;
    // Without the service worker, which would answer the scripts from its cache past the hold.
    const visitor = await started.app.visitor({ phone: true, serviceWorkers: 'block' });
    const signIn = new SignInPage(visitor.page);
    await signIn.goto();
    await signIn.signIn(secretary.email!, demo.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
    const scripts = await holdScripts(visitor.page);
    await visitor.page.goto(`/meetings/${next.id}`, { waitUntil: 'domcontentloaded' });
    return { page: visitor.page, secretary, next, scripts };
  }

  it('keeps what was typed and chosen before the form was ready, once it is', async () => {
    const { page, scripts } = await secretaryAtNextMeeting();
    const form = page.getByTestId('not-held-form');
    const note = form.getByTestId('not-held-note');
    const reason = form.getByTestId('not-held-reason');
    await reason.selectOption({ label: vi.notHeld.reason.cancelled });
    await note.fill('Gõ trước khi trang sẵn sàng.');
    expect(await isInteractive(note)).toBe(false);

    scripts.release();
    await waitUntilInteractive(form.getByTestId('not-held-submit'));
    // Sent now, a note the form's state never got would be refused as missing.
    await form.getByTestId('not-held-submit').click();
    await form.getByTestId('not-held-confirmation').waitFor();
    expect(await note.inputValue()).toBe('Gõ trước khi trang sẵn sàng.');
    expect(await reason.inputValue()).toBe('cancelled');
    // Not recorded: the next test records it.
    await form.getByRole('button', { name: vi.forms.cancel }).click();
    await form.getByTestId('not-held-confirmation').waitFor({ state: 'detached' });
  });

  it('holds a form sent before it was ready, and sends it with what was typed once it is', async () => {
    const { page, secretary, next, scripts } = await secretaryAtNextMeeting();
    const form = page.getByTestId('not-held-form');
    const reason = 'Mưa lũ, cả khu phố mất điện.';
    await form.getByTestId('not-held-reason').selectOption({ label: vi.notHeld.reason.cancelled });
    await form.getByTestId('not-held-note').fill(reason);
    await form.getByTestId('not-held-submit').click();
    expect(await isInteractive(form.getByTestId('not-held-submit'))).toBe(false);

    scripts.release();
    // Sent once the form is ready: it asks for the confirmation, as it does for a reason given.
    await form.getByTestId('not-held-confirm').click();
    const banner = page.getByTestId('not-held-banner');
    await banner.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/meetings/${next.id}`);
    expect(new URL(page.url()).search).toBe('');
    expect(await banner.getAttribute('data-reason')).toBe('cancelled');
    expect(await banner.innerText()).toContain(reason);
    expect(await banner.innerText()).toContain(secretary.name);
  });
});
