import { expect, it } from 'vitest';
import { checkDuration } from '../../lib/rules/duration';
import { DEMO_CELLS } from '../../server/cli/demo-cells';
import { seedDemo, type DemoSummary } from '../../server/cli/seed-demo';
import { verifySealedVersion } from '../../server/meeting/seal';
import { describeEachDatabase } from '../helpers/temp-database';

// Three cells' years held through the operations, some fifty meetings: give the suite room.
const SLOW = { timeout: 180_000 };
const NOW = new Date(2026, 10, 20, 10, 0);
/** The twelve months before November 2026, oldest first. */
const YEAR = Array.from({ length: 12 }, (_, i) => {
  const d = new Date(2025, 10 + i, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
});

describeEachDatabase('the demo’s year of meetings', (db) => {
  let first: DemoSummary;

  it('seeds three cells of the one demo đảng bộ, each with its own members', SLOW, async () => {
    first = await seedDemo(db().services, NOW);
    expect(first.warnings).toEqual([]);
    expect(first.cells.map((c) => c.name)).toEqual(DEMO_CELLS.map((c) => c.name));
    expect(first.cells[0]!.cellId).toBe(first.cellId);
    expect(first.meetings).toEqual(first.cells[0]!.meetings);
    for (const [i, cell] of first.cells.entries()) {
      expect(cell.memberCount).toBe(DEMO_CELLS[i]!.members.length);
      expect(await db().services.organisations.getCell(cell.cellId)).toMatchObject({ committeeId: first.committeeId });
    }
    const emails = DEMO_CELLS.flatMap((c) => c.members.map((m) => m.email));
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('attaches one overseer, of no cell, to the three cells', async () => {
    const { services } = db();
    expect(first.overseer).toMatchObject({ email: 'giamvv@demo.bienban.vn' });
    const subject = await services.organisations.subjectFor({ id: first.overseer!.id, isAdmin: false });
    expect([...subject.oversees].sort()).toEqual(first.cells.map((c) => c.cellId).sort());
    expect(subject.memberships).toEqual([]);
  });

  it('gives every cell a regular meeting in each of the twelve months and next month’s scheduled', () => {
    for (const cell of first.cells) {
      const regular = cell.meetings.filter((m) => m.kind === 'regular');
      const months = regular.map((m) => m.startsAt.slice(0, 7)).sort();
      expect(months, cell.name).toEqual([...YEAR, '2026-12']);
      expect(regular.filter((m) => m.state === 'scheduled').map((m) => m.startsAt.slice(0, 7))).toEqual(['2026-12']);
    }
  });

  it('records exactly one month of one cell as not held, through markNotHeld with its reason', async () => {
    const notHeld = first.cells.flatMap((c) => c.meetings.filter((m) => m.state === 'not_held'));
    expect(notHeld).toHaveLength(1);
    const row = await db().services.meetings.requireMeeting(notHeld[0]!.id);
    expect(row).toMatchObject({ not_held_reason: 'postponed', started_at: null });
    expect(row.not_held_note).toMatch(/hoãn/);
    const states = new Set(first.cells.flatMap((c) => c.meetings.map((m) => m.state)));
    expect(states).toEqual(new Set(['approved', 'not_held', 'scheduled']));
  });

  it('holds a thematic meeting on its topic in every quarter of the year, in every cell', async () => {
    for (const cell of first.cells) {
      const thematic = cell.meetings.filter((m) => m.kind === 'thematic');
      const quarters = thematic.map(
        (m) => `${m.startsAt.slice(0, 4)}Q${Math.ceil(Number(m.startsAt.slice(5, 7)) / 3)}`,
      );
      expect(new Set(quarters).size, cell.name).toBe(4);
      expect(thematic.every((m) => m.state === 'approved')).toBe(true);
      for (const m of thematic) expect((await db().services.meetings.requireMeeting(m.id)).topic).toBeTruthy();
    }
  });

  it('seals every held meeting with a hash that verifies against its stored version', SLOW, async () => {
    const approved = first.cells.flatMap((c) => c.meetings.filter((m) => m.state === 'approved'));
    expect(approved).toHaveLength(3 * 16 - 1);
    for (const meeting of approved) {
      const check = await verifySealedVersion(db().services, meeting.id);
      expect(check?.recomputed, meeting.title).toBe(meeting.sealedHash);
      expect(check?.stored).toBe(meeting.sealedHash);
    }
  });

  it('varies attendance and length: absences without reason, and regular meetings short of the minimum', async () => {
    const { services } = db();
    const ids = first.cells.flatMap((c) => c.meetings.filter((m) => m.state === 'approved').map((m) => m.id));
    const attendance = await services.db
      .selectFrom('attendance')
      .select('status')
      .where('meeting_id', 'in', ids)
      .execute();
    const statuses = new Set(attendance.map((a) => a.status));
    expect(statuses).toEqual(new Set(['present', 'late', 'absent_with_reason', 'absent_without_reason']));
    const short = [];
    for (const id of ids) {
      const m = await services.meetings.requireMeeting(id);
      if (!checkDuration(m.kind, m.started_at!, m.ended_at!).met) short.push(m.id);
    }
    expect(short).toHaveLength(2);
  });

  it('reviews at each regular meeting the tasks the one before set, the main cell’s last meeting too', async () => {
    const { db: store } = db().services;
    for (const cell of first.cells) {
      const held = cell.meetings
        .filter((m) => m.kind === 'regular' && m.state === 'approved')
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      for (let i = 1; i < held.length; i++) {
        const [before, meeting] = [held[i - 1]!, held[i]!];
        const tasks = await store.selectFrom('tasks').select('body').where('meeting_id', '=', before.id).execute();
        const text = await store
          .selectFrom('meeting_text')
          .select('body')
          .where('meeting_id', '=', meeting.id)
          .executeTakeFirstOrThrow();
        const skipped = cell.meetings.some(
          (m) => m.state === 'not_held' && m.startsAt > before.startsAt && m.startsAt < meeting.startsAt,
        );
        if (skipped) continue;
        expect(tasks.length, meeting.startsAt).toBeGreaterThan(0);
        for (const task of tasks) expect(text.body, meeting.startsAt).toContain(`– ${task.body.replace(/\.$/, '')} (`);
      }
    }
  });

  it('reports the existing demo, all three cells, instead of seeding again', SLOW, async () => {
    const again = await seedDemo(db().services, NOW);
    expect(again).toEqual({ ...first, created: false });
  });
});
