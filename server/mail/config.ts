/**
 * How this installation sends mail, from SMTP_URL, MAIL_FROM and
 * MAIL_OUTBOX:
 * - `smtp`: through the SMTP server SMTP_URL names, from MAIL_FROM;
 * - `outbox`: no SMTP server, but in development (NODE_ENV=development) or
 *   with MAIL_OUTBOX=on messages are kept in the database's outbox, which
 *   administrators read at /outbox, instead of being sent;
 * - `off`: neither; nothing offers to send mail.
 */
export type MailSettings =
  | { transport: 'smtp'; url: string; from: string; host: string }
  | { transport: 'outbox'; from: string }
  | { transport: 'off' };

/** The sender when MAIL_FROM is unset and messages only go to the outbox. */
export const OUTBOX_FROM = 'Biên Bản <bienban@localhost>';

/** An address as "name@host" or "Name <name@host>". */
const ADDRESS = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

export interface MailEnv {
  SMTP_URL?: string;
  MAIL_FROM?: string;
  MAIL_OUTBOX?: string;
}

/**
 * Parses the mail settings; `issues` names each bad variable in a sentence
 * (the configuration loader stops the process with them). The password in
 * SMTP_URL is never repeated in a message.
 */
export function parseMailSettings(env: MailEnv, dev: boolean): { settings: MailSettings; issues: string[] } {
  const issues: string[] = [];
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  const from = env.MAIL_FROM?.trim() || undefined;
  const outboxFlag = env.MAIL_OUTBOX?.trim() || undefined;
  if (outboxFlag !== undefined && outboxFlag !== 'on' && outboxFlag !== 'off')
    issues.push('MAIL_OUTBOX: must be on or off');
  if (from !== undefined && !ADDRESS.test(from))
    issues.push('MAIL_FROM: must be an address like bienban@example.vn or "Chi bộ Khu phố 3 <bienban@example.vn>"');
  let host = '';
  if (smtpUrl !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(smtpUrl);
    } catch {
      issues.push('SMTP_URL: not a URL; write it like smtp://user:password@mail.example.vn:587');
    }
    if (url) {
      if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
        issues.push(`SMTP_URL: must start with smtp:// or smtps://, not ${url.protocol}//`);
      else if (!url.hostname)
        issues.push('SMTP_URL: names no host; write it like smtp://user:password@mail.example.vn:587');
      host = url.hostname;
    }
    if (from === undefined) issues.push('MAIL_FROM: required with SMTP_URL (the sender of every message)');
  }
  if (issues.length > 0) return { settings: { transport: 'off' }, issues };
  if (smtpUrl !== undefined && from !== undefined)
    return { settings: { transport: 'smtp', url: smtpUrl, from, host }, issues };
  const outbox = outboxFlag === 'on' || (outboxFlag === undefined && dev);
  return { settings: outbox ? { transport: 'outbox', from: from ?? OUTBOX_FROM } : { transport: 'off' }, issues };
}
