import type { NotHeldReason } from '../../lib/domain';
import { formatInstant } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';

/** A meeting that did not take place: the record says so, why, when and who wrote it down. */
export function NotHeldBanner({
  t,
  locale,
  timeZone,
  notHeld,
}: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  notHeld: { reason: NotHeldReason; note: string; at: string; byName: string };
}) {
  return (
    <div className="notice notice--warning" role="status" data-testid="not-held-banner" data-reason={notHeld.reason}>
      <p>
        <strong>{t('notHeld.title')}</strong>
      </p>
      <p data-testid="not-held-note-shown">{notHeld.note}</p>
      <p className="muted">
        {t('notHeld.banner', {
          reason: t(`notHeld.reason.${notHeld.reason}`),
          when: formatInstant(notHeld.at, locale, timeZone),
          name: notHeld.byName,
        })}
      </p>
    </div>
  );
}
