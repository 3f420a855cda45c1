import { formatInstant } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';

/**
 * Approved minutes are sealed: nobody can change them any more, and the
 * SHA-256 of their content lets anyone check later that a copy is the one
 * the meeting approved.
 */
export function SealedBanner({
  t,
  locale,
  timeZone,
  sealed,
}: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  sealed: { hash: string; sealedAt: string };
}) {
  return (
    <div
      className="notice notice--success sealed-banner"
      role="status"
      data-testid="sealed-banner"
      data-hash={sealed.hash}
    >
      <p>
        <strong>{t('sealed.title')}</strong>
      </p>
      <p>{t('sealed.when', { time: formatInstant(sealed.sealedAt, locale, timeZone) })}</p>
      <p>
        {t('sealed.hash')}{' '}
        <code className="hash" data-testid="sealed-hash">
          {sealed.hash}
        </code>
      </p>
      <p className="muted">{t('sealed.amendHint')}</p>
    </div>
  );
}
