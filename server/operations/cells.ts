import { z } from 'zod';
import { cellSettingsSchema, oversightSchema, overseerRemovalSchema } from '../../lib/meeting-schemas';
import {
  canManageCell,
  canManageCredentials,
  canManageOrganisations,
  type AccountResource,
  type Subject,
} from '../../lib/policy';
import { linkPurpose } from '../../lib/password-links';
import { cellSchema, meetingSchema, memberSchema } from '../../lib/schemas';
import { AppError, notFound } from '../errors';
import { auditAs, operation, type Caller, type OperationDeps } from './define';

const id = z.string().uuid('invalid_id');

/** Loads the subject for an operation on a cell; the cell must exist. */
async function onCell(deps: OperationDeps, { user }: Caller, input: { cellId: string }) {
  const cell = await deps.services.organisations.getCell(input.cellId);
  if (!cell) throw notFound('cell_not_found');
  return { subject: await deps.services.organisations.subjectFor(user), cell };
}

/**
 * Loads whom a password link is for, as canManageCredentials reads them
 * (creating a link here, mailing one in sharing.ts).
 */
export async function loadCredentialTarget(
  deps: OperationDeps,
  user: Caller['user'],
  userId: string,
): Promise<{
  subject: Subject;
  account: AccountResource & { hasPassword: boolean; name: string; email: string | null; signInName: string };
}> {
  const target = await deps.services.accounts.getUser(userId);
  if (!target) throw notFound('user_not_found');
  return {
    subject: await deps.services.organisations.subjectFor(user),
    account: {
      userId: target.id,
      isAdmin: target.isAdmin,
      homeCellId: target.homeCellId,
      hasPassword: target.hasPassword,
      name: target.name,
      email: target.email,
      signInName: target.signInName,
    },
  };
}

