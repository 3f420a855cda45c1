import { setLocaleAction } from '../app/actions/locale';
import { LOCALES, type Locale, type Translate } from '../lib/i18n';

/**
 * One button per language. A plain form posting to a server action: it works
 * before the page has finished loading, which matters on slow connections.
 */
export function LanguageSwitch({ t, locale }: { t: Translate; locale: Locale }) {
  return (
    <form action={setLocaleAction} className="language-switch" aria-label={t('language.label')}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="submit"
          name="locale"
          value={option}
          lang={option}
          className="button button--small button--ghost"
          aria-pressed={option === locale}
          data-testid={`language-${option}`}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </form>
  );
}
