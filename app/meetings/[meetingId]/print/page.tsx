import '@fontsource/tinos/400.css';
import '@fontsource/tinos/400-italic.css';
import '@fontsource/tinos/700.css';
import '@fontsource/tinos/700-italic.css';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MinutesPrint } from '../../../../components/minutes-print';
import { isAppError } from '../../../../server/errors';
import { getI18n } from '../../../../server/i18n';
import { getRuntime } from '../../../../server/runtime';
import { isId } from '../../../../server/web/action-guard';
import { publicOrigin } from '../../../../server/web/origin';
import { requestAddress } from '../../../../server/web/request-address';
import { requireCurrent } from '../../../../server/web/session';

type Params = Promise<{ meetingId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('export.print') };
}

/**
 * The minutes laid out as the formal document, for the browser's own print
 * (A4, the party-document margins, page numbers from page 2). Who may see it
 * is who may export the minutes: secret minutes only the cell's managers.
 */
export default async function PrintPage({ params }: { params: Params }) {
  const { meetingId } = await params;
  const { user } = await requireCurrent(`/meetings/${meetingId}/print`);
  if (!isId(meetingId)) notFound();
  let document;
  try {
    document = await getRuntime().meetings.exports.documentFor(user, meetingId, 'print', {
      address: await requestAddress(),
      origin: await publicOrigin(),
    });
  } catch (error) {
    // As on the meeting page, a refusal looks like a missing meeting: a secret meeting's id reveals nothing.
    if (isAppError(error) && (error.status === 404 || error.status === 403)) notFound();
    throw error;
  }
  return (
    <div className="print-page">
      <p className="no-print">
        <Link href={`/meetings/${meetingId}`}>{document.meeting.title}</Link>
      </p>
      <MinutesPrint model={document.model} />
    </div>
  );
}
