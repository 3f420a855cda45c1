import { expect, it } from 'vitest';
import { meetingPermissions } from '../../lib/policy';
import { describeEachDatabase } from '../helpers/temp-database';

const setup = {
  adminName: 'Quản trị',
  email: 'admin@test.vn',
  password: 'mật khẩu đủ dài',
  committeeName: 'Đảng bộ phường Tân Định',
  cellName: 'Chi bộ khu phố 3',
};

// Tests in this suite share one database and run in order: setup happens once.
describeEachDatabase('organisations', (db) => {
  it('refuses setup with an email that already belongs to a user, and stays open', async () => {
    const { accounts, organisations } = db().services;
    await accounts.createUser({ email: 'taken@test.vn', name: 'Đã có' });
    await expect(organisations.completeSetup({ ...setup, email: 'taken@test.vn' })).rejects.toMatchObject({
      code: 'email_taken',
    });
    expect(await organisations.isSetupComplete()).toBe(false);
  });

  it('completes setup once: the administrator, a đảng bộ and a chi bộ', async () => {
    const { accounts, organisations } = db().services;
    const ids = await organisations.completeSetup(setup);
    expect(await organisations.isSetupComplete()).toBe(true);
    expect(await accounts.verifyCredentials({ email: setup.email }, setup.password)).toMatchObject({
      id: ids.adminId,
      isAdmin: true,
    });
    expect(await organisations.getCell(ids.cellId)).toEqual({
      id: ids.cellId,
      name: setup.cellName,
      committeeId: ids.committeeId,
      committeeName: setup.committeeName,
    });
  });

  it('refuses setup a second time', async () => {
    const { organisations } = db().services;
    await expect(organisations.completeSetup({ ...setup, email: 'second@test.vn' })).rejects.toMatchObject({
      code: 'setup_closed',
    });
  });

  it('refuses to add the same person to a cell twice', async () => {
    const { organisations } = db().services;
    const [cell] = await organisations.cellsFor({ userId: '', isAdmin: true, memberships: [], oversees: [] });
    const member = { name: 'Nguyễn Văn An', email: 'an@test.vn', role: 'member', status: 'full' } as const;
    const row = await organisations.addMember(cell!.id, member);
    expect(row).toMatchObject({ name: member.name, email: member.email, hasPassword: false });
    await expect(organisations.addMember(cell!.id, { ...member, role: 'secretary' })).rejects.toMatchObject({
      code: 'already_member',
    });
    expect((await organisations.listMembers(cell!.id)).filter((m) => m.email === member.email)).toHaveLength(1);
  });

  it('joins a known email to another cell as the same user', async () => {
    const { organisations } = db().services;
    const [cell] = await organisations.cellsFor({ userId: '', isAdmin: true, memberships: [], oversees: [] });
    const other = await organisations.createCell(cell!.committeeId!, 'Chi bộ khu phố 4');
    const first = await organisations.addMember(cell!.id, {
      name: 'Trần Thị Bình',
      email: 'binh@test.vn',
      role: 'member',
      status: 'full',
    });
    const second = await organisations.addMember(other.id, {
      name: 'Trần Thị Bình',
      email: 'binh@test.vn',
      role: 'secretary',
      status: 'full',
    });
    expect(second.userId).toBe(first.userId);
  });

  it('tells the policy every cell, role and status of a user', async () => {
    const { accounts, organisations } = db().services;
    const cells = await organisations.cellsFor({ userId: '', isAdmin: true, memberships: [], oversees: [] });
    const user = await accounts.findByEmail('binh@test.vn');
    const subject = await organisations.subjectFor(user!);
    expect(subject.isAdmin).toBe(false);
    expect([...subject.memberships].sort((a, b) => a.cellId.localeCompare(b.cellId))).toEqual(
      cells
        .map((c) => ({ cellId: c.id, role: c.name === 'Chi bộ khu phố 4' ? 'secretary' : 'member', status: 'full' }))
        .sort((a, b) => a.cellId.localeCompare(b.cellId)),
    );
    expect(await organisations.cellsFor(subject)).toHaveLength(2);
  });

  it('gives an exempted member read access and an outsider none, through subjectFor', async () => {
    const { accounts, organisations } = db().services;
    const cells = await organisations.cellsFor({ userId: '', isAdmin: true, memberships: [], oversees: [] });
    const home = cells.find((c) => c.name === setup.cellName)!;
    const away = cells.find((c) => c.name === 'Chi bộ khu phố 4')!;
    const exempted = await organisations.addMember(home.id, {
      name: 'Lê Văn Cường',
      email: 'cuong@test.vn',
      role: 'member',
      status: 'exempted',
    });
    const outsider = await organisations.addMember(away.id, {
      name: 'Phạm Thị Dung',
      email: 'dung@test.vn',
      role: 'member',
      status: 'full',
    });
    const meeting = {
      cellId: home.id,
      kind: 'regular' as const,
      classification: 'normal' as const,
      state: 'scheduled' as const,
      chairId: null,
      secretaryId: null,
      invitees: [],
    };
    const accessOf = async (userId: string) =>
      meetingPermissions(await organisations.subjectFor((await accounts.getUser(userId))!), meeting).access;
    expect(await accessOf(exempted.userId)).toBe('read');
    expect(await accessOf(outsider.userId)).toBe('none');
  });

  it('shows a user with no membership no cells', async () => {
    expect(
      await db().services.organisations.cellsFor({ userId: 'x', isAdmin: false, memberships: [], oversees: [] }),
    ).toEqual([]);
  });

  it('refuses a cell under a committee that does not exist', async () => {
    await expect(
      db().services.organisations.createCell('6f0b8a9e-3c1d-4e2f-9a7b-1c2d3e4f5a6b', 'Chi bộ mồ côi'),
    ).rejects.toMatchObject({
      code: 'committee_not_found',
    });
  });

  it('refuses a member for a cell that does not exist', async () => {
    await expect(
      db().services.organisations.addMember('6f0b8a9e-3c1d-4e2f-9a7b-1c2d3e4f5a6b', {
        name: 'A',
        email: 'a@test.vn',
        role: 'member',
        status: 'full',
      }),
    ).rejects.toMatchObject({ code: 'cell_not_found' });
  });
});
