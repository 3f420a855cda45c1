import { expect, it } from 'vitest';
import { linkPurpose } from '../../lib/password-links';
import { describeEachDatabase } from '../helpers/temp-database';

const PASSWORD = 'mật khẩu đủ dài';

describeEachDatabase('accounts', (db) => {
  it('returns the user for the right password and null for a wrong one', async () => {
    const { accounts } = db().services;
    const user = await accounts.createUser({ email: 'an@test.vn', name: 'Nguyễn Văn An', password: PASSWORD });
    expect(await accounts.verifyCredentials({ email: 'an@test.vn' }, PASSWORD)).toMatchObject({
      id: user.id,
      isAdmin: false,
    });
    expect(await accounts.verifyCredentials({ email: 'an@test.vn' }, PASSWORD + '!')).toBeNull();
  });

  it('returns null for an unknown email and for a user who has no password yet', async () => {
    const { accounts } = db().services;
    await accounts.createUser({ email: 'binh@test.vn', name: 'Trần Thị Bình' });
    expect(await accounts.verifyCredentials({ email: 'nobody@test.vn' }, PASSWORD)).toBeNull();
    expect(await accounts.verifyCredentials({ email: 'binh@test.vn' }, PASSWORD)).toBeNull();
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
    expect(await accounts.verifyCredentials({ email: 'dung@test.vn' }, PASSWORD)).toMatchObject({ id: user.id });
    await expect(accounts.redeemInvite(token, 'một mật khẩu khác')).rejects.toMatchObject({ code: 'invite_invalid' });
    expect(await accounts.verifyCredentials({ email: 'dung@test.vn' }, 'một mật khẩu khác')).toBeNull();
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

describeEachDatabase('passwords and the links that set them', (db) => {
  it('spends every open link of the account and ends its sessions when a password is set through one', async () => {
    const { accounts } = db().services;
    const user = await accounts.createUser({ email: 'hai@test.vn', name: 'Đỗ Văn Hai' });
    const first = await accounts.createInvite(user.id, null);
    const second = await accounts.createInvite(user.id, null);
    await accounts.redeemInvite(first.token, PASSWORD);
    // The second link would otherwise let whoever holds it set the password again.
    await expect(accounts.redeemInvite(second.token, 'mật khẩu của kẻ khác')).rejects.toMatchObject({
      code: 'invite_invalid',
    });
    expect(await accounts.verifyCredentials({ email: 'hai@test.vn' }, PASSWORD)).toMatchObject({ id: user.id });
    expect((await accounts.getUser(user.id))?.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it('lets a link replace a password the account has: the old one stops signing in, every session and every other link ends, and the link works once', async () => {
    const { accounts, audit } = db().services;
    const user = await accounts.createUser({ email: 'lan@test.vn', name: 'Trịnh Thị Lan', password: PASSWORD });
    const reset = await accounts.createInvite(user.id, null);
    const other = await accounts.createInvite(user.id, null);
    const invitee = await accounts.inspectInvite(reset.token);
    expect(linkPurpose(invitee)).toBe('reset');

    await accounts.redeemInvite(reset.token, 'mật khẩu mới của Lan');
    expect(await accounts.verifyCredentials({ email: 'lan@test.vn' }, 'mật khẩu mới của Lan')).toMatchObject({
      id: user.id,
    });
    expect(await accounts.verifyCredentials({ email: 'lan@test.vn' }, PASSWORD)).toBeNull();
    expect((await accounts.getUser(user.id))?.sessionVersion).toBe(user.sessionVersion + 1);
    for (const token of [reset.token, other.token]) {
      await expect(accounts.redeemInvite(token, 'mật khẩu của kẻ khác')).rejects.toMatchObject({
        code: 'invite_invalid',
      });
    }
    expect(await accounts.verifyCredentials({ email: 'lan@test.vn' }, 'mật khẩu mới của Lan')).toMatchObject({
      id: user.id,
    });
    const entries = await audit.list({ cells: null, action: 'auth.password_set' });
    expect(entries.filter((e) => e.subjectId === user.id).map((e) => e.details)).toEqual([{ via: 'reset' }]);
  });

  it('records a first password set through a link as an invite', async () => {
    const { accounts, audit } = db().services;
    const user = await accounts.createUser({ email: 'nga@test.vn', name: 'Bùi Thị Nga' });
    const { token } = await accounts.createInvite(user.id, null);
    expect(linkPurpose(await accounts.inspectInvite(token))).toBe('invite');
    await accounts.redeemInvite(token, PASSWORD);
    const entries = await audit.list({ cells: null, action: 'auth.password_set' });
    expect(entries.filter((e) => e.subjectId === user.id).map((e) => e.details)).toEqual([{ via: 'invite' }]);
  });

  it('spends open links and ends sessions when the operator sets a password', async () => {
    const { accounts } = db().services;
    const user = await accounts.createUser({ email: 'kim@test.vn', name: 'Lý Thị Kim' });
    const link = await accounts.createInvite(user.id, null);
    await accounts.setPassword(user.id, PASSWORD);
    await expect(accounts.inspectInvite(link.token)).rejects.toMatchObject({ code: 'invite_invalid' });
    expect((await accounts.getUser(user.id))?.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it('stores argon2id hashes, accepts an older bcrypt hash and replaces it at the next sign-in', async () => {
    const { accounts, db: kysely } = db().services;
    const fresh = await accounts.createUser({ email: 'long@test.vn', name: 'Mai Văn Long', password: PASSWORD });
    const stored = async (id: string) =>
      (await kysely.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow())
        .password_hash!;
    expect(await stored(fresh.id)).toMatch(/^\$argon2id\$/);

    const legacy = await accounts.createUser({ email: 'minh@test.vn', name: 'Cao Văn Minh' });
    // What a password set before argon2 looks like: bcrypt, cost 12.
    const bcrypt = await import('bcryptjs');
    await kysely
      .updateTable('users')
      .set({ password_hash: await bcrypt.hash(PASSWORD, 12) })
      .where('id', '=', legacy.id)
      .execute();
    expect(await accounts.verifyCredentials({ email: 'minh@test.vn' }, PASSWORD + '?')).toBeNull();
    expect(await stored(legacy.id)).toMatch(/^\$2[aby]\$/);
    expect(await accounts.verifyCredentials({ email: 'minh@test.vn' }, PASSWORD)).toMatchObject({ id: legacy.id });
    expect(await stored(legacy.id)).toMatch(/^\$argon2id\$/);
    expect(await accounts.verifyCredentials({ email: 'minh@test.vn' }, PASSWORD)).toMatchObject({ id: legacy.id });
  });
});
