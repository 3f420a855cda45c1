import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { linkPurpose } from '../../lib/password-links';
import type { SignInName } from '../../lib/sign-in-name';
import type { Db } from '../db/connection';
import type { User } from '../db/schema';
import { conflict, notFound } from '../errors';
import type { Audit } from './audit';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords';

/** How long a one-time invite link stays valid. */
const INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  /** Empty for a member known by phone only (migration 0009). */
  email: string;
  /** What the account signs in with: its email, or its phone for a member known by phone only. */
  signInName: string;
  name: string;
  isAdmin: boolean;
  sessionVersion: number;
  /** The cell whose manager created the account (see canManageCredentials in lib/policy.ts). */
  homeCellId: string | null;
  hasPassword: boolean;
  /** Chose larger text and higher contrast (the header's switch). */
  largeText: boolean;
}

function toSessionUser(user: User): SessionUser {
  return {
    id: user.id,
    email: user.email ?? '',
    signInName: user.email ?? user.phone ?? '',
    name: user.name,
    isAdmin: user.is_admin === 1,
    sessionVersion: user.session_version,
    homeCellId: user.home_cell_id,
    hasPassword: user.password_hash !== null,
    largeText: user.large_text === 1,
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The new hash, every open link spent, every session ended: one step, inside the caller's transaction. */
async function writePassword(trx: Db, userId: string, hash: string, now: string): Promise<void> {
  await trx
    .updateTable('users')
    .set((eb) => ({ password_hash: hash, session_version: eb('session_version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
  await trx
    .updateTable('invites')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Users, passwords, sessions and invites; password changes and revocations go to the audit log. */
export function createAccounts(db: Db, audit: Audit) {
  const service = {
    async createUser(input: {
      email: string;
      name: string;
      password?: string;
      isAdmin?: boolean;
    }): Promise<SessionUser> {
      const existing = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
      if (existing) throw conflict('email_taken');
      const user: User = {
        id: randomUUID(),
        email: input.email,
        name: input.name,
        password_hash: input.password ? await hashPassword(input.password) : null,
        is_admin: input.isAdmin ? 1 : 0,
        session_version: 1,
        created_at: new Date().toISOString(),
        home_cell_id: null,
        phone: null,
        large_text: 0,
      };
      try {
        await db.insertInto('users').values(user).execute();
      } catch (error) {
        // Two requests for one email at once: the unique index decides, the loser hears why.
        if (await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst()) {
          throw conflict('email_taken');
        }
        throw error;
      }
      return toSessionUser(user);
    },

    async getUser(id: string): Promise<SessionUser | null> {
      const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return user ? toSessionUser(user) : null;
    },

    async findByEmail(email: string): Promise<SessionUser | null> {
      const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return user ? toSessionUser(user) : null;
    },

    /**
     * The account `name` (an email, or a phone number) names, if `password`
     * is its password; null otherwise, in constant-ish time. A correct
     * password stored under an older hash is re-hashed with the current one.
     */
    async verifyCredentials(name: SignInName, password: string): Promise<SessionUser | null> {
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where((eb) => ('email' in name ? eb('email', '=', name.email) : eb('phone', '=', name.phone)))
        .executeTakeFirst();
      if (!user?.password_hash) return verifyAgainstNothing(password).then(() => null);
      const check = await verifyPassword(password, user.password_hash);
      if (!check.ok) return null;
      if (check.rehash) {
        const upgraded = await hashPassword(password);
        // Only if nobody changed the password meanwhile.
        await db
          .updateTable('users')
          .set({ password_hash: upgraded })
          .where('id', '=', user.id)
          .where('password_hash', '=', user.password_hash)
          .execute();
      }
      return toSessionUser(user);
    },

    /**
     * Sets a password. Every open invite or reset link of the account is
     * spent and every session it had ends: whoever held the old password, or
     * a link, is out.
     */
    async setPassword(userId: string, password: string, actorId: string | null = null): Promise<void> {
      const hash = await hashPassword(password);
      await db.transaction().execute((trx) => writePassword(trx, userId, hash, new Date().toISOString()));
      await audit.record({ action: 'auth.password_set', actorId, subjectId: userId, details: { via: 'set' } });
    },

    /**
     * Ends every session of a user. Pages see it on the next request; live
     * collaboration connections are closed (4401) at the server's next
     * re-check, or at once when the caller also asks the runtime to
     * revalidate the user.
     */
    async revokeSessions(userId: string, actorId: string | null = null): Promise<void> {
      await db
        .updateTable('users')
        .set((eb) => ({ session_version: eb('session_version', '+', 1) }))
        .where('id', '=', userId)
        .execute();
      await audit.record({ action: 'auth.sessions_revoked', actorId, subjectId: userId });
    },

    /** Remembers whether the account reads with larger text and higher contrast. */
    async setLargeText(userId: string, on: boolean): Promise<void> {
      await db
        .updateTable('users')
        .set({ large_text: on ? 1 : 0 })
        .where('id', '=', userId)
        .execute();
    },

    /**
     * Creates a one-time link that sets the account's password: an invite, or
     * a reset link when the account has a password (see linkPurpose). The
     * returned token is shown once and only its hash is stored. Who may ask
     * is the caller's business (the createInvite operation asks the policy).
     */
    async createInvite(userId: string, createdBy: string | null): Promise<{ token: string; expiresAt: string }> {
      // Checked here so an unknown id is a clear not-found, not a foreign-key failure (or, without one, a dead link).
      const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
      if (!user) throw notFound('user_not_found');
      const token = randomBytes(24).toString('base64url');
      const now = Date.now();
      const expiresAt = new Date(now + INVITE_TTL_MS).toISOString();
      await db
        .insertInto('invites')
        .values({
          token_hash: hashToken(token),
          user_id: userId,
          created_by: createdBy,
          expires_at: expiresAt,
          used_at: null,
          created_at: new Date(now).toISOString(),
        })
        .execute();
      return { token, expiresAt };
    },

    /** The account of a valid, unused, unexpired token (its purpose: linkPurpose of it). */
    async inspectInvite(token: string): Promise<SessionUser> {
      const invite = await db
        .selectFrom('invites')
        .selectAll()
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirst();
      if (!invite || invite.used_at || invite.expires_at < new Date().toISOString()) throw notFound('invite_invalid');
      const user = await service.getUser(invite.user_id);
      if (!user) throw notFound('invite_invalid');
      return user;
    },

    /**
     * Sets the invitee's password and spends the token, every other open link
     * of the account and every session it had, atomically: through a reset
     * link, whoever held the old password is out.
     */
    async redeemInvite(token: string, password: string): Promise<SessionUser> {
      const user = await service.inspectInvite(token);
      const hash = await hashPassword(password);
      const now = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        const spent = await trx
          .updateTable('invites')
          .set({ used_at: now })
          .where('token_hash', '=', hashToken(token))
          .where('used_at', 'is', null)
          .executeTakeFirst();
        // A second tab redeeming the same link at the same moment loses here.
        if (Number(spent.numUpdatedRows) !== 1) throw notFound('invite_invalid');
        await writePassword(trx, user.id, hash, now);
      });
      await audit.record({
        action: 'auth.password_set',
        actorId: user.id,
        subjectId: user.id,
        details: { via: linkPurpose(user) },
      });
      return user;
    },
  };
  return service;
}

export type Accounts = ReturnType<typeof createAccounts>;
