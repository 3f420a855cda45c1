import Link from 'next/link';
import type { Locale, Translate } from '../lib/i18n';
import type { TextSize } from '../lib/text-size';
import { LanguageSwitch } from './language-switch';
import { SignOutButton } from './sign-out-button';
import { SiteMenu } from './site-menu';
import { TextSizeSwitch } from './text-size-switch';

/** More cells than this and the header links only to the overview, which lists them all. */
const MAX_HEADER_CELLS = 6;

interface SiteHeaderProps {
  t: Translate;
  locale: Locale;
  user: { name: string } | null;
  cells: { id: string; name: string }[];
  /** The policy lets this user read (part of) the audit log. */
  audit: boolean;
  textSize: TextSize;
}

/**
 * Product name, the user's cells, who is signed in, sign-out, the language
 * switch and, outside the phone's menu so it is always one tap away, the
 * switch to larger text.
 */
export function SiteHeader({ t, locale, user, cells, audit, textSize }: SiteHeaderProps) {
  const shownCells = cells.length <= MAX_HEADER_CELLS ? cells : [];
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand">
          {t('app.name')}
        </Link>
        <SiteMenu label={t('header.menu')}>
          {user && (
            <nav className="site-header__nav" aria-label={t('header.navigation')}>
              <ul>
                <li>
                  <Link href="/">{t('header.home')}</Link>
                </li>
                <li>
                  <Link href="/tasks" data-testid="my-tasks-link">
                    {t('header.myTasks')}
                  </Link>
                </li>
                <li>
                  <Link href="/search" data-testid="search-link">
                    {t('header.search')}
                  </Link>
                </li>
                <li>
                  <Link href="/committee" data-testid="oversight-link">
                    {t('header.oversight')}
                  </Link>
                </li>
                <li>
                  <Link href="/archive" data-testid="archive-link">
                    {t('header.archive')}
                  </Link>
                </li>
                {audit && (
                  <li>
                    <Link href="/audit" data-testid="audit-link">
                      {t('header.audit')}
                    </Link>
                  </li>
                )}
                {shownCells.map((cell) => (
                  <li key={cell.id}>
                    <Link href={`/cells/${cell.id}`}>{cell.name}</Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div className="site-header__account">
            {user && (
              <>
                <span className="site-header__user" data-testid="current-user">
                  {t('header.signedInAs', { name: user.name })}
                </span>
                <SignOutButton />
              </>
            )}
            <LanguageSwitch t={t} locale={locale} />
          </div>
        </SiteMenu>
        <TextSizeSwitch t={t} size={textSize} />
      </div>
    </header>
  );
}
