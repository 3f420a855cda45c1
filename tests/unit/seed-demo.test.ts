import { expect, it } from 'vitest';
import { MEMBER_ROLES, MEMBER_STATUSES } from '../../lib/domain';
import { DEMO, DEMO_MEMBERS } from '../../server/cli/demo-organisation';
import { seedDemo, type DemoSummary } from '../../server/cli/seed-demo';
import { outline, storedMinutesJson } from '../helpers/minutes-outline';
import { describeEachDatabase } from '../helpers/temp-database';

// Eleven bcrypt hashes per seed: give the suite room.
const SLOW = { timeout: 60_000 };
const NOW = new Date(2026, 10, 20, 10, 0);

// Seeding on an empty installation is covered end to end in cli.test.ts; this
// suite seeds beside an existing organisation, the other path.
describeEachDatabase('demo seed beside an existing organisation', (db) => {
  let first: DemoSummary;

  it('adds a new đảng bộ and chi bộ without a demo administrator', SLOW, async () => {
    const { organisations } = db().services;
    const own = await organisations.completeSetup({
      adminName: 'Quản trị',
      email: 'admin@phuong.vn',
      password: 'mật khẩu đủ dài',
      committeeName: 'Đảng bộ xã Hòa Bình',
      cellName: 'Chi bộ thôn 1',
    });
    first = await seedDemo(db().services, NOW);
    expect(first).toMatchObject({ created: true, admin: null, password: DEMO.password, warnings: [] });
    expect(first.committeeId).not.toBe(own.committeeId);
    expect(await organisations.getCell(first.cellId)).toMatchObject({ name: DEMO.cellName, committeeName: DEMO.committeeName });
  });

  it('gives every member the printed password and covers every role and status', async () => {
    const { accounts } = db().services;
    expect(first.members).toHaveLength(DEMO_MEMBERS.length);
    expect(new Set(first.members.map((m) => m.role))).toEqual(new Set(MEMBER_ROLES));
    expect(new Set(first.members.map((m) => m.status))).toEqual(new Set(MEMBER_STATUSES));
    expect(first.members[0]).toMatchObject({ name: 'Nguyễn Văn Hùng', role: 'secretary' });
    const secretary = first.members[0]!;
    expect(await accounts.verifyCredentials(secretary.email, DEMO.password)).toMatchObject({ id: secretary.userId });
  });

  it('creates last month’s meeting with written minutes and next month’s with the bare template', async () => {
    const { docStore } = db().services;
    const [upcoming, past] = first.meetings;
    expect(past).toMatchObject({ startsAt: '2026-10-05T19:30', state: 'closed', title: 'Sinh hoạt chi bộ thường kỳ tháng 10 năm 2026' });
    expect(upcoming).toMatchObject({ startsAt: '2026-12-05T19:30', state: 'scheduled' });

    expect(await docStore.logLength(past!.id)).toBe(1);
    const written = outline(await storedMinutesJson(docStore, past!.id));
    expect(written).toContain('paragraph[italic] Tân Định, ngày 05 tháng 10 năm 2026');
    expect(written).toContain('paragraph Chủ trì: đồng chí Nguyễn Văn Hùng, Bí thư chi bộ.');
    expect(written).toContain('paragraph Biểu quyết thông qua nhiệm vụ tháng 10: 9/9 đồng chí có mặt tán thành (100%).');
    expect(written.filter((line) => line.startsWith('hint'))).toEqual([]);
    expect(written.filter((line) => line === 'paragraph')).toEqual([]);

    const bare = outline(await storedMinutesJson(docStore, upcoming!.id));
    expect(bare.filter((line) => line.startsWith('hint')).length).toBeGreaterThan(10);
  });

  it('reports the existing demo instead of creating a second one', async () => {
    const again = await seedDemo(db().services, NOW);
    expect(again).toEqual({ ...first, created: false });
    const cells = await db().services.organisations.cellsFor({ userId: '', isAdmin: true, memberships: [] });
    expect(cells.filter((c) => c.name === DEMO.cellName)).toHaveLength(1);
  });
});
