import type { Metadata } from 'next';
import { VerifyForm } from '../../components/verify-form';
import { getI18n } from '../../server/i18n';
import { requireCurrent } from '../../server/web/session';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('verify.title') };
}

/** Checks a copy of approved minutes against the sealed record: the address printed on every approved export. */
export default async function VerifyPage() {
  const { t } = await getI18n();
  await requireCurrent('/verify');
  return (
    <section className="page-narrow">
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <VerifyForm />
    </section>
  );
}
