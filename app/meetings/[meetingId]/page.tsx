import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MinutesEditorLoader } from '../../../components/minutes-editor-loader';
import { ServiceWorkerRegistrar } from '../../../components/service-worker-registrar';
import { COLLAB_PATH } from '../../../lib/collab/messages';
import { formatStartsAt } from '../../../lib/format';
import { documentAccess } from '../../../server/auth/policy';
import { getI18n } from '../../../server/i18n';
import { getRuntime } from '../../../server/runtime';
import { isId } from '../../../server/web/action-guard';
import { getCurrent, requireCurrent } from '../../../server/web/session';

type Params = Promise<{ meetingId: string }>;

/** The meeting and the user's access to its minutes; null when they may not see it. */
async function visibleMeeting(meetingId: string) {
  const current = await getCurrent();
  if (!current || !isId(meetingId)) return null;
  const meeting = await getRuntime().services.meetings.getMeeting(meetingId);
  if (!meeting) return null;
  const access = documentAccess(current.subject, { cellId: meeting.cell_id, state: meeting.state });
  return access === 'none' ? null : { meeting, access, user: current.user };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { t } = await getI18n();
  const found = await visibleMeeting((await params).meetingId);
  return { title: found?.meeting.title ?? t('notFound.title') };
}

export default async function MeetingPage({ params }: { params: Params }) {
  const { t, locale } = await getI18n();
  const { meetingId } = await params;
  await requireCurrent(`/meetings/${meetingId}`);
  // No access looks the same as no meeting: the id of a secret meeting reveals nothing.
  const found = await visibleMeeting(meetingId);
  if (!found) notFound();
  const { meeting, access, user } = found;
  const cell = await getRuntime().services.organisations.getCell(meeting.cell_id);

  return (
    <>
      {cell && (
        <p className="breadcrumb no-print">
          <Link href={`/cells/${cell.id}`}>{cell.name}</Link>
        </p>
      )}
      <h1 data-testid="meeting-title">{meeting.title || t(`meetingKind.${meeting.kind}`)}</h1>
      <dl className="facts no-print" data-testid="meeting-facts">
        <dt>{t('fields.meetingKind')}</dt>
        <dd>{t(`meetingKind.${meeting.kind}`)}</dd>
        <dt>{t('fields.startsAt')}</dt>
        <dd>{formatStartsAt(meeting.starts_at, locale)}</dd>
        <dt>{t('fields.place')}</dt>
        <dd>{meeting.place}</dd>
        <dt>{t('fields.meetingState')}</dt>
        <dd data-testid="meeting-state">{t(`meetingState.${meeting.state}`)}</dd>
      </dl>
      <MinutesEditorLoader meetingId={meeting.id} access={access} user={{ id: user.id, name: user.name }} wsPath={COLLAB_PATH} />
      <ServiceWorkerRegistrar />
    </>
  );
}
