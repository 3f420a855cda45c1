import { isAppError } from '../../../../server/errors';
import { getI18n } from '../../../../server/i18n';
import { getRuntime } from '../../../../server/runtime';
import { meetingCalendarFor } from '../../../../server/sharing/meeting-share';
import { isId } from '../../../../server/web/action-guard';
import { publicOrigin } from '../../../../server/web/origin';
import { getCurrent } from '../../../../server/web/session';

/**
 * The meeting as a calendar entry (.ics) for whoever the policy lets see it:
 * signed out 401, a meeting the user may not know of 404 like a missing one.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ meetingId: string }> },
): Promise<Response> {
  const current = await getCurrent();
  if (!current) return new Response(null, { status: 401 });
  const { meetingId } = await params;
  if (!isId(meetingId)) return new Response(null, { status: 404 });
  const { t, timeZone } = await getI18n();
  try {
    const file = await meetingCalendarFor(
      getRuntime().services,
      { t, timeZone, origin: await publicOrigin() },
      current.user,
      meetingId,
    );
    return new Response(file.content, {
      headers: {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file.name}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    if (isAppError(error) && (error.status === 404 || error.status === 403))
      return new Response(null, { status: error.status });
    throw error;
  }
}
