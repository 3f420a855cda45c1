import { z } from 'zod';
import { canManageCredentials, canSeeMeeting, canSendMeetingNotice } from '../../lib/policy';
import { linkPurpose } from '../../lib/password-links';
import { AppError } from '../errors';
import type { OutgoingMail } from '../mail/mailer';
import { meetingContext, type MeetingContext } from '../meeting/context';
import { meetingNoticeMail, passwordLinkMail } from '../sharing/meeting-share';
import { loadCredentialTarget } from './cells';
import { auditAs, operation, type OperationDeps } from './define';

const id = z.string().uuid('invalid_id');

/**
 * Where links in the message point. The server action passes the origin of
 * the request it serves; with NEXTAUTH_URL set the mailer uses that instead,
 * so a forged origin changes nothing there.
 */
const origin = z
  .string()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'invalid_input');

/** Refuses before anything is written when this installation sends no mail. */
function ensureMail(deps: OperationDeps): void {
  if (deps.services.mail.transport === 'off') throw new AppError('mail_not_configured', 409);
}

/** Meeting notices and password links sent by email (or kept in the outbox when there is no SMTP server). */
export const sharingOperations = {
  /**
   * Sends the meeting's notice to every member of the cell the policy lets
   * see the meeting and who has an email address, each with the calendar
   * entry attached. The cell's managers, while they prepare it.
   */
  sendMeetingNotice: operation({
    group: 'followUp',
    schema: z.object({ meetingId: id, origin }),
    load: (deps, { user }, input): Promise<MeetingContext> => meetingContext(deps.services, input.meetingId, user),
    allowed: (ctx) => canSendMeetingNotice(ctx.subject, ctx.resource),
    serialise: (input) => `meeting-mail:${input.meetingId}`,
    async run(deps, ctx, input, caller) {
      ensureMail(deps);
      const { mail } = deps.services;
      const linkOrigin = mail.linkOrigin(input.origin);
      // Each member as the policy sees them in this cell: a committee or secret meeting reaches only those it may.
      // Members known by phone alone have no address to send to.
      const recipients = ctx.members.flatMap((m) =>
        m.email?.includes('@') &&
        canSeeMeeting(
          {
            userId: m.userId,
            isAdmin: false,
            memberships: [{ cellId: ctx.meeting.cell_id, role: m.role, status: m.status }],
            oversees: [],
          },
          ctx.resource,
        )
          ? [{ ...m, email: m.email }]
          : [],
      );
      const noticeFor = await meetingNoticeMail(
        deps.services,
        { locale: mail.language, timeZone: deps.timeZone, origin: linkOrigin },
        ctx.meeting,
      );
      const messages: OutgoingMail[] = recipients.map((member) => {
        const notice = noticeFor(member.name);
        return {
          kind: 'meeting_notice',
          to: { address: member.email, name: member.name },
          subject: notice.subject,
          text: notice.text,
          calendar: { filename: notice.calendar.name, content: notice.calendar.content },
          cellId: ctx.meeting.cell_id,
          meetingId: ctx.meeting.id,
          sentBy: caller.user.id,
        };
      });
      const count = await mail.send(messages);
      await auditAs(deps, caller, {
        action: 'mail.notice_sent',
        cellId: ctx.meeting.cell_id,
        meetingId: ctx.meeting.id,
        details: { recipients: count, transport: mail.transport },
      });
      return { count, transport: mail.transport };
    },
  }),

  /**
   * Makes a one-time password link, as createInvite does and for the same
   * people (canManageCredentials), and sends it to the member's own email
   * address instead of showing it: the caller never sees the link.
   */
  sendInviteEmail: operation({
    group: 'followUp',
    schema: z.object({ userId: id, reset: z.boolean().optional(), origin }),
    load: (deps, { user }, input) => loadCredentialTarget(deps, user, input.userId),
    allowed: (ctx) => canManageCredentials(ctx.subject, ctx.account),
    serialise: (input) => `account:${input.userId}`,
    async run(deps, ctx, input, caller) {
      ensureMail(deps);
      const { mail, accounts, organisations } = deps.services;
      const purpose = linkPurpose(ctx.account);
      if (purpose === 'reset' && input.reset !== true) throw new AppError('reset_not_confirmed', 422);
      // A member known by phone alone has no address (email is optional since the member import).
      const address = ctx.account.email;
      if (!address?.includes('@')) throw new AppError('mail_no_address', 422);
      const invite = await accounts.createInvite(ctx.account.userId, caller.user.id);
      const cell = ctx.account.homeCellId ? await organisations.getCell(ctx.account.homeCellId) : null;
      const message = passwordLinkMail(mail.language, {
        purpose,
        name: ctx.account.name,
        url: `${mail.linkOrigin(input.origin)}/invite/${invite.token}`,
        cellName: cell?.name ?? null,
      });
      await mail.send([
        {
          kind: purpose === 'reset' ? 'reset_link' : 'invite',
          to: { address, name: ctx.account.name },
          subject: message.subject,
          text: message.text,
          cellId: ctx.account.homeCellId,
          meetingId: null,
          sentBy: caller.user.id,
        },
      ]);
      await auditAs(deps, caller, {
        action: purpose === 'reset' ? 'auth.reset_link_created' : 'auth.invite_created',
        cellId: ctx.account.homeCellId,
        subjectId: ctx.account.userId,
        details: { expiresAt: invite.expiresAt, delivery: 'email', transport: mail.transport },
      });
      return { purpose, name: ctx.account.name, expiresAt: invite.expiresAt, transport: mail.transport };
    },
  }),
};
