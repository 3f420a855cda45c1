import { expect, it } from 'vitest';
import { createMeetingRecord } from '../../server/meeting';
import { createStoredDocs } from '../../server/meeting/stored-docs';
import type { SessionUser } from '../../server/services/accounts';
import { describeEachDatabase } from '../helpers/temp-database';

/**
 * Adding an existing account to a cell gives that cell no power over the
 * account's password: the link that sets it is for the accounts a cell
 * created, and administrators' passwords are the operator's.
 */
describeEachDatabase('who may hand out a link that sets a password', (db) => {
  const operations = () => {
    const { services } = db();
    const record = createMeetingRecord(services);
    return record.attach(createStoredDocs(services.docStore, record.hooks));
  };

  async function world() {
    const { services } = db();
    const { organisations, accounts } = services;
    const suffix = crypto.randomUUID().slice(0, 8);
    const committee = await organisations.createCommittee(`Phường ${suffix}`);
    const mine = await organisations.createCell(committee.id, 'Khu phố 1');
    const theirs = await organisations.createCell(committee.id, 'Khu phố 2');
    const secretaryRow = await organisations.addMember(mine.id, {
      name: 'Bí thư',
      email: `bithu-${suffix}@test.vn`,
      role: 'secretary',
      status: 'full',
    });
    const secretary = (await accounts.getUser(secretaryRow.userId)) as SessionUser;
    const own = await organisations.addMember(mine.id, {
      name: 'Đảng viên mới',
      email: `moi-${suffix}@test.vn`,
      role: 'member',
      status: 'full',
    });
    const invitedElsewhere = await organisations.addMember(theirs.id, {
      name: 'Được chi bộ khác mời',
      email: `khac-${suffix}@test.vn`,
      role: 'member',
      status: 'full',
    });
    const admin = await accounts.createUser({ email: `root-${suffix}@test.vn`, name: 'Quản trị', isAdmin: true });
    // The secretary adds both existing accounts to their own cell.
    await organisations.addMember(mine.id, {
      name: invitedElsewhere.name,
      email: invitedElsewhere.email,
      role: 'member',
      status: 'full',
    });
    await organisations.addMember(mine.id, { name: admin.name, email: admin.email, role: 'member', status: 'full' });
    return { secretary, own, invitedElsewhere, admin };
  }

  it("lets a cell's secretary invite the accounts the cell created", async () => {
    const { secretary, own } = await world();
    const invite = await operations().followUp.createInvite(secretary, { userId: own.userId });
    expect(invite.token.length).toBeGreaterThan(20);
  });

  it('refuses a secretary who added an account invited by another cell, or an administrator, to their cell', async () => {
    const { secretary, invitedElsewhere, admin } = await world();
    await expect(
      operations().followUp.createInvite(secretary, { userId: invitedElsewhere.userId }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(operations().followUp.createInvite(secretary, { userId: admin.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describeEachDatabase('first-run setup', (db) => {
  it('closes as soon as an administrator exists, even one the operator created', async () => {
    const { organisations, accounts } = db().services;
    expect(await organisations.isSetupComplete()).toBe(false);
    await accounts.createUser({ email: 'op@test.vn', name: 'Vận hành', isAdmin: true });
    expect(await organisations.isSetupComplete()).toBe(true);
    await expect(
      organisations.completeSetup({
        adminName: 'Người thứ hai',
        email: 'hai@test.vn',
        password: 'mật khẩu đủ dài',
        committeeName: 'X',
        cellName: 'Y',
      }),
    ).rejects.toMatchObject({ code: 'setup_closed' });
  });
});
