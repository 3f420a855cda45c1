import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from '../db/connection';
import type { MailMessagesTable } from '../db/schema';
import { log } from '../log';
import { DEFAULT_LOCALE, type Locale } from '../../lib/i18n';
import type { MailSettings } from './config';

/** How long one SMTP exchange may take before the message is recorded as failed. */
export const SMTP_TIMEOUT_MS = 10_000;

/** One message to one person. */
export interface OutgoingMail {
  kind: MailMessagesTable['kind'];
  to: { address: string; name: string };
  subject: string;
  text: string;
  /** A calendar entry to attach (text/calendar). */
  calendar?: { filename: string; content: string };
  cellId: string | null;
  meetingId: string | null;
  sentBy: string | null;
}

/** What nodemailer's transporter offers that we use; tests pass their own. */
export interface MailTransport {
  sendMail(message: nodemailer.SendMailOptions): Promise<unknown>;
  close?(): void;
}

export interface MailRow {
  id: string;
  kind: MailMessagesTable['kind'];
  transport: MailMessagesTable['transport'];
  status: MailMessagesTable['status'];
  toAddress: string;
  toName: string;
  subject: string;
  body: string;
  calendar: string | null;
  meetingId: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** How many outbox messages /outbox shows. */
export const OUTBOX_PAGE_SIZE = 200;

/**
 * Sends mail, or keeps it in the outbox. `send` writes a row per message
 * and returns: with SMTP the messages go out afterwards, one after another,
 * each with a timeout, so no request waits on a slow or absent mail server;
 * each row then says `sent` or `failed` (with the error). A failed message
 * is not retried: the row and the log say so, and the secretary can send
 * again.
 */
export function createMailer(
  db: Db,
  settings: MailSettings,
  options: {
    transport?: MailTransport;
    timeoutMs?: number;
    /** The organisation's language: messages are written in it. */
    language?: Locale;
    /** NEXTAUTH_URL: links in messages point there whatever the request named. */
    publicUrl?: string;
  } = {},
) {
  const timeoutMs = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  let transport: MailTransport | null = options.transport ?? null;
  let pending: Promise<void> = Promise.resolve();

  function smtp(): MailTransport {
    if (settings.transport !== 'smtp') throw new Error('mailer: no SMTP server configured');
    transport ??= nodemailer.createTransport(settings.url, {
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    return transport;
  }

  async function deliver(from: string, rows: { id: string; mail: OutgoingMail }[]): Promise<void> {
    for (const { id, mail } of rows) {
      let error: string | null = null;
      try {
        await withTimeout(
          smtp().sendMail({
            from,
            to: { name: mail.to.name, address: mail.to.address },
            subject: mail.subject,
            text: mail.text,
            ...(mail.calendar
              ? {
                  icalEvent: { method: 'PUBLISH', filename: mail.calendar.filename, content: mail.calendar.content },
                }
              : {}),
          }),
          timeoutMs,
        );
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        log.warn('mail.failed', { id, kind: mail.kind, error });
      }
      await db
        .updateTable('mail_messages')
        .set({ status: error ? 'failed' : 'sent', error, finished_at: new Date().toISOString() })
        .where('id', '=', id)
        .execute()
        .catch((e: unknown) => log.error('mail.not_recorded', { id, error: String(e) }));
    }
  }

  return {
    /** `smtp`, `outbox`, or `off` (no "send by email" anywhere). */
    transport: settings.transport,

    /** The SMTP server's host name, for the outbox page (never its password). */
    smtpHost: settings.transport === 'smtp' ? settings.host : null,

    /** The language messages are written in (the organisation's). */
    language: options.language ?? DEFAULT_LOCALE,

    /**
     * The origin links in a message point to: the configured public URL
     * when there is one, whatever the request said; otherwise the origin the
     * request was made to (the Host header is trusted then, as for links
     * shown on screen).
     */
    linkOrigin(requested: string): string {
      return options.publicUrl ? new URL(options.publicUrl).origin : requested;
    },

    /**
     * Records the messages and hands them on: into the outbox, or to SMTP
     * after this returns. Resolves with the number of messages accepted.
     */
    async send(messages: readonly OutgoingMail[]): Promise<number> {
      if (settings.transport === 'off') throw new Error('mailer: mail is not configured');
      const now = new Date().toISOString();
      const outbox = settings.transport === 'outbox';
      const rows = messages.map((mail) => ({ id: randomUUID(), mail }));
      if (rows.length === 0) return 0;
      await db
        .insertInto('mail_messages')
        .values(
          rows.map(({ id, mail }) => ({
            id,
            kind: mail.kind,
            transport: settings.transport === 'smtp' ? ('smtp' as const) : ('outbox' as const),
            status: outbox ? ('kept' as const) : ('queued' as const),
            to_address: mail.to.address,
            to_name: mail.to.name,
            subject: mail.subject,
            // Through SMTP the text leaves and is not kept: it may hold a password link.
            body: outbox ? mail.text : '',
            calendar: outbox ? (mail.calendar?.content ?? null) : null,
            cell_id: mail.cellId,
            meeting_id: mail.meetingId,
            sent_by: mail.sentBy,
            error: null,
            created_at: now,
            finished_at: outbox ? now : null,
          })),
        )
        .execute();
      if (settings.transport === 'smtp') {
        const from = settings.from;
        // One delivery at a time, in order, after the caller has its answer.
        pending = pending.then(() => deliver(from, rows));
      }
      return rows.length;
    },

    /** The latest messages, newest first (the outbox page). */
    async list(limit = OUTBOX_PAGE_SIZE): Promise<MailRow[]> {
      const rows = await db
        .selectFrom('mail_messages')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        transport: r.transport,
        status: r.status,
        toAddress: r.to_address,
        toName: r.to_name,
        subject: r.subject,
        body: r.body,
        calendar: r.calendar,
        meetingId: r.meeting_id,
        error: r.error,
        createdAt: r.created_at,
        finishedAt: r.finished_at,
      }));
    },

    /** Resolves once every message handed to SMTP so far has been tried (tests, shutdown). */
    settled(): Promise<void> {
      return pending;
    },

    close(): void {
      transport?.close?.();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the mail server within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
