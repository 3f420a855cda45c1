import { isAppError } from '../../../../server/errors';
import { getRuntime } from '../../../../server/runtime';
import { meetingContext } from '../../../../server/meeting/context';
import { meetingUrl } from '../../../../server/sharing/meeting-share';
import { qrSvg } from '../../../../server/sharing/qr';
import { isId } from '../../../../server/web/action-guard';
import { publicOrigin } from '../../../../server/web/origin';
import { getCurrent } from '../../../../server/web/session';

/**
 * A QR code (SVG) of the meeting's page, for those who may see the meeting:
 * the meeting page shows it as an image only when "QR code" is opened, so
 * its JavaScript carries no QR library.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ meetingId: string }> },
): Promise<Response> {
  const current = await getCurrent();
  if (!current) return new Response(null, { status: 401 });
  const { meetingId } = await params;
  if (!isId(meetingId)) return new Response(null, { status: 404 });
  try {
    const { meeting } = await meetingContext(getRuntime().services, meetingId, current.user);
    const svg = await qrSvg(meetingUrl(await publicOrigin(), meeting.id));
    return new Response(svg, {
      headers: {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=3600',
      },
    });
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 403))
      return new Response(null, { status: error.status });
    throw error;
  }
}
