import { expect, it } from 'vitest';
import { meetingDoc, readSession } from '../../lib/meeting-doc/layout';
import { DEFAULT_LIMITS } from '../../server/collab/limits';
import { createCollabMetrics } from '../../server/collab/metrics';
import { createRoomRegistry } from '../../server/collab/rooms';
import { createMeetingRecord } from '../../server/meeting';
import { describeEachDatabase } from '../helpers/temp-database';
import { storedDoc } from '../helpers/stored';

/**
 * A meeting's state and roles live in the meetings row; the document holds a
 * mirror for live pages, rewritten from the row when the document loads. A
 * row changed while the mirror missed it (the process stopped in between, an
 * operator's fix) is what pages see as soon as the document is opened again.
 */
describeEachDatabase("the one home of a meeting's state", (db) => {
  it("brings the document's mirror in step with the meetings row when the document loads", async () => {
    const { services } = db();
    const committee = await services.organisations.createCommittee('Phường Một');
    const cell = await services.organisations.createCell(committee.id, 'Khu phố 1');
    const chair = await services.organisations.addMember(cell.id, {
      name: 'Chủ trì',
      email: 'chutri@test.vn',
      role: 'secretary',
      status: 'full',
    });
    const meeting = await services.meetings.createMeeting(
      cell.id,
      { kind: 'regular', startsAt: '2026-12-05T19:30', place: 'Nhà văn hóa' },
      null,
    );
    const startedAt = '2026-12-05T12:31:00.000Z';
    await services.db
      .updateTable('meetings')
      .set({ state: 'in_progress', chair_id: chair.userId, started_at: startedAt })
      .where('id', '=', meeting.id)
      .execute();

    const rooms = createRoomRegistry({
      store: services.docStore,
      metrics: createCollabMetrics(),
      limits: { ...DEFAULT_LIMITS },
      hooks: createMeetingRecord(services).hooks,
    });
    const session = await rooms.read(meeting.id, readSession);
    expect(session).toMatchObject({ state: 'in_progress', chairId: chair.userId, startedAt });
    expect(session.secretaryId).toBeUndefined();
    await rooms.unloadAll();
    // And it was written down, like any change the server makes.
    expect(meetingDoc.session(await storedDoc(services.docStore, meeting.id)).get('state')).toBe('in_progress');
  });
});
