import { formatStartsAt } from './format';
import type { Locale, Translate } from './i18n';

/** What a meeting's notice says: its name, when (as stored, the organisation's wall time) and where. */
export interface MeetingNoticeFacts {
  /** The meeting's title, or its kind's name when it has none. */
  title: string;
  /** Local date-time in the organisation's time zone ("2026-12-05T19:30"), as the secretary typed it. */
  startsAt: string;
  place: string;
}

/** What the phone's share sheet (or a message) carries: a title, a sentence or two, and the link. */
export interface SharePayload {
  title: string;
  text: string;
  url: string;
}

/**
 * The notice of a meeting as a member reads it in Zalo or an SMS:
 * "Kính mời đồng chí dự Sinh hoạt thường kỳ tháng 12 vào Thứ Bảy,
 * 05/12/2026 lúc 19:30 tại Nhà văn hóa khu phố 3." The time is the
 * organisation's wall time, which is how meetings are stored.
 */
export function meetingSharePayload(
  t: Translate,
  locale: Locale,
  meeting: MeetingNoticeFacts,
  url: string,
): SharePayload {
  return {
    title: meeting.title,
    text: t('share.meetingText', {
      title: meeting.title,
      time: formatStartsAt(meeting.startsAt, locale),
      place: meeting.place,
    }),
    url,
  };
}

/** A password link as a message to the member it is for: an invite, or a new password link. */
export function linkSharePayload(
  t: Translate,
  link: { purpose: 'invite' | 'reset'; name: string; url: string },
): SharePayload {
  return {
    title: t(link.purpose === 'reset' ? 'share.resetTitle' : 'share.inviteTitle'),
    text: t(link.purpose === 'reset' ? 'share.resetText' : 'share.inviteText', { name: link.name }),
    url: link.url,
  };
}

/** The text and the link in one message, for the clipboard and SMS. */
export function shareMessage(payload: SharePayload): string {
  return `${payload.text}\n${payload.url}`;
}

/**
 * An `sms:` link that opens the phone's messages app with the text filled
 * in. `?body=` is what Android and iOS 8+ both read.
 */
export function smsHref(payload: SharePayload): string {
  return `sms:?body=${encodeURIComponent(shareMessage(payload))}`;
}
