import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../lib/i18n';
import { messagesFor } from '../../lib/messages';
import { createMailer } from '../../server/mail/mailer';
import { calendarUid } from '../../server/sharing/calendar';
import { meetingCalendarFor } from '../../server/sharing/meeting-share';
import { remindersFor } from '../../server/sharing/reminders';
import type { SessionUser } from '../../server/services/accounts';
import { insertTask, seedCell, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { makeDataDir, removeDataDir } from '../helpers/server';
import { describeEachDatabase } from '../helpers/temp-database';

const ORIGIN = 'http://bienban.test';
const t = translator(messagesFor('vi'));

/** The installation of seedCell, started in this process with `env`; a committee meeting, a document and a task added. */
async function start(env: Record<string, string>) {
  const dataDir = makeDataDir();
  const fixture = await seedCell(dataDir);
  const { services } = fixture;
  const committee = await services.meetings.createMeeting(
    fixture.cellId,
    { kind: 'committee', startsAt: '2026-12-01T19:30', place: 'Nhà đồng chí Bí thư' },
    fixture.secretary.id,
  );
  const newbie = await services.organisations.addMember(fixture.cellId, {
    name: 'Mới Vào',
    email: 'moi@test.vn',
    role: 'member',
    status: 'full',
  });
  await services.db
    .insertInto('attachments')
    .values({
      id: randomUUID(),
      meeting_id: fixture.meetingId,
      name: 'nghi-quyet-thang-11.pdf',
      mime: 'application/pdf',
      size: 2,
      sha256: '',
      data: new Uint8Array([37, 80]),
      uploaded_by: fixture.secretary.id,
      created_at: new Date().toISOString(),
    })
    .execute();
  const taskId = await insertTask(services.db, {
    meetingId: fixture.meetingId,
    cellId: fixture.cellId,
    body: 'Thu đảng phí quý IV',
    assigneeId: fixture.member.id,
  });
  await services.db.updateTable('tasks').set({ due_date: '2026-12-03' }).where('id', '=', taskId).execute();
  await fixture.handle.close();
  const server = await startInProcess(dataDir, env);
  return { dataDir, fixture, server, committeeId: committee.id, newbieId: newbie.userId };
}

describe('meeting notices and password links, with the outbox (MAIL_OUTBOX=on)', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let committeeId: string;
  let newbieId: string;

  beforeAll(async () => {
    ({ dataDir, fixture, server, committeeId, newbieId } = await start({ MAIL_OUTBOX: 'on' }));
  });

  afterAll(async () => {
    await server?.app.close();
    removeDataDir(dataDir);
  });

  const runtime = () => server.app.runtime;
  const followUp = () => runtime().meetings.followUp;
  const outbox = () => runtime().services.mail.list();
  const calendarFor = (user: SessionUser, meetingId: string) =>
    meetingCalendarFor(runtime().services, { t, timeZone: runtime().timeZone, origin: ORIGIN }, user, meetingId);

  it('gives a member the meeting as a calendar entry in the organisation’s time zone', async () => {
    const file = await calendarFor(fixture.member, fixture.meetingId);
    const text = file.content.replace(/\r\n[ \t]/g, '');
    expect(text).toContain(`UID:${calendarUid(fixture.meetingId)}`);
    expect(text).toContain('DTSTART:20261205T123000Z');
    expect(text).toContain('LOCATION:Nhà văn hóa khu phố 1');
    expect(text).toContain(`URL:${ORIGIN}/meetings/${fixture.meetingId}`);
    expect(file.name).toBe('hop-chi-bo-2026-12-05.ics');
  });

  it('answers a stranger, and a member outside the committee, as if the meeting did not exist', async () => {
    await expect(calendarFor(fixture.stranger, fixture.meetingId)).rejects.toMatchObject({ status: 404 });
    await expect(calendarFor(fixture.member, committeeId)).rejects.toMatchObject({ status: 404 });
    await expect(calendarFor(fixture.secretary, committeeId)).resolves.toBeTruthy();
  });

  it('puts the notice for every member who may see the meeting into the outbox, with its calendar entry', async () => {
    const before = (await outbox()).length;
    const result = await followUp().sendMeetingNotice(fixture.secretary, {
      meetingId: fixture.meetingId,
      origin: ORIGIN,
    });
    // The secretary, the member, the exempted member (who reads it) and the new member who has no password yet.
    expect(result).toEqual({ count: 4, transport: 'outbox' });
    const kept = (await outbox()).slice(0, (await outbox()).length - before);
    expect(kept.map((m) => m.toAddress).sort()).toEqual(['an@test.vn', 'binh@test.vn', 'cuong@test.vn', 'moi@test.vn']);
    const toMember = kept.find((m) => m.toAddress === 'binh@test.vn')!;
    expect(toMember).toMatchObject({ kind: 'meeting_notice', status: 'kept', transport: 'outbox' });
    expect(toMember.subject).toContain('Sinh hoạt');
    expect(toMember.body).toContain('Kính gửi đồng chí Trần Thị Bình');
    expect(toMember.body).toContain('Nhà văn hóa khu phố 1');
    expect(toMember.body).toContain(`${ORIGIN}/meetings/${fixture.meetingId}/calendar.ics`);
    expect(toMember.calendar).toContain(`UID:${calendarUid(fixture.meetingId)}`);
    const audit = await runtime().services.audit.list({ cells: [fixture.cellId], action: 'mail.notice_sent' });
    expect(audit[0]).toMatchObject({ actorId: fixture.secretary.id, meetingId: fixture.meetingId });
    expect(audit[0]!.details).toMatchObject({ recipients: 4, transport: 'outbox' });
  });

  it('sends a committee meeting’s notice to the committee only', async () => {
    const result = await followUp().sendMeetingNotice(fixture.secretary, { meetingId: committeeId, origin: ORIGIN });
    expect(result.count).toBe(1);
    expect((await outbox())[0]!.toAddress).toBe('an@test.vn');
  });

  it('refuses a plain member, and answers a stranger with not found, sending nothing', async () => {
    const before = (await outbox()).length;
    await expect(
      followUp().sendMeetingNotice(fixture.member, { meetingId: fixture.meetingId, origin: ORIGIN }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      followUp().sendMeetingNotice(fixture.stranger, { meetingId: fixture.meetingId, origin: ORIGIN }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await outbox()).length).toBe(before);
  });

  it('refuses an origin that is not an origin', async () => {
    await expect(
      followUp().sendMeetingNotice(fixture.secretary, {
        meetingId: fixture.meetingId,
        origin: 'javascript:alert(1)',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('mails an invite that works to the new member, and never returns the link to the secretary', async () => {
    const result = await followUp().sendInviteEmail(fixture.secretary, { userId: newbieId, origin: ORIGIN });
    expect(result).toMatchObject({ purpose: 'invite', name: 'Mới Vào', transport: 'outbox' });
    expect(JSON.stringify(result)).not.toContain('/invite/');
    const message = (await outbox())[0]!;
    expect(message).toMatchObject({ kind: 'invite', toAddress: 'moi@test.vn' });
    const token = new RegExp(`${ORIGIN}/invite/([A-Za-z0-9_-]+)`).exec(message.body)?.[1];
    expect(token).toBeTruthy();
    expect((await runtime().services.accounts.inspectInvite(token!)).id).toBe(newbieId);
    const audit = await runtime().services.audit.list({ cells: [fixture.cellId], action: 'auth.invite_created' });
    expect(audit[0]!.details).toMatchObject({ delivery: 'email' });
  });

  it('asks for confirmation before mailing a new password link, and refuses a plain member', async () => {
    await expect(
      followUp().sendInviteEmail(fixture.secretary, { userId: fixture.member.id, origin: ORIGIN }),
    ).rejects.toMatchObject({ code: 'reset_not_confirmed' });
    await expect(
      followUp().sendInviteEmail(fixture.member, { userId: newbieId, origin: ORIGIN }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const result = await followUp().sendInviteEmail(fixture.secretary, {
      userId: fixture.member.id,
      reset: true,
      origin: ORIGIN,
    });
    expect(result.purpose).toBe('reset');
    expect((await outbox())[0]).toMatchObject({ kind: 'reset_link', toAddress: 'binh@test.vn' });
  });

  it('refuses to mail a link to a member known by phone only, with the reason', async () => {
    const row = await runtime().services.organisations.addMember(fixture.cellId, {
      name: 'Chỉ Có Số',
      email: 'chi-co-so@test.vn',
      role: 'member',
      status: 'full',
    });
    // As the member import leaves a member with a phone and no email.
    await runtime()
      .services.db.updateTable('users')
      .set({ email: null, phone: '0912345678' })
      .where('id', '=', row.userId)
      .execute();
    await expect(
      followUp().sendInviteEmail(fixture.secretary, { userId: row.userId, origin: ORIGIN }),
    ).rejects.toMatchObject({ code: 'mail_no_address' });
    // The link itself, to send by Zalo, SMS or a QR code: they sign in with the phone.
    const invite = await followUp().createInvite(fixture.secretary, { userId: row.userId });
    expect(invite.purpose).toBe('invite');
    expect(await runtime().services.accounts.inspectInvite(invite.token)).toMatchObject({
      id: row.userId,
      signInName: '0912345678',
    });
  });

  it('reminds a member of the next meeting, its documents and their task coming due', async () => {
    const reminders = await remindersFor(
      runtime().services,
      runtime().meetings.records,
      runtime().timeZone,
      fixture.member,
      new Date('2026-11-30T03:00:00Z'),
    );
    expect(reminders.meeting).toMatchObject({ id: fixture.meetingId, place: 'Nhà văn hóa khu phố 1' });
    expect(reminders.documents.map((d) => d.name)).toEqual(['nghi-quyet-thang-11.pdf']);
    expect(reminders.tasks.map((task) => [task.body, task.overdue])).toEqual([['Thu đảng phí quý IV', false]]);
    // The committee's own meeting, sooner, is the secretary's next one, and not the member's.
    const secretary = await remindersFor(
      runtime().services,
      runtime().meetings.records,
      runtime().timeZone,
      fixture.secretary,
      new Date('2026-11-30T03:00:00Z'),
    );
    expect(secretary.meeting?.id).toBe(committeeId);
    expect(secretary.tasks).toEqual([]);
    const late = await remindersFor(
      runtime().services,
      runtime().meetings.records,
      runtime().timeZone,
      fixture.member,
      new Date('2026-12-04T03:00:00Z'),
    );
    expect(late.tasks[0]?.overdue).toBe(true);
  });
});

describe('without a mail server or an outbox', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;

  beforeAll(async () => {
    ({ dataDir, fixture, server } = await start({}));
  });

  afterAll(async () => {
    await server?.app.close();
    removeDataDir(dataDir);
  });

  it('refuses to send, saying mail is not configured, and records nothing', async () => {
    expect(server.app.runtime.services.mail.transport).toBe('off');
    await expect(
      server.app.runtime.meetings.followUp.sendMeetingNotice(fixture.secretary, {
        meetingId: fixture.meetingId,
        origin: ORIGIN,
      }),
    ).rejects.toMatchObject({ code: 'mail_not_configured' });
    expect(await server.app.runtime.services.mail.list()).toEqual([]);
  });
});

describe('through an SMTP server that does not answer', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;

  beforeAll(async () => {
    // Nothing listens on port 1: the connection is refused at once.
    ({ dataDir, fixture, server } = await start({
      SMTP_URL: 'smtp://bienban:secret@127.0.0.1:1',
      MAIL_FROM: 'Chi bộ <bienban@test.vn>',
    }));
  });

  afterAll(async () => {
    await server?.app.close();
    removeDataDir(dataDir);
  });

  it('answers at once, then records each message as failed with the reason, keeping no text', async () => {
    const started = Date.now();
    const result = await server.app.runtime.meetings.followUp.sendMeetingNotice(fixture.secretary, {
      meetingId: fixture.meetingId,
      origin: ORIGIN,
    });
    expect(result).toEqual({ count: 4, transport: 'smtp' });
    expect(Date.now() - started).toBeLessThan(5_000);
    await server.app.runtime.services.mail.settled();
    const rows = await server.app.runtime.services.mail.list();
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ transport: 'smtp', status: 'failed', body: '', calendar: null });
      expect(row.error).toBeTruthy();
      expect(row.error).not.toContain('secret');
    }
  });
});

describeEachDatabase('the mail table', (db) => {
  it('keeps outbox messages whole and lists them newest first', async () => {
    const mailer = createMailer(db().handle.db, { transport: 'outbox', from: 'bienban@test.vn' });
    const message = (to: string) => ({
      kind: 'meeting_notice' as const,
      to: { address: to, name: 'Đồng chí' },
      subject: 'Thông báo',
      text: 'Kính gửi đồng chí…',
      calendar: { filename: 'a.ics', content: 'BEGIN:VCALENDAR' },
      cellId: null,
      meetingId: null,
      sentBy: null,
    });
    expect(await mailer.send([message('a@test.vn'), message('b@test.vn')])).toBe(2);
    const rows = await mailer.list();
    expect(rows.map((r) => r.status)).toEqual(['kept', 'kept']);
    expect(rows[0]).toMatchObject({ body: 'Kính gửi đồng chí…', calendar: 'BEGIN:VCALENDAR' });
  });
});
