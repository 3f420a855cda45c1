import type { Locale, Translate } from '../../lib/i18n';
import { AgendaEditorLoader } from './agenda-editor-loader';
import { AttachmentList, type AttachmentItem } from './attachment-list';
import type { InviteeCandidate } from './invitee-list';
import { WhenTabShown } from './meeting-tabs';
import { MeetingViews, type MeetingViewItem } from './meeting-views';
import type { Checklist } from './preparation-checklist';
import { AttachmentUploadForm, InviteeList, PreparationChecklist } from './preparation-controls-loader';

/**
 * Chuẩn bị: the checklist, the agenda (co-edited in the meeting's live
 * document), the documents and who has opened the meeting so far. The parts
 * that run in the browser wait until the section is on screen (WhenTabShown):
 * once the meeting has started, a member's phone shows another tab first.
 */
export function PreparationSection({
  t,
  locale,
  timeZone,
  meetingId,
  checklist,
  attachments,
  views,
  canManage,
  canUpload,
  invitees,
}: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  meetingId: string;
  checklist: Checklist;
  attachments: readonly AttachmentItem[];
  views: readonly MeetingViewItem[];
  canManage: boolean;
  canUpload: boolean;
  /** Committee meetings: the cell's members outside the committee, and whether each is invited. */
  invitees: readonly InviteeCandidate[] | null;
}) {
  return (
    <section className="card preparation" aria-labelledby="preparation-heading" data-testid="preparation">
      <h2 id="preparation-heading">{t('preparation.title')}</h2>
      <WhenTabShown>
        <PreparationChecklist meetingId={meetingId} checklist={checklist} canToggle={canManage} />
      </WhenTabShown>
      {invitees && (
        <>
          <h3>{t('invitees.title')}</h3>
          <WhenTabShown>
            <InviteeList meetingId={meetingId} candidates={invitees} canInvite={canManage} />
          </WhenTabShown>
        </>
      )}
      <h3>{t('preparation.agenda')}</h3>
      <p className="muted">{t('preparation.agendaHint')}</p>
      <WhenTabShown>
        <AgendaEditorLoader />
      </WhenTabShown>
      <h3>{t('attachments.title')}</h3>
      <AttachmentList t={t} locale={locale} timeZone={timeZone} items={attachments} />
      {canUpload && (
        <WhenTabShown>
          <AttachmentUploadForm meetingId={meetingId} />
        </WhenTabShown>
      )}
      <h3>{t('views.title')}</h3>
      <MeetingViews t={t} locale={locale} timeZone={timeZone} views={views} />
    </section>
  );
}
