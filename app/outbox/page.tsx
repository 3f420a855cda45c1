import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { formatInstant } from '../../lib/format';
import { canReadOutbox } from '../../lib/policy';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import { requireCurrent } from '../../server/web/session';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('outbox.title') };
}

/**
 * The mail the product sent or kept, newest first, for administrators only
 * (others get "not found"): in the outbox, whole messages (password links
 * among them), since no SMTP server took them; through SMTP, which were sent
 * and which failed.
 */
export default async function OutboxPage() {
  const { t, locale, timeZone } = await getI18n();
  const { subject } = await requireCurrent('/outbox');
  if (!canReadOutbox(subject)) notFound();
  const { mail } = getRuntime().services;
  const messages = await mail.list();
  const intro =
    mail.transport === 'outbox'
      ? t('outbox.intro')
      : mail.transport === 'smtp'
        ? t('outbox.introSmtp', { host: mail.smtpHost ?? '' })
        : t('outbox.introOff');

  return (
    <>
      <h1>{t('outbox.title')}</h1>
      <p className="muted" data-testid="outbox-mode" data-transport={mail.transport}>
        {intro}
      </p>
      {messages.length === 0 ? (
        <p className="muted" data-testid="outbox-empty">
          {t('outbox.none')}
        </p>
      ) : (
        <ul className="plain-list" data-testid="outbox-list">
          {messages.map((m) => (
            <li key={m.id} className="card" data-testid="outbox-item" data-kind={m.kind} data-status={m.status}>
              <p>
                <span className="badge">{t(`outbox.status.${m.status}`)}</span>{' '}
                <span className="muted">{formatInstant(m.createdAt, locale, timeZone)}</span>
              </p>
              <p>
                <strong>{t('outbox.to')}:</strong> {m.toName} &lt;{m.toAddress}&gt;
              </p>
              <p>
                <strong>{t('outbox.subject')}:</strong> {m.subject}
              </p>
              {m.error && (
                <p className="field__error" data-testid="outbox-error">
                  {m.error}
                </p>
              )}
              {m.body && (
                <pre className="outbox-body" data-testid="outbox-body">
                  {m.body}
                </pre>
              )}
              {m.calendar && <p className="muted">{t('outbox.calendar')}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
