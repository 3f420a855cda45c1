import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AmendmentList } from '../../../components/meeting/amendment-list';
import { AttendancePanel } from '../../../components/meeting/attendance-panel';
import { ClosingPanel } from '../../../components/meeting/closing-panel';
import { ExportLinks } from '../../../components/meeting/export-links';
import { CurrentSection } from '../../../components/meeting/current-section';
import { LiveMeetingProvider } from '../../../components/meeting/live-meeting-provider';
import { MeetingNav } from '../../../components/meeting/meeting-nav';
import { MeetingNotice } from '../../../components/meeting/meeting-notice';
import { MeetingTabs, TabPanel } from '../../../components/meeting/meeting-tabs';
import { MeetingTimer } from '../../../components/meeting/meeting-timer';
import { OfflinePartsWarmup } from '../../../components/meeting/offline-parts-warmup';
import { AmendmentForm, GuidanceForm, NotHeldForm } from '../../../components/meeting/occasional-forms-loader';
import { PreparationSection } from '../../../components/meeting/preparation-section';
import { RolesPanel } from '../../../components/meeting/roles-panel';
import { SealedBanner } from '../../../components/meeting/sealed-banner';
import { NotHeldBanner } from '../../../components/meeting/not-held-banner';
import { GuidanceList } from '../../../components/meeting/guidance-list';
import { VersionsCard } from '../../../components/meeting/versions-card';
import { SessionControls } from '../../../components/meeting/session-controls';
import { SpeakerPanel } from '../../../components/meeting/speaker-panel';
import { VotesPanel } from '../../../components/meeting/votes-panel';
import { MinutesEditorLoader } from '../../../components/minutes-editor-loader';
import { ServiceWorkerRegistrar } from '../../../components/service-worker-registrar';
import { COLLAB_PATH } from '../../../lib/collab/messages';
import { formatStartsAt } from '../../../lib/format';
import type { MeetingView } from '../../../lib/meeting-view';
import { CELL_COMMITTEE_ROLES, isSettled } from '../../../lib/domain';
import { canExportMinutes, canSendMeetingNotice, narrowSubject } from '../../../lib/policy';
import { meetingSharePayload } from '../../../lib/share';
import { isAppError } from '../../../server/errors';
import { getI18n } from '../../../server/i18n';
import { log } from '../../../server/log';
import { getRuntime } from '../../../server/runtime';
import type { SessionUser } from '../../../server/services/accounts';
import { isId } from '../../../server/web/action-guard';
import { noticeFacts } from '../../../server/sharing/meeting-share';
import { publicOrigin } from '../../../server/web/origin';
import { requestAddress } from '../../../server/web/request-address';
import { getCurrent, requireCurrent } from '../../../server/web/session';
import { sendMeetingNoticeAction } from './notice-actions';

type Params = Promise<{ meetingId: string }>;

/** The meeting as the signed-in user may see it; null when they may not (shown as not found). */
async function meetingRecordFor(user: SessionUser, meetingId: string) {
  if (!isId(meetingId)) return null;
  try {
    return await getRuntime().meetings.records.meetingRecord(user, meetingId);
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 403)) return null;
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { t } = await getI18n();
  const current = await getCurrent();
  const record = current ? await meetingRecordFor(current.user, (await params).meetingId) : null;
  return { title: record?.meeting.title ?? t('notFound.title') };
}

