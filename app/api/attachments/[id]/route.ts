import { isAppError } from '../../../../server/errors';
import { getRuntime } from '../../../../server/runtime';
import { requestAddress } from '../../../../server/web/request-address';
import { getCurrent } from '../../../../server/web/session';

/**
 * Content-Disposition for any file name: an ASCII fallback, and the real
 * (often Vietnamese) name in RFC 5987 form for browsers that read it.
 */
function disposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Downloads a meeting's attachment for anyone who may read the meeting. A
 * missing attachment and one the user may not read answer alike (404). The
 * file is always sent as a download, never shown inline, so an uploaded file
 * cannot run as a page of this site.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const current = await getCurrent();
  if (!current) return new Response(null, { status: 401 });
  const { id } = await params;
  try {
    const file = await getRuntime().meetings.records.readAttachment(current.user, id, await requestAddress());
    return new Response(Buffer.from(file.data), {
      headers: {
        'Content-Type': file.mime,
        'Content-Length': String(file.data.byteLength),
        'Content-Disposition': disposition(file.name),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 403)) return new Response(null, { status: 404 });
    throw error;
  }
}
