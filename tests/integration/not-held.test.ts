import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { readMetrics } from '../helpers/prometheus';
import { makeDataDir, removeDataDir } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { storedMinutes } from '../helpers/stored';
import { describeEachDatabase } from '../helpers/temp-database';

describe('a meeting that does not take place', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let memberClient: TestClient | undefined;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    await fixture.handle.close();
    server = await startInProcess(dataDir);
  });

  afterAll(async () => {
    memberClient?.destroy();
    await server?.app.close();
    removeDataDir(dataDir);
  });

  const live = () => server.app.runtime.meetings.live;
  const services = () => server.app.runtime.services;
  const input = { reason: 'postponed' as const, note: 'Bão số 9, hoãn sang thứ Bảy tuần sau.' };

  it('may be recorded as not held by the cell’s managers only, with a reason', async () => {
    const meetingId = fixture.meetingId;
    await expect(live().markNotHeld(fixture.member, { meetingId, ...input })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(live().markNotHeld(fixture.stranger, { meetingId, ...input })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      live().markNotHeld(fixture.secretary, { meetingId, reason: 'postponed', note: '  ' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      live().markNotHeld(fixture.secretary, { meetingId, reason: 'gone' as never, note: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await services().meetings.getMeeting(meetingId))!.state).toBe('scheduled');
  });

  it('closes the live minutes to the members who were editing them, and keeps the row with its reason', async () => {
    const meetingId = fixture.meetingId;
    memberClient = connectClient(server.wsUrl, meetingId, await sessionCookieFor(server.secret, fixture.member));
    await memberClient.synced();

    await live().markNotHeld(fixture.secretary, { meetingId, ...input });

    const row = (await services().meetings.getMeeting(meetingId))!;
    expect(row).toMatchObject({
      state: 'not_held',
      not_held_reason: 'postponed',
      not_held_note: input.note,
      not_held_by: fixture.secretary.id,
    });
    expect(Date.parse(row.not_held_at!)).not.toBeNaN();
    const audit = await services().audit.list({ cells: [fixture.cellId], action: 'meeting.not_held' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      meetingId,
      actorId: fixture.secretary.id,
      details: { reason: 'postponed', note: input.note },
    });

    // The member's open connection now only reads: an edit is dropped, never stored.
    const dropped = async () => (await readMetrics(server.url)).bienban_collab_readonly_updates_dropped_total ?? 0;
    const before = await dropped();
    memberClient.appendParagraph('Viết vào cuộc họp không diễn ra');
    const deadline = Date.now() + 10_000;
    while ((await dropped()) === before) {
      if (Date.now() > deadline) throw new Error("the member's edit was not dropped");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stored = await storedMinutes(services().docStore, meetingId);
    expect(stored).not.toContain('Viết vào cuộc họp không diễn ra');
    // And the meeting can no longer be started or recorded again.
    await expect(live().start(fixture.secretary, { meetingId })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describeEachDatabase('settled meetings in the database', (db) => {
  it('refuses to delete approved minutes or a meeting recorded as not held, and deletes a draft', async () => {
    const { services } = db();
    const setup = await services.organisations.completeSetup({
      adminName: 'Quản trị',
      email: 'admin@test.vn',
      password: 'correct horse battery',
      committeeName: 'Phường Thử',
      cellName: 'Khu phố 1',
    });
    const create = () =>
      services.meetings.createMeeting(
        setup.cellId,
        { kind: 'regular', startsAt: '2026-10-03T19:30', place: 'Nhà văn hóa' },
        null,
      );
    const remove = (id: string) =>
      services.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('doc_updates').where('doc_id', '=', id).execute();
        await trx.deleteFrom('meetings').where('id', '=', id).execute();
      });
    for (const state of ['approved', 'not_held'] as const) {
      const meeting = await create();
      await services.db.updateTable('meetings').set({ state }).where('id', '=', meeting.id).execute();
      await expect(remove(meeting.id)).rejects.toThrow(/settled meeting is never deleted/);
      expect((await services.meetings.getMeeting(meeting.id))?.state).toBe(state);
    }
    const draft = await create();
    await remove(draft.id);
    expect(await services.meetings.getMeeting(draft.id)).toBeNull();
  });
});
