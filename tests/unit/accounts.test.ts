import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/temp-database';

const PASSWORD = 'mật khẩu đủ dài';

describeEachDatabase('accounts', (db) => {
  it('returns the user for the right password and null for a wrong one', async () => {
    const { accounts } = db().services;
    const user = await accounts.createUser({ email: 'an@test.vn', name: 'Nguyễn Văn An', password: PASSWORD });
    expect(await accounts.verifyCredentials('an@test.vn', PASSWORD)).toMatchObject({ id: user.id, isAdmin: false });
    expect(await accounts.verifyCredentials('an@test.vn', PASSWORD + '!')).toBeNull();
  });

  it('returns null for an unknown email and for a user who has no password yet', async () => {
    const { accounts } = db().services;
    await accounts.createUser({ email: 'binh@test.vn', name: 'Trần Thị Bình' });
    expect(await accounts.verifyCredentials('nobody@test.vn', PASSWORD)).toBeNull();
    expect(await accounts.verifyCredentials('binh@test.vn', PASSWORD)).toBeNull();
  });

  it('refuses a second user with the same email', async () => {
    const { accounts } = db().services;
    await accounts.createUser({ email: 'cuong@test.vn', name: 'Lê Văn Cường' });
    await expect(accounts.createUser({ email: 'cuong@test.vn', name: 'Khác' })).rejects.toMatchObject({
      code: 'email_taken',
    });
  });

  it('lets an invite set the password once only', async () => {
    const { accounts } = db().services;
    const user = await accounts.createUser({ email: 'dung@test.vn', name: 'Phạm Thị Dung' });
    const { token } = await accounts.createInvite(user.id, null);
    expect(await accounts.inspectInvite(token)).toMatchObject({ id: user.id });
    await accounts.redeemInvite(token, PASSWORD);
    expect(await accounts.verifyCredentials('dung@test.vn', PASSWORD)).toMatchObject({ id: user.id });
    await expect(accounts.redeemInvite(token, 'một mật khẩu khác')).rejects.toMatchObject({ code: 'invite_invalid' });
    expect(await accounts.verifyCredentials('dung@test.vn', 'một mật khẩu khác')).toBeNull();
  });

  it('refuses an expired invite', async () => {
    const { accounts, db: kysely } = db().services;
    const user = await accounts.createUser({ email: 'em@test.vn', name: 'Hoàng Văn Em' });
    const { token } = await accounts.createInvite(user.id, null);
    await kysely
      .updateTable('invites')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    await expect(accounts.inspectInvite(token)).rejects.toMatchObject({ code: 'invite_invalid' });
    await expect(accounts.redeemInvite(token, PASSWORD)).rejects.toMatchObject({ code: 'invite_invalid' });
  });

  it('refuses an invite token nobody issued', async () => {
    await expect(db().services.accounts.inspectInvite('x'.repeat(32))).rejects.toMatchObject({
      code: 'invite_invalid',
    });
  });

  it('refuses an invite for a user who does not exist', async () => {
    await expect(
      db().services.accounts.createInvite('6f0b8a9e-3c1d-4e2f-9a7b-1c2d3e4f5a6b', null),
    ).rejects.toMatchObject({
      code: 'user_not_found',
    });
  });

  it('ends every session by bumping the session version', async () => {
    const { accounts } = db().services;
    const user = await accounts.createUser({ email: 'giang@test.vn', name: 'Võ Thị Giang' });
    await accounts.revokeSessions(user.id);
    expect((await accounts.getUser(user.id))?.sessionVersion).toBe(user.sessionVersion + 1);
  });
});
