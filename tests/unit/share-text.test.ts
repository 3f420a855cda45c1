import { describe, expect, it } from 'vitest';
import { translator } from '../../lib/i18n';
import { messagesFor } from '../../lib/messages';
import { linkSharePayload, meetingSharePayload, shareMessage, smsHref } from '../../lib/share';

const vi = translator(messagesFor('vi'));
const en = translator(messagesFor('en'));
const meeting = {
  title: 'Sinh hoạt chi bộ thường kỳ tháng 12',
  startsAt: '2026-12-05T19:30',
  place: 'Nhà văn hóa khu phố 3',
};
const url = 'https://bienban.example.vn/meetings/3f0c';

describe('what a member shares to Zalo or by SMS', () => {
  it('invites the đồng chí to the meeting with its day, hour and place as the secretary set them', () => {
    const payload = meetingSharePayload(vi, 'vi', meeting, url);
    expect(payload.title).toBe(meeting.title);
    expect(payload.text).toBe(
      'Kính mời đồng chí dự Sinh hoạt chi bộ thường kỳ tháng 12 vào 19:30 Thứ Bảy, 05/12/2026 tại Nhà văn hóa khu phố 3.',
    );
    expect(payload.url).toBe(url);
  });

  it('says the same in English for an English reader', () => {
    expect(meetingSharePayload(en, 'en', meeting, url).text).toMatch(
      /^You are invited to .* at Nhà văn hóa khu phố 3\.$/,
    );
    expect(meetingSharePayload(en, 'en', meeting, url).text).toContain('19:30');
  });

  it('tells an invite from a new password link', () => {
    const invite = linkSharePayload(vi, { purpose: 'invite', name: 'Nguyễn Văn An', url: 'https://x/invite/abc' });
    const reset = linkSharePayload(vi, { purpose: 'reset', name: 'Nguyễn Văn An', url: 'https://x/invite/abc' });
    expect(invite.text).toContain('Đồng chí Nguyễn Văn An');
    expect(invite.text).toContain('đặt mật khẩu');
    expect(reset.text).toContain('mật khẩu mới');
    expect(invite.title).not.toBe(reset.title);
  });

  it('puts the text and the link in one message for the clipboard, and in an sms: link', () => {
    const payload = meetingSharePayload(vi, 'vi', meeting, url);
    expect(shareMessage(payload)).toBe(`${payload.text}\n${url}`);
    const href = smsHref(payload);
    expect(href.startsWith('sms:?body=')).toBe(true);
    expect(decodeURIComponent(href.slice('sms:?body='.length))).toBe(shareMessage(payload));
  });
});
