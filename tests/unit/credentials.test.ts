import { expect, it } from 'vitest';
import { createMeetingRecord } from '../../server/meeting';
import { createStoredDocs } from '../../server/meeting/stored-docs';
import type { SessionUser } from '../../server/services/accounts';
import { linkPurpose } from '../../lib/password-links';
import { describeEachDatabase } from '../helpers/temp-database';

/**
 * Adding an existing account to a cell gives that cell no power over the
 * account's password: the link that sets it is for the accounts a cell
 * created, and administrators' passwords are the operator's.
 */
const OLD_PASSWORD = 'mật khẩu cũ đã quên';
const NEW_PASSWORD = 'mật khẩu mới nhớ kỹ';

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
      email: invitedElsewhere.email!,
      role: 'member',
      status: 'full',
    });
    await organisations.addMember(mine.id, { name: admin.name, email: admin.email, role: 'member', status: 'full' });
    return { secretary, own, invitedElsewhere, admin, mine, theirs, suffix };
  }

  /**
   * The same cell, and one of its members who has a password and forgot it,
   * a plain member beside them, the secretary of the other cell and a second
   * administrator.
   */
  async function worldWithPasswords() {
    const base = await world();
    const { organisations, accounts } = db().services;
    const { mine, theirs, suffix } = base;
    const person = async (cellId: string, name: string, email: string, role: 'secretary' | 'member') => {
      const row = await organisations.addMember(cellId, {
        name,
        email: `${email}-${suffix}@test.vn`,
        role,
        status: 'full',
      });
      await accounts.setPassword(row.userId, OLD_PASSWORD);
      return (await accounts.getUser(row.userId)) as SessionUser;
    };
    return {
      ...base,
      forgetful: await person(mine.id, 'Quên mật khẩu', 'quen', 'member'),
      plain: await person(mine.id, 'Đảng viên thường', 'thuong', 'member'),
      otherSecretary: await person(theirs.id, 'Bí thư chi bộ khác', 'bithu2', 'secretary'),
      otherAdmin: await accounts.createUser({
        email: `root2-${suffix}@test.vn`,
        name: 'Quản trị hai',
        password: OLD_PASSWORD,
        isAdmin: true,
      }),
    };
  }

  const resetLinksOf = async (userId: string) =>
    db()
      .services.audit.list({ cells: null, action: 'auth.reset_link_created' })
      .then((rows) => rows.filter((row) => row.subjectId === userId));
  const openLinksOf = async (userId: string) =>
    db()
      .services.db.selectFrom('invites')
      .select('token_hash')
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();

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

  it("gives a reset link for a member who forgot the password to the secretary of the member's home cell, and records it as one", async () => {
    const { secretary, forgetful, mine } = await worldWithPasswords();
    const link = await operations().followUp.createInvite(secretary, { userId: forgetful.id, reset: true });
    expect(link).toMatchObject({ purpose: 'reset' });
    expect(link.token.length).toBeGreaterThan(20);
    expect(await resetLinksOf(forgetful.id)).toEqual([
      expect.objectContaining({ actorId: secretary.id, cellId: mine.id, subjectId: forgetful.id }),
    ]);
    // Handing out the link changes nothing yet: the old password still signs in.
    expect(await db().services.accounts.verifyCredentials({ email: forgetful.email }, OLD_PASSWORD)).toMatchObject({
      id: forgetful.id,
    });
  });

  it('gives a reset link to an administrator for an account that is not an administrator', async () => {
    const { admin, forgetful } = await worldWithPasswords();
    const link = await operations().followUp.createInvite(admin, { userId: forgetful.id, reset: true });
    expect(link).toMatchObject({ purpose: 'reset' });
    expect(await resetLinksOf(forgetful.id)).toHaveLength(1);
  });

  it('refuses a reset link to a plain member of the cell and to the secretary of another cell', async () => {
    const { plain, otherSecretary, forgetful } = await worldWithPasswords();
    for (const caller of [plain, otherSecretary]) {
      await expect(
        operations().followUp.createInvite(caller, { userId: forgetful.id, reset: true }),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(await openLinksOf(forgetful.id)).toEqual([]);
  });

  it("refuses a reset link for an administrator's account, to the secretary of its cell and to another administrator", async () => {
    const { secretary, admin, otherAdmin } = await worldWithPasswords();
    await expect(
      operations().followUp.createInvite(secretary, { userId: admin.id, reset: true }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      operations().followUp.createInvite(otherAdmin, { userId: admin.id, reset: true }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await openLinksOf(admin.id)).toEqual([]);
  });

  it('refuses a reset link for oneself, to a secretary and to an administrator', async () => {
    const { secretary, admin } = await worldWithPasswords();
    // The secretary's account was created by their own cell: only the rule against oneself stands in the way.
    expect(secretary.homeCellId).not.toBeNull();
    await expect(
      operations().followUp.createInvite(secretary, { userId: secretary.id, reset: true }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(operations().followUp.createInvite(admin, { userId: admin.id, reset: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  // The requirement changed: a second link after the password was set is no longer refused outright,
  // but it needs a caller the policy lets manage the account, and the confirmation that it replaces the password.
  it('refuses a second link once the password is set, unless the caller may manage the account and confirms a reset', async () => {
    const { secretary, own, plain } = await worldWithPasswords();
    const { accounts } = db().services;
    const invite = await operations().followUp.createInvite(secretary, { userId: own.userId });
    expect(invite).toMatchObject({ purpose: 'invite' });
    await accounts.redeemInvite(invite.token, OLD_PASSWORD);

    await expect(operations().followUp.createInvite(secretary, { userId: own.userId })).rejects.toMatchObject({
      code: 'reset_not_confirmed',
    });
    await expect(
      operations().followUp.createInvite(secretary, { userId: own.userId, reset: false }),
    ).rejects.toMatchObject({ code: 'reset_not_confirmed' });
    await expect(operations().followUp.createInvite(plain, { userId: own.userId, reset: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await openLinksOf(own.userId)).toEqual([]);
    expect(await resetLinksOf(own.userId)).toEqual([]);

    const reset = await operations().followUp.createInvite(secretary, { userId: own.userId, reset: true });
    expect(reset).toMatchObject({ purpose: 'reset' });
  });

  it('lets the member set a new password through the reset link: the old one no longer signs in, old sessions end, and the link works once', async () => {
    const { secretary, forgetful } = await worldWithPasswords();
    const { accounts } = db().services;
    const before = (await accounts.getUser(forgetful.id))!;
    const { token } = await operations().followUp.createInvite(secretary, { userId: forgetful.id, reset: true });
    // The invite page tells a reset from a welcome by the account it is for.
    expect(linkPurpose(await accounts.inspectInvite(token))).toBe('reset');

    await accounts.redeemInvite(token, NEW_PASSWORD);
    expect(await accounts.verifyCredentials({ email: forgetful.email }, NEW_PASSWORD)).toMatchObject({
      id: forgetful.id,
    });
    expect(await accounts.verifyCredentials({ email: forgetful.email }, OLD_PASSWORD)).toBeNull();
    // Every session compares its version with the account's: a bumped version ends them all.
    expect((await accounts.getUser(forgetful.id))?.sessionVersion).toBe(before.sessionVersion + 1);
    await expect(accounts.redeemInvite(token, 'mật khẩu lần thứ hai')).rejects.toMatchObject({
      code: 'invite_invalid',
    });
    expect(await accounts.verifyCredentials({ email: forgetful.email }, NEW_PASSWORD)).toMatchObject({
      id: forgetful.id,
    });
    const [set] = await db()
      .services.audit.list({ cells: null, action: 'auth.password_set' })
      .then((rows) => rows.filter((row) => row.subjectId === forgetful.id && row.details.via !== 'set'));
    expect(set?.details).toEqual({ via: 'reset' });
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
