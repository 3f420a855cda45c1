import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '../../components/signin-form';
import { safeCallbackUrl } from '../../lib/safe-redirect';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';
import { getCurrent } from '../../server/web/session';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('signin.title') };
}

/** Notices the sign-in page can show, chosen by the page that sent the user here. */
const NOTICES = {
  expired: { key: 'signin.expired', tone: 'warning' },
  setup: { key: 'signin.setupDone', tone: 'success' },
  invited: { key: 'signin.passwordSet', tone: 'success' },
  signedOut: { key: 'signin.signedOut', tone: 'info' },
} as const;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { t } = await getI18n();
  const query = await searchParams;
  const callbackUrl = safeCallbackUrl(query.callbackUrl);
  if (!(await getRuntime().services.organisations.isSetupComplete())) redirect('/setup');
  // Someone already signed in has nothing to do here, unless their session just ended.
  if (query.reason !== 'expired' && (await getCurrent())) redirect(callbackUrl);

  const noticeName =
    typeof query.reason === 'string' ? query.reason : typeof query.notice === 'string' ? query.notice : '';
  const notice = noticeName in NOTICES ? NOTICES[noticeName as keyof typeof NOTICES] : undefined;
  return (
    <section className="page-narrow">
      <h1>{t('signin.title')}</h1>
      {notice && (
        <div className={`notice notice--${notice.tone}`} role="status" data-testid={`signin-notice-${noticeName}`}>
          <p>{t(notice.key)}</p>
        </div>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      <p className="muted" data-testid="signin-forgot">
        {t('signin.forgot')}
      </p>
    </section>
  );
}