/** The cells and the organisation: members, meetings, rules, overseers, and the links that set passwords. */
export const cellOperations = {
  /** Administrators add a chi bộ under a đảng bộ. */
  createCell: operation({
    group: 'followUp',
    schema: cellSchema,
    load: async (deps, { user }) => ({ subject: await deps.services.organisations.subjectFor(user) }),
    allowed: (ctx) => canManageOrganisations(ctx.subject),
    async run(deps, _ctx, input) {
      const cell = await deps.services.organisations.createCell(input.committeeId, input.name);
      return { cellId: cell.id };
    },
  }),

  /** Adds a person to the cell; a new email becomes an account of this cell, without a password until invited. */
  addMember: operation({
    group: 'followUp',
    schema: memberSchema.extend({ cellId: id }),
    load: onCell,
    allowed: (ctx) => canManageCell(ctx.subject, ctx.cell.id),
    refresh: true,
    async run(deps, ctx, { cellId, ...input }, caller) {
      const member = await deps.services.organisations.addMember(cellId, input);
      await auditAs(deps, caller, {
        action: 'member.added',
        cellId,
        subjectId: member.userId,
        details: { role: member.role, status: member.status },
      });
      return member;
    },
  }),

  /** Schedules a meeting; its minutes start from the kind's template. */
  createMeeting: operation({
    group: 'followUp',
    schema: meetingSchema.extend({
      cellId: id,
      /** The secretary saw that the cell already has a meeting of this kind that month, and wants another. */
      sameMonthConfirmed: z.boolean().optional(),
    }),
    load: onCell,
    allowed: (ctx) => canManageCell(ctx.subject, ctx.cell.id),
    serialise: (input) => `cell:${input.cellId}`,
    async run(deps, _ctx, { cellId, sameMonthConfirmed, ...input }, { user }) {
      // A second regular meeting in one month is usually the same meeting entered twice: ask first.
      const month = input.startsAt.slice(0, 7);
      const twin = (await deps.services.meetings.listMeetings(cellId)).find(
        (m) => m.kind === input.kind && m.starts_at.slice(0, 7) === month,
      );
      if (twin && !sameMonthConfirmed) throw new AppError('meeting_same_month', 409, { existing: twin.title });
      const meeting = await deps.services.meetings.createMeeting(cellId, input, user.id);
      return { meetingId: meeting.id };
    },
  }),

  /**
   * A one-time link that sets a member's password, for an account the policy
   * lets the caller manage (see canManageCredentials): an invite for an
   * account without a password, a reset link for one that has a password.
   * A reset link lets whoever holds it replace the password and sign the
   * member out everywhere, so the caller must ask for it in so many words
   * (`reset: true`); the old password works until the link is used.
   */
  createInvite: operation({
    group: 'followUp',
    schema: z.object({
      userId: id,
      /** The caller confirmed that the link replaces the password the account already has. */
      reset: z.boolean().optional(),
    }),
    load: (deps, { user }, input) => loadCredentialTarget(deps, user, input.userId),
    allowed: (ctx) => canManageCredentials(ctx.subject, ctx.account),
    serialise: (input) => `account:${input.userId}`,
    async run(deps, ctx, input, caller) {
      // A password is for signing in, with the account's email or phone; an account with neither could not use it.
      if (!ctx.account.signInName) throw new AppError('no_sign_in_name', 422);
      const purpose = linkPurpose(ctx.account);
      if (purpose === 'reset' && input.reset !== true) throw new AppError('reset_not_confirmed', 422);
      const invite = await deps.services.accounts.createInvite(input.userId, caller.user.id);
      await auditAs(deps, caller, {
        action: purpose === 'reset' ? 'auth.reset_link_created' : 'auth.invite_created',
        cellId: ctx.account.homeCellId,
        subjectId: input.userId,
        details: { expiresAt: invite.expiresAt },
      });
      return { ...invite, purpose };
    },
  }),

  /** The cell's rules: which base and threshold decide a vote, and after how many absences a member is flagged. */
  saveCellSettings: operation({
    group: 'followUp',
    schema: cellSettingsSchema,
    load: onCell,
    allowed: (ctx) => canManageCell(ctx.subject, ctx.cell.id),
    refresh: true,
    async run(deps, _ctx, input, caller) {
      const row = {
        vote_base: input.voteBase,
        vote_threshold: input.voteThreshold,
        absence_streak: input.absenceStreak,
        updated_at: new Date().toISOString(),
      };
      await deps.services.db
        .insertInto('cell_settings')
        .values({ cell_id: input.cellId, ...row })
        .onConflict((oc) => oc.column('cell_id').doUpdateSet(row))
        .execute();
      await auditAs(deps, caller, {
        action: 'cell.rules_changed',
        cellId: input.cellId,
        details: { voteBase: input.voteBase, voteThreshold: input.voteThreshold, absenceStreak: input.absenceStreak },
      });
    },
  }),

  /** Attaches an overseer (cấp ủy viên phụ trách) to a cell by email; they read its approved minutes. */
  addOverseer: operation({
    group: 'followUp',
    schema: oversightSchema,
    load: onCell,
    allowed: (ctx) => canManageCell(ctx.subject, ctx.cell.id),
    refresh: true,
    async run(deps, _ctx, input, caller) {
      const overseer = await deps.services.accounts.findByEmail(input.email);
      if (!overseer) throw notFound('user_not_found');
      await deps.services.db
        .insertInto('oversights')
        .values({ user_id: overseer.id, cell_id: input.cellId, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['user_id', 'cell_id']).doNothing())
        .execute();
      await auditAs(deps, caller, {
        action: 'overseer.added',
        cellId: input.cellId,
        subjectId: overseer.id,
      });
      return { userId: overseer.id };
    },
  }),

  /** Detaches an overseer from a cell; their open connections to its minutes close at once. */
  removeOverseer: operation({
    group: 'followUp',
    schema: overseerRemovalSchema,
    load: onCell,
    allowed: (ctx) => canManageCell(ctx.subject, ctx.cell.id),
    refresh: true,
    async run(deps, _ctx, input, caller) {
      await deps.services.db
        .deleteFrom('oversights')
        .where('cell_id', '=', input.cellId)
        .where('user_id', '=', input.userId)
        .execute();
      await auditAs(deps, caller, {
        action: 'overseer.removed',
        cellId: input.cellId,
        subjectId: input.userId,
      });
      await deps.revalidateUser(input.userId);
    },
  }),
};
