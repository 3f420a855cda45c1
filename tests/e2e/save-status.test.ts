import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFailures, startApp, type E2eApp, type SeededCell } from '../helpers/e2e-app';
import { openMinutes } from './pages/people';

describe('the save status of minutes someone only reads', () => {
  let app: E2eApp | undefined;
  let cell: SeededCell;

  beforeAll(async () => {
    app = await startApp();
    cell = app.seeded!;
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  // Found by the offline spec: a document freshly loaded from the database had
  // no "saved" state vector to send, so a member who changed nothing was told
  // "Đang lưu…" (saving) for as long as the page stayed open.
  it('says everything is saved to a member who opens the minutes and changes nothing', async () => {
    const { meeting } = await openMinutes(app!, cell.member, cell.meetingId);
    await expect.poll(() => meeting.editor.text()).toContain('BIÊN BẢN');
    await expect.poll(() => meeting.status.connection()).toBe('connected');
    await expect.poll(() => meeting.status.saved()).toBe(true);
  });
});
