import { EXPECTED_BROWSER_ERRORS } from '../helpers/browser';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { openMinutes } from './pages/people';

describe('minutes open in a browser while the server restarts', () => {
  const started = useE2eApp();

  it('keeps what was saved, and the open page reconnects by itself', async () => {
    const { meeting: binh } = await openMinutes(started.app, started.cell.member, started.cell.meetingId);
    started.app.expectConsoleErrors(EXPECTED_BROWSER_ERRORS.serverDown);
    await expect.poll(() => binh.status.connection()).toBe('connected');
    const beforeRestart = 'Ghi trước khi máy chủ khởi động lại.';
    await binh.editor.typeParagraphAtEnd(beforeRestart);
    await expect.poll(() => binh.status.saved()).toBe(true);

    const exitCode = await started.app.restart(async () => {
      await expect.poll(() => binh.status.connection()).not.toBe('connected');
    });
    expect(exitCode).toBe(0);

    // Back without a reload.
    await expect.poll(() => binh.status.connection()).toBe('connected');
    await expect.poll(() => binh.status.saved()).toBe(true);
    expect(await binh.editor.text()).toContain(beforeRestart);

    // The reconnected page still writes through to the server.
    const afterRestart = 'Ghi sau khi kết nối lại, không cần tải lại trang.';
    await binh.editor.typeParagraphAtEnd(afterRestart);
    await expect.poll(() => binh.status.saved()).toBe(true);

    await binh.reload();
    await binh.editor.waitUntilEditable();
    await expect.poll(() => binh.status.connection()).toBe('connected');
    const text = await binh.editor.text();
    expect(text).toContain(beforeRestart);
    expect(text).toContain(afterRestart);

    // A browser that never had the minutes gets them from the server alone, not from a local copy.
    const { meeting: an } = await openMinutes(started.app, started.cell.secretary, started.cell.meetingId);
    await expect.poll(() => an.editor.text()).toContain(beforeRestart);
    await expect.poll(() => an.editor.text()).toContain(afterRestart);
  });
});
