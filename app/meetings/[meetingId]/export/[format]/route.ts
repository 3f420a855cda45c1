import { DOCUMENT_PARAM, exportDocumentOf, isExportFormat } from '../../../../../lib/export';
import { isAppError } from '../../../../../server/errors';
import { getRuntime } from '../../../../../server/runtime';
import { isId } from '../../../../../server/web/action-guard';
import { publicOrigin } from '../../../../../server/web/origin';
import { requestAddress } from '../../../../../server/web/request-address';
import { getCurrent } from '../../../../../server/web/session';

/**
 * Downloads a meeting's minutes as DOCX or PDF for anyone the policy lets
 * export them: approved minutes as the sealed record, earlier ones as a
 * draft marked as such. `?document=resolution` gives the resolution drawn
 * from the same record, under the same rule; any other value answers 404. A
 * meeting the user may not know of answers 404 like a missing one; minutes
 * they may read but not export (secret ones, for anyone but the cell's
 * managers) answer 403.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ meetingId: string; format: string }> },
): Promise<Response> {
  const current = await getCurrent();
  if (!current) return new Response(null, { status: 401 });
  const { meetingId, format } = await params;
  const document = exportDocumentOf(new URL(request.url).searchParams.getAll(DOCUMENT_PARAM));
  if (!isId(meetingId) || !isExportFormat(format) || !document) return new Response(null, { status: 404 });
  try {
    const file = await getRuntime().meetings.exports.exportMinutes(
      current.user,
      meetingId,
      format,
      { address: await requestAddress(), origin: await publicOrigin() },
      document,
    );
    return new Response(new Uint8Array(file.data), {
      headers: {
        'Content-Type': file.mime,
        'Content-Length': String(file.data.byteLength),
        'Content-Disposition': `attachment; filename="${file.name}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        'X-Minutes-Status': file.status,
      },
    });
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 403))
      return new Response(null, { status: error.status });
    // A sealed record that no longer hashes to its seal is not handed out as the record; the code says why.
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
}
