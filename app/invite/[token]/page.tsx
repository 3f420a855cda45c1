import type { Metadata } from 'next';
import Link from 'next/link';
import { InviteForm } from '../../../components/invite-form';
import { linkPurpose } from '../../../lib/password-links';
import { inviteRedeemSchema } from '../../../lib/schemas';
import { isAppError } from '../../../server/errors';
import { getI18n } from '../../../server/i18n';
import { getRuntime } from '../../../server/runtime';
import type { SessionUser } from '../../../server/services/accounts';
import { redeemInviteAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('invite.title') };
}

/** The invitee for a usable token; null for a malformed, unknown, spent or expired one. */
async function invitee(token: string): Promise<SessionUser | null> {
  if (!inviteRedeemSchema.shape.token.safeParse(token).success) return null;
  try {
    return await getRuntime().services.accounts.inspectInvite(token);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { t } = await getI18n();
  const { token } = await params;
  const user = await invitee(token);
  if (!user) {
    return (
      <section className="page-narrow">
        <h1>{t('invite.title')}</h1>
        <div className="notice notice--error" role="alert" data-testid="invite-invalid">
          <p>{t('errors.invite_invalid')}</p>
          <p>{t('invite.askAgain')}</p>
        </div>
        <p>
          <Link href="/signin">{t('invite.goToSignIn')}</Link>
        </p>
      </section>
    );
  }
  // A link for an account that has a password replaces it: say so, not "welcome".
  const reset = linkPurpose(user) === 'reset';
  return (
    <section className="page-narrow">
      <h1 data-testid="invite-heading">{reset ? t('invite.resetTitle') : t('invite.title')}</h1>
      <p data-testid="invite-for">
        {reset
          ? t('invite.resetFor', { name: user.name, login: user.signInName })
          : t('invite.for', { name: user.name, login: user.signInName })}
      </p>
      <p>{reset ? t('invite.resetIntro') : t('invite.intro')}</p>
      <InviteForm
        action={redeemInviteAction.bind(null, token)}
        login={user.signInName}
        submitLabel={reset ? t('invite.resetSubmit') : t('invite.submit')}
      />
    </section>
  );
}