export default async function MeetingPage({ params }: { params: Params }) {
  const { t, locale, timeZone } = await getI18n();
  const { meetingId } = await params;
  const { user } = await requireCurrent(`/meetings/${meetingId}`);
  // No access looks the same as no meeting: the id of a secret meeting reveals nothing.
  const record = await meetingRecordFor(user, meetingId);
  if (!record) notFound();
  const { meeting, permissions } = record;
  const access = permissions.access === 'edit' ? 'edit' : 'read';
  // A server action on this page renders it again; that is the same visit, not another one.
  if (!(await headers()).has('next-action')) {
    // Who opened the meeting is a record, not a condition of seeing it: a failed write must not hide the page.
    await getRuntime()
      .meetings.records.recordView(user, meeting, 'page', await requestAddress())
      .catch((error: unknown) => log.warn('meeting.view_not_recorded', { meetingId, error: String(error) }));
  }
  const cell = await getRuntime().services.organisations.getCell(meeting.cell_id);

  const view: MeetingView = {
    id: meeting.id,
    kind: meeting.kind,
    state: meeting.state,
    startsAt: meeting.starts_at,
    chairId: meeting.chair_id,
    secretaryId: meeting.secretary_id,
    classification: meeting.classification,
    minimumMinutes: record.minimumMinutes,
    permissions,
    subject: narrowSubject(record.subject, meeting.cell_id),
    resource: record.resource,
    me: { id: user.id, name: user.name },
    members: record.members.map((m) => ({
      userId: m.userId,
      name: m.name,
      role: m.role,
      status: m.status,
      absenceStreak: m.absenceStreak,
    })),
    voteRule: record.rules.vote,
    acknowledgments: record.acknowledgments,
    sealed: record.sealed !== null,
    taskStatuses: record.taskStatuses,
  };
  const scheduled = meeting.state === 'scheduled';
  const mailOn = getRuntime().services.mail.transport !== 'off';
  const notice = scheduled ? (
    <MeetingNotice
      t={t}
      meetingId={meeting.id}
      payload={meetingSharePayload(
        t,
        locale,
        noticeFacts(t, meeting),
        `${await publicOrigin()}/meetings/${meeting.id}`,
      )}
      sendAction={
        mailOn && canSendMeetingNotice(record.subject, record.resource)
          ? sendMeetingNoticeAction.bind(null, meeting.id)
          : undefined
      }
    />
  ) : null;
  const preparation = (
    <PreparationSection
      t={t}
      locale={locale}
      timeZone={timeZone}
      meetingId={meeting.id}
      checklist={record.checklist}
      attachments={record.attachments}
      views={record.views}
      canManage={permissions.manage}
      canUpload={permissions.upload}
      invitees={
        meeting.kind === 'committee'
          ? record.members
              .filter((m) => !CELL_COMMITTEE_ROLES.includes(m.role))
              .map((m) => ({
                userId: m.userId,
                name: m.name,
                invited: record.invitees.some((i) => i.userId === m.userId),
              }))
          : null
      }
    />
  );

  return (
    <div className="meeting-page">
      {cell && (
        <p className="breadcrumb no-print">
          <Link href={`/cells/${cell.id}`}>{cell.name}</Link>
        </p>
      )}
      <h1 data-testid="meeting-title">{meeting.title || t(`meetingKind.${meeting.kind}`)}</h1>
      {/* What, when and where on one line; the rest one tap away, so the meeting itself starts on the first screen. */}
      <p className="meeting-summary no-print" data-testid="meeting-summary">
        <span className="badge" data-testid="meeting-state" data-state={meeting.state}>
          {t(`meetingState.${meeting.state}`)}
        </span>{' '}
        {formatStartsAt(meeting.starts_at, locale)} · {meeting.place}
      </p>
      <details className="meeting-details no-print">
        <summary>{t('meetings.details')}</summary>
        <dl className="facts" data-testid="meeting-facts">
          <dt>{t('fields.meetingKind')}</dt>
          <dd>{t(`meetingKind.${meeting.kind}`)}</dd>
          {meeting.topic && (
            <>
              <dt>{t('fields.topic')}</dt>
              <dd data-testid="meeting-topic">{meeting.topic}</dd>
            </>
          )}
          <dt>{t('fields.startsAt')}</dt>
          <dd>{formatStartsAt(meeting.starts_at, locale)}</dd>
          <dt>{t('fields.place')}</dt>
          <dd>{meeting.place}</dd>
          <dt>{t('fields.classification')}</dt>
          <dd data-testid="meeting-classification" data-classification={meeting.classification}>
            {t(`classification.${meeting.classification}`)}
          </dd>
        </dl>
      </details>
      {meeting.classification === 'secret' && (
        <div className="notice notice--warning" role="note" data-testid="secret-warning">
          <p>{t('classification.secretWarning')}</p>
        </div>
      )}
      {record.sealed && <SealedBanner t={t} locale={locale} timeZone={timeZone} sealed={record.sealed} />}
      {record.notHeld && <NotHeldBanner t={t} locale={locale} timeZone={timeZone} notHeld={record.notHeld} />}

      <MeetingNav t={t} />
      <LiveMeetingProvider view={view} access={access} wsPath={COLLAB_PATH}>
        <OfflinePartsWarmup />
        <MeetingTabs>
          <div className="meeting-bar no-print">
            <MeetingTimer />
            <SessionControls />
          </div>
          {scheduled && (
            <TabPanel tab="preparation">
              {notice}
              {/* Who chairs and who keeps the minutes is settled while preparing. */}
              <RolesPanel />
              {preparation}
              {record.guidanceSinceLast.length > 0 && (
                <section className="card" aria-labelledby="guidance-since-heading" data-testid="guidance-since-last">
                  <h2 id="guidance-since-heading">{t('guidance.sinceLast')}</h2>
                  <GuidanceList
                    t={t}
                    locale={locale}
                    timeZone={timeZone}
                    items={record.guidanceSinceLast}
                    showMeeting
                    testId="guidance-since-list"
                  />
                </section>
              )}
              {permissions.manage && <NotHeldForm meetingId={meeting.id} />}
            </TabPanel>
          )}
          <div className="meeting-layout">
            <div className="meeting-main">
              <TabPanel tab="minutes">
                <h2 id="minutes-heading" className="visually-hidden">
                  {t('minutes.title')}
                </h2>
                <MinutesEditorLoader />
                {canExportMinutes(record.subject, record.resource) && (
                  <ExportLinks
                    t={t}
                    meetingId={meeting.id}
                    approved={meeting.state === 'approved'}
                    secret={meeting.classification === 'secret'}
                    generic={meeting.kind === 'generic'}
                  />
                )}
                {record.versionCount !== null && (
                  <VersionsCard
                    t={t}
                    meetingId={meeting.id}
                    count={record.versionCount}
                    canSave={permissions.record && !isSettled(meeting.state)}
                  />
                )}
                {meeting.state === 'approved' && (
                  <section
                    className="card amendments"
                    aria-labelledby="amendments-heading"
                    data-testid="amendments-section"
                  >
                    <h2 id="amendments-heading">{t('amendments.title')}</h2>
                    <AmendmentList t={t} locale={locale} timeZone={timeZone} items={record.amendments} />
                    {permissions.amend && <AmendmentForm meetingId={meeting.id} />}
                  </section>
                )}
                {meeting.state === 'approved' && (
                  <section
                    className="card guidance no-print"
                    aria-labelledby="guidance-heading"
                    data-testid="guidance-section"
                  >
                    <h2 id="guidance-heading">{t('guidance.title')}</h2>
                    <GuidanceList t={t} locale={locale} timeZone={timeZone} items={record.guidance} />
                    {record.canGiveGuidance && (
                      <GuidanceForm meetingId={meeting.id} sections={record.guidanceSections} />
                    )}
                  </section>
                )}
              </TabPanel>
            </div>
            <aside className="meeting-side no-print" aria-label={t('meetingPanels.label')}>
              <TabPanel tab="now">
                <CurrentSection />
                <SpeakerPanel />
                <VotesPanel />
              </TabPanel>
              <TabPanel tab="attendance">
                {!scheduled && <RolesPanel />}
                <AttendancePanel />
              </TabPanel>
              <TabPanel tab="closing">
                <ClosingPanel />
              </TabPanel>
            </aside>
          </div>
          {!scheduled && <TabPanel tab="preparation">{preparation}</TabPanel>}
        </MeetingTabs>
      </LiveMeetingProvider>
      <ServiceWorkerRegistrar keepOffline={permissions.keepOffline} />
    </div>
  );
}
