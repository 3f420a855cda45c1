import './fonts.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { EarlyInputScript } from '../components/early-input-script';
import { I18nProvider } from '../components/i18n-provider';
import { SiteHeader } from '../components/site-header';
import { TextSizeCookie } from '../components/text-size-cookie';
import { auditCells } from '../lib/policy';
import { TEXT_SIZE_COOKIE, textSizeFor } from '../lib/text-size';
import { getI18n } from '../server/i18n';
import { getRuntime } from '../server/runtime';
import { cspNonce } from '../server/web/csp-nonce';
import { getCurrent } from '../server/web/session';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: { default: t('app.name'), template: `%s · ${t('app.name')}` }, description: t('app.tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#8f1d1d' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The locale comes first: reading its cookie keeps every route dynamic, so
  // nothing below runs at build time, when there is no database.
  const i18n = await getI18n();
  const current = await getCurrent();
  const cells = current ? await getRuntime().services.organisations.cellsFor(current.subject) : [];
  // Drawn at the chosen size from the first paint: the account's choice, or the cookie's when signed out.
  const textSize = textSizeFor(current?.user ?? null, (await cookies()).get(TEXT_SIZE_COOKIE)?.value);
  return (
    <html lang={i18n.locale} data-text-size={textSize}>
      <body>
        <EarlyInputScript nonce={await cspNonce()} />
        <I18nProvider locale={i18n.locale} messages={i18n.messages} timeZone={i18n.timeZone}>
          <a className="skip-link" href="#main">
            {i18n.t('app.skipToContent')}
          </a>
          <SiteHeader
            t={i18n.t}
            locale={i18n.locale}
            user={current ? { name: current.user.name } : null}
            cells={cells.map((c) => ({ id: c.id, name: c.name }))}
            audit={current !== null && auditCells(current.subject)?.length !== 0}
            textSize={textSize}
          />
          <main id="main" className="page">
            {children}
          </main>
          {current && <TextSizeCookie size={textSize} />}
        </I18nProvider>
      </body>
    </html>
  );
}
