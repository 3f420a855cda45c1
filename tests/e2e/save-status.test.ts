import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { openMinutes } from './pages/people';

describe('the save status of minutes someone only reads', () => {
  const started = useE2eApp();

  // Found by the offline spec: a document freshly loaded from the database had
  // no "saved" state vector to send, so a member who changed nothing was told
  // "Đang lưu…" (saving) for as long as the page stayed open.
  it('says everything is saved to a member who opens the minutes and changes nothing', async () => {
    const { meeting } = await openMinutes(started.app, started.cell.member, started.cell.meetingId);
    await expect.poll(() => meeting.editor.text()).toContain('BIÊN BẢN');
    await expect.poll(() => meeting.status.connection()).toBe('connected');
    await expect.poll(() => meeting.status.saved()).toBe(true);
  });
});
