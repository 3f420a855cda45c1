import type { Translate } from '../../lib/i18n';
import type { SharePayload } from '../../lib/share';
import { ShareButtons } from '../share-buttons';
import { SendNoticeButton } from './send-notice-button';
import type { FormState } from '../../lib/form-state';

/**
 * Thông báo họp: the notice as members pass it on (the share sheet, a copy
 * for Zalo, an SMS, a QR code of the meeting's page), its calendar entry,
 * and for the cell's managers, when this installation sends mail, the notice
 * sent to every member by email.
 */
export function MeetingNotice({
  t,
  meetingId,
  payload,
  sendAction,
}: {
  t: Translate;
  meetingId: string;
  payload: SharePayload;
  sendAction?: (prev: FormState, formData: FormData) => Promise<FormState>;
}) {
  return (
    <section className="card meeting-notice no-print" aria-labelledby="notice-heading" data-testid="meeting-notice">
      <h2 id="notice-heading">{t('notice.title')}</h2>
      <p data-testid="notice-text">{payload.text}</p>
      <p>
        <a
          href={`/meetings/${meetingId}/calendar.ics`}
          download
          className="button button--secondary"
          data-testid="calendar-link"
        >
          {t('notice.addToCalendar')}
        </a>
      </p>
      <ShareButtons payload={payload} qrSrc={`/meetings/${meetingId}/qr.svg`} testId="notice-share" />
      {sendAction && <SendNoticeButton action={sendAction} />}
    </section>
  );
}
