import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { AgendaEditor } from './pages/agenda-editor';
import type { MeetingRecordPage } from './pages/meeting-record-page';
import { openMeeting } from './pages/people';

/**
 * Numbers a secretary types stay the text she typed. Typing "1. " in the
 * agenda started a numbered list, and the next line, typed "2. Second",
 * read "2. 2. Second". The minutes number their items in the text too.
 */
describe('numbers typed at the start of a line', () => {
  const started = useE2eApp();
  let an: MeetingRecordPage;

  it('stay as typed in the agenda, with no list made of them', async () => {
    ({ meeting: an } = await openMeeting(started.app, started.cell.secretary, started.cell.meetingId));
    const agenda = new AgendaEditor(an.tab);
    await agenda.waitUntilShown();
    await expect.poll(() => agenda.isEditable()).toBe(true);
    expect(await agenda.text()).toBe('');

    await agenda.typeAtEnd('1. First\n2. Second');

    await expect.poll(() => agenda.text()).toBe('1. First\n2. Second');
    expect(await agenda.lines()).toEqual(['1. First', '2. Second']);
    expect(await agenda.listCount()).toBe(0);
  });

  it('stay as typed in the minutes, where a list is still made from the toolbar', async () => {
    const before = await an.editor.lines();
    expect(await an.editor.listCount()).toBe(0);

    await an.editor.typeParagraphAfterLast('1. Một\n2. Hai');

    await expect.poll(async () => (await an.editor.lines()).slice(-2)).toEqual(['1. Một', '2. Hai']);
    expect(await an.editor.lines()).toEqual([...before, '1. Một', '2. Hai']);
    expect(await an.editor.listCount()).toBe(0);

    await an.editor.pressToolbar('orderedList');
    await expect.poll(() => an.editor.listCount()).toBe(1);
    await expect.poll(() => an.status.saved()).toBe(true);
  });
});
