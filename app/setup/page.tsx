import type { Metadata } from 'next';
import Link from 'next/link';
import { SetupForm } from '../../components/setup-form';
import { getI18n } from '../../server/i18n';
import { getRuntime } from '../../server/runtime';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('setup.title') };
}

/** First run of an empty installation; closed for good once it has been completed. */
export default async function SetupPage() {
  const { t } = await getI18n();
  const complete = await getRuntime().services.organisations.isSetupComplete();
  if (complete) {
    return (
      <section className="page-narrow">
        <h1>{t('setup.title')}</h1>
        <div className="notice" data-testid="setup-closed">
          <p>{t('setup.closed')}</p>
        </div>
        <p>
          <Link href="/signin" className="button">
            {t('setup.goToSignIn')}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <SetupForm />
    </section>
  );
}
