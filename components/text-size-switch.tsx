import { setTextSizeAction } from '../app/actions/text-size';
import type { Translate } from '../lib/i18n';
import type { TextSize } from '../lib/text-size';

/**
 * "Chữ lớn": one button that turns larger text and higher contrast on or
 * off. A plain form posting to a server action, like the language switch, so
 * it works before the page's JavaScript has arrived.
 */
export function TextSizeSwitch({ t, size }: { t: Translate; size: TextSize }) {
  const large = size === 'large';
  return (
    <form action={setTextSizeAction} className="text-size-switch" aria-label={t('header.textSize')}>
      <button
        type="submit"
        name="textSize"
        value={large ? 'normal' : 'large'}
        className="button button--small button--ghost"
        aria-pressed={large}
        data-testid="large-text-switch"
      >
        {t('header.largeText')}
      </button>
    </form>
  );
}
