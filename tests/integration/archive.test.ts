import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveFilters } from '../../lib/archive';
import type { SessionUser } from '../../server/services/accounts';
import { addMemberWithPassword, attachOverseer, seedCell, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { makeDataDir, removeDataDir } from '../helpers/server';

/**
 * The archive across cells, as each reader is allowed to see it: a cell's
 * members their own cell, an overseer the approved minutes of the cells they
 * oversee, an administrator every cell; secret meetings only where the
 * policy opens them.
 */
describe('the archive of approved and past minutes', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let overseer: SessionUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    const { services } = fixture;
    overseer = await addMemberWithPassword(
      services,
      fixture.otherCellId,
      'Võ Văn Giám',
      'giam@test.vn',
      'member',
      'full',
    );
    await attachOverseer(services, overseer.id, fixture.cellId);

    // A year of the first cell: approved months, one still open, a secret committee matter, a thematic meeting.
    const create = async (
      key: string,
      cellId: string,
      startsAt: string,
      state: 'scheduled' | 'closed' | 'approved',
      extra: { kind?: 'regular' | 'thematic'; classification?: 'normal' | 'secret' } = {},
    ) => {
      const meeting = await services.meetings.createMeeting(
        cellId,
        {
          kind: extra.kind ?? 'regular',
          startsAt,
          place: 'Nhà văn hóa',
          ...(extra.kind === 'thematic' ? { topic: 'Học tập và làm theo Bác' } : {}),
          ...(extra.classification ? { classification: extra.classification } : {}),
        },
        fixture.secretary.id,
      );
      if (state !== 'scheduled') {
        await services.db
          .updateTable('meetings')
          .set({
            state,
            started_at: `${startsAt}:00.000Z`,
            ended_at: `${startsAt}:00.000Z`,
            ...(state === 'approved' ? { approved_at: `${startsAt}:00.000Z`, content_hash: 'ab'.repeat(32) } : {}),
          })
          .where('id', '=', meeting.id)
          .execute();
      }
      ids[key] = meeting.id;
    };
    await create('oct2025', fixture.cellId, '2025-10-04T19:30', 'approved');
    await create('nov2026', fixture.cellId, '2026-11-07T19:30', 'approved');
    await create('nov2026thematic', fixture.cellId, '2026-11-21T19:30', 'approved', { kind: 'thematic' });
    await create('secret', fixture.cellId, '2026-11-14T19:30', 'approved', { classification: 'secret' });
    await create('secretDraft', fixture.cellId, '2026-11-28T19:30', 'closed', { classification: 'secret' });
    await create('otherCell', fixture.otherCellId, '2026-11-08T19:30', 'approved');
    ids.dec2026 = fixture.meetingId; // scheduled, from the fixture
    await fixture.handle.close();
    server = await startInProcess(dataDir);
  });

  afterAll(async () => {
    await server?.app.close();
    removeDataDir(dataDir);
  });

  const archive = async (user: SessionUser, filters: ArchiveFilters = {}) => {
    const { entries, cells } = await server.app.runtime.meetings.records.archive(user, filters);
    const names = Object.fromEntries(Object.entries(ids).map(([key, id]) => [id, key]));
    return { meetings: entries.map((e) => names[e.id] ?? e.id).sort(), cells: cells.map((c) => c.name).sort() };
  };

  it('shows a member every meeting of their own cell, and of no other cell', async () => {
    expect(await archive(fixture.member)).toEqual({
      meetings: ['dec2026', 'nov2026', 'nov2026thematic', 'oct2025', 'secret', 'secretDraft'],
      cells: ['Khu phố 1'],
    });
    expect(await archive(fixture.stranger)).toEqual({ meetings: ['otherCell'], cells: ['Khu phố 2'] });
  });

  it('keeps secret meetings from a member exempted from taking part', async () => {
    expect((await archive(fixture.exempted)).meetings).toEqual(['dec2026', 'nov2026', 'nov2026thematic', 'oct2025']);
  });

  it('shows an overseer the approved minutes of the cell they oversee only, besides their own cell', async () => {
    expect(await archive(overseer)).toEqual({
      meetings: ['nov2026', 'nov2026thematic', 'oct2025', 'otherCell', 'secret'],
      cells: ['Khu phố 1', 'Khu phố 2'],
    });
  });

  it('shows an administrator every cell', async () => {
    const { meetings, cells } = await archive(fixture.admin);
    expect(cells).toEqual(['Khu phố 1', 'Khu phố 2']);
    expect(meetings).toEqual(['dec2026', 'nov2026', 'nov2026thematic', 'oct2025', 'otherCell']);
  });

  it('narrows by cell, year, kind, state and classification', async () => {
    expect((await archive(overseer, { cellId: fixture.cellId })).meetings).toEqual([
      'nov2026',
      'nov2026thematic',
      'oct2025',
      'secret',
    ]);
    expect((await archive(fixture.member, { year: 2025 })).meetings).toEqual(['oct2025']);
    expect((await archive(fixture.member, { kind: 'thematic' })).meetings).toEqual(['nov2026thematic']);
    expect((await archive(fixture.member, { state: 'closed' })).meetings).toEqual(['secretDraft']);
    expect((await archive(fixture.member, { classification: 'secret', state: 'approved' })).meetings).toEqual([
      'secret',
    ]);
  });

  it('finds nothing in a cell the reader may not see, rather than another cell', async () => {
    expect((await archive(fixture.stranger, { cellId: fixture.cellId })).meetings).toEqual([]);
  });
});
