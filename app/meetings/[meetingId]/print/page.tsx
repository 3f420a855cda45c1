import '@fontsource/tinos/400.css';
import '@fontsource/tinos/400-italic.css';
import '@fontsource/tinos/700.css';
import '@fontsource/tinos/700-italic.css';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MinutesPrint } from '../../../../components/minutes-print';
import { DOCUMENT_PARAM, exportDocumentOf, printPath } from '../../../../lib/export';
import { isAppError } from '../../../../server/errors';
import { getI18n } from '../../../../server/i18n';
import { getRuntime } from '../../../../server/runtime';
import { isId } from '../../../../server/web/action-guard';
import { publicOrigin } from '../../../../server/web/origin';
import { requestAddress } from '../../../../server/web/request-address';
import { requireCurrent } from '../../../../server/web/session';

type Params = Promise<{ meetingId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The document the address names: `?document=resolution`, else the minutes; null for anything else. */
async function documentOf(searchParams: SearchParams) {
  const value = (await searchParams)[DOCUMENT_PARAM];
  return exportDocumentOf(value === undefined ? [] : Array.isArray(value) ? value : [value]);
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const { t } = await getI18n();
  const document = await documentOf(searchParams);
  return {
    title:
      document === 'resolution'
        ? t('export.resolution.print', { title: t('export.resolution.title') })
        : t('export.print'),
  };
}

/**
 * The minutes laid out as the formal document, for the browser's own print
 * (A4, the party-document margins, page numbers from page 2), or with
 * `?document=resolution` the resolution drawn from them. Who may see it is
 * who may export the minutes: secret minutes only the cell's managers.
 */
export default async function PrintPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { meetingId } = await params;
  const kind = await documentOf(searchParams);
  const { user } = await requireCurrent(printPath(meetingId, kind ?? 'minutes'));
  if (!isId(meetingId) || !kind) notFound();
  let document;
  try {
    document = await getRuntime().meetings.exports.documentFor(
      user,
      meetingId,
      'print',
      { address: await requestAddress(), origin: await publicOrigin() },
      kind,
    );
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
