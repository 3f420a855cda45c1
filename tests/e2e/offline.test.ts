import { EXPECTED_BROWSER_ERRORS } from '../helpers/browser';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { openMinutes } from './pages/people';

describe('writing the minutes without a network', () => {
  const started = useE2eApp();

  it('keeps what is typed offline across a reload and sends it once the network is back', async () => {
    const { visitor, meeting: binh } = await openMinutes(started.app, started.cell.member, started.cell.meetingId);
    await expect.poll(() => binh.status.connection()).toBe('connected');
    await expect.poll(() => binh.editor.text()).toContain('BIÊN BẢN');
    await expect.poll(() => binh.isAvailableOffline()).toBe(true);

    started.app.expectConsoleErrors(EXPECTED_BROWSER_ERRORS.offline);
    await visitor.context.setOffline(true);
    await expect.poll(() => binh.status.connection()).toBe('offline');
    const offlineText = 'Viết khi mất mạng ở nhà văn hóa thôn.';
    await binh.editor.typeParagraphAtEnd(offlineText);
    await expect.poll(() => binh.status.saved()).toBe(false);
    // IndexedDB commits a moment after the keystroke; a reload within that moment would lose the last letters.
    await expect.poll(() => binh.deviceCopy(started.cell.member.id)).toContain(offlineText);

    // Still without a network: the service worker serves the page, the minutes come from the device.
    expect(await binh.reload()).toEqual({ servedByServiceWorker: true });
    await binh.editor.waitUntilEditable();
    await expect.poll(() => binh.editor.text()).toContain(offlineText);
    expect(await binh.editor.text()).toContain('BIÊN BẢN');
    expect(await binh.status.connection()).toBe('offline');
    expect(await binh.status.saved()).toBe(false);

    await visitor.context.setOffline(false);
    await expect.poll(() => binh.status.connection()).toBe('connected');
    await expect.poll(() => binh.status.saved()).toBe(true);

    // Someone else, who never saw this device's copy, now reads it from the server.
    const { meeting: an } = await openMinutes(started.app, started.cell.secretary, started.cell.meetingId);
    await expect.poll(() => an.editor.text()).toContain(offlineText);
  });
});
