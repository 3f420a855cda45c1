import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_ACCESS, MESSAGE_SYNC } from '../../lib/collab/messages';
import * as Y from 'yjs';
import { openServices } from '../../server/bootstrap';
import { contentHash, meetingContent } from '../../server/meeting/content';
import type { DbHandle } from '../../server/db/connection';
import { OPERATIONS } from '../../server/operations';
import type { SessionUser } from '../../server/services/accounts';
import { callAction, serverActions } from '../helpers/actions';
import { addMemberWithPassword, insertTask, TEST_PASSWORD } from '../helpers/fixtures';
import {
  authSecretOf,
  makeDataDir,
  PROJECT_ROOT,
  removeDataDir,
  startServer,
  type RunningServer,
} from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { storedDoc } from '../helpers/stored';

/**
 * Every door of the product against every kind of person: each server
 * action (each operation of the one operation action by name), each page,
 * each route handler and the /collab upgrade, called over HTTP the way a
 * browser or a forged request calls it. The expected outcome of every cell is
 * written in the table below; an action, page or route handler the table
 * does not list fails the test.
 *
 * Outcomes: A allowed (the policy let it through: it ran, or the meeting's
 * state refused it), D denied (signed out, not found, forbidden); for the
 * websocket E edit, R read-only, D refused.
 */

const SUBJECTS = [
  'out',
  'other',
  'exempted',
  'probationary',
  'member',
  'taker',
  'chair',
  'secretary',
  'overseer',
  'admin',
  'revoked',
] as const;
type SubjectKey = (typeof SUBJECTS)[number];
type Outcome = 'A' | 'D' | 'E' | 'R';

/** Refusal codes that mean "the policy said no" (as opposed to "not now" from the meeting's state). */
const DENIED = new Set([
  'forbidden',
  'signed_out',
  'not_found',
  'meeting_not_found',
  'task_not_found',
  'setup_closed',
  'invite_invalid',
]);

interface World {
  server: RunningServer;
  cookies: Record<SubjectKey, string | null>;
  cellId: string;
  otherCellId: string;
  meetings: Record<'open' | 'scheduled' | 'closed' | 'approved' | 'committee' | 'secret', string>;
  users: Record<SubjectKey | 'guest' | 'newbie' | 'overseer2', SessionUser | null>;
  attachments: { approved: string; secret: string };
  taskId: string;
}

const idle = { status: 'idle', errors: {}, values: {} };
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

/** An action's result: denied when it names a refusal of the policy, allowed otherwise. */
function outcomeOf(result: unknown, redirect: string | null): Outcome {
  if (redirect) return redirect.startsWith('/signin') ? 'D' : 'A';
  if (result && typeof result === 'object') {
    const code = (result as { code?: unknown }).code;
    if (typeof code === 'string' && DENIED.has(code)) return 'D';
    return 'A';
  }
  return 'A';
}

interface Row {
  /** The door: "operation <name>", "action <exportedName>", "page <route>", "route <route>", "upgrade /collab". */
  door: string;
  /** One outcome per subject, in the order of SUBJECTS. */
  grid: string;
  run(world: World, subject: SubjectKey): Promise<Outcome>;
}

/** `variant` names a second row for the same door with another kind of input ("operation createInvite (reset)"). */
function operationRow(
  name: keyof typeof OPERATIONS,
  grid: string,
  input: (w: World) => unknown,
  page: (w: World) => string,
  variant?: string,
): Row {
  return {
    door: variant ? `operation ${name} (${variant})` : `operation ${name}`,
    grid,
    async run(w, s) {
      const call = await callAction(w.server.url, w.cookies[s], 'operationAction', page(w), [name, input(w)]);
      return outcomeOf(call.result, call.redirect);
    },
  };
}

function actionRow(
  name: string,
  grid: string,
  page: (w: World) => string,
  args: (w: World) => unknown[],
  variant?: string,
): Row {
  return {
    door: variant ? `action ${name} (${variant})` : `action ${name}`,
    grid,
    async run(w, s) {
      const call = await callAction(w.server.url, w.cookies[s], name, page(w), args(w));
      return outcomeOf(call.result, call.redirect);
    },
  };
}

function pageRow(route: string, grid: string, url: (w: World) => string): Row {
  return {
    door: `page ${route}`,
    grid,
    async run(w, s) {
      const cookie = w.cookies[s];
      const response = await fetch(`${w.server.url}${url(w)}`, {
        redirect: 'manual',
        headers: cookie ? { cookie } : {},
      });
      await response.arrayBuffer();
      if (response.status === 200) return 'A';
      const location = response.headers.get('location') ?? '';
      if (response.status >= 300 && response.status < 400) return location.includes('/signin') ? 'D' : 'A';
      return 'D';
    },
  };
}

function routeRow(route: string, grid: string, url: (w: World) => string): Row {
  return {
    door: `route ${route}`,
    grid,
    async run(w, s) {
      const cookie = w.cookies[s];
      const response = await fetch(`${w.server.url}${url(w)}`, { headers: cookie ? { cookie } : {} });
      await response.arrayBuffer();
      return response.status === 200 ? 'A' : 'D';
    },
  };
}

/** Opens /collab/<id>: refused (HTTP 401/403), read-only (the server says so at once), or editable. */
function upgradeRow(meeting: keyof World['meetings'], grid: string): Row {
  return {
    door: `upgrade /collab (${meeting})`,
    grid,
    run: (w, s) =>
      new Promise<Outcome>((resolve, reject) => {
        const cookie = w.cookies[s];
        const ws = new WebSocket(
          `${w.server.wsUrl}/${w.meetings[meeting]}?ext=1`,
          cookie ? { headers: { cookie } } : {},
        );
        let synced = false;
        let timer: NodeJS.Timeout | undefined;
        const finish = (outcome: Outcome) => {
          clearTimeout(timer);
          ws.removeAllListeners();
          ws.on('error', () => undefined);
          ws.terminate();
          resolve(outcome);
        };
        ws.on('unexpected-response', (_req, res) =>
          finish(res.statusCode === 401 || res.statusCode === 403 ? 'D' : 'A'),
        );
        ws.on('message', (data: Buffer) => {
          const type = data[0];
          if (type === MESSAGE_ACCESS) return finish('R');
          if (type === MESSAGE_SYNC && !synced) {
            synced = true;
            // A read-only connection is told so in the same breath as the first sync message.
            timer = setTimeout(() => finish('E'), 300);
          }
        });
        ws.on('close', () => finish('D'));
        ws.on('error', reject);
      }),
  };
}

const meetingPage = (w: World) => `/meetings/${w.meetings.open}`;
const cellPage = (w: World) => `/cells/${w.cellId}`;

/** Grids list outcomes in the order of SUBJECTS: out other exempted probationary member taker chair secretary overseer admin revoked. */
const TABLE: Row[] = [
  operationRow(
    'setRoles',
    'D D D D D D D A D D D',
    (w) => ({ meetingId: w.meetings.open, chairId: w.users.chair!.id, secretaryId: w.users.taker!.id }),
    meetingPage,
  ),
  operationRow('start', 'D D D D D D D A D D D', (w) => ({ meetingId: w.meetings.scheduled }), meetingPage),
  operationRow(
    'markAttendance',
    'D D D D D A A A D D D',
    (w) => ({ meetingId: w.meetings.open, userId: w.users.member!.id, status: 'present' }),
    meetingPage,
  ),
  operationRow('markAllPresent', 'D D D D D A A A D D D', (w) => ({ meetingId: w.meetings.open }), meetingPage),
  operationRow(
    'setCurrentSection',
    'D D D D D A A A D D D',
    (w) => ({ meetingId: w.meetings.open, sectionId: 's-1' }),
    meetingPage,
  ),
  operationRow('markReadBack', 'D D D D D A A A D D D', (w) => ({ meetingId: w.meetings.open }), meetingPage),
  operationRow('requestFloor', 'D D D A A A A A D D D', (w) => ({ meetingId: w.meetings.open }), meetingPage),
  operationRow(
    'withdrawFloor',
    'D D D A A A A A D D D',
    (w) => ({ meetingId: w.meetings.open, requestId: randomUUID() }),
    meetingPage,
  ),
  operationRow(
    'addSpeaker',
    'D D D D D D A A D D D',
    (w) => ({ meetingId: w.meetings.open, userId: w.users.member!.id }),
    meetingPage,
  ),
  operationRow(
    'giveFloor',
    'D D D D D D A A D D D',
    (w) => ({ meetingId: w.meetings.open, requestId: randomUUID() }),
    meetingPage,
  ),
  operationRow(
    'finishFloor',
    'D D D D D D A A D D D',
    (w) => ({ meetingId: w.meetings.open, requestId: randomUUID() }),
    meetingPage,
  ),
  operationRow(
    'openVote',
    'D D D D D D A A D D D',
    (w) => ({ meetingId: w.meetings.open, subject: 'other', title: 'Biểu quyết thử', method: 'show_of_hands' }),
    meetingPage,
  ),
  operationRow(
    'recordCounts',
    'D D D D D A A A D D D',
    (w) => ({ meetingId: w.meetings.open, voteId: randomUUID(), for: 1, against: 0, other: 0 }),
    meetingPage,
  ),
  operationRow(
    'castBallot',
    'D D D A A A A A D D D',
    (w) => ({ meetingId: w.meetings.open, voteId: randomUUID(), choice: 'for' }),
    meetingPage,
  ),
  operationRow(
    'closeVote',
    'D D D D D D A A D D D',
    (w) => ({ meetingId: w.meetings.open, voteId: randomUUID() }),
    meetingPage,
  ),
  operationRow(
    'reopenVote',
    'D D D D D D A A D D D',
    (w) => ({ meetingId: w.meetings.open, voteId: randomUUID() }),
    meetingPage,
  ),
  operationRow('end', 'D D D D D D A A D D D', (w) => ({ meetingId: w.meetings.open }), meetingPage),
  operationRow(
    'acknowledge',
    'D D D D D D A D D D D',
    (w) => ({ meetingId: w.meetings.closed, role: 'chair' }),
    meetingPage,
  ),
  operationRow(
    'amend',
    'D D D D D A A A D D D',
    (w) => ({ meetingId: w.meetings.approved, body: 'Đính chính thử.' }),
    meetingPage,
  ),
  // On a meeting under way: the policy's answer shows, and the state then refuses it (nothing changes).
  operationRow(
    'markNotHeld',
    'D D D D D D D A D D D',
    (w) => ({
      meetingId: w.meetings.open,
      reason: 'postponed',
      note: 'Bão, hoãn sang tuần sau.',
    }),
    meetingPage,
  ),
  operationRow(
    'saveVersion',
    'D D D D D A A A D D D',
    (w) => ({ meetingId: w.meetings.open, label: 'Sau phần thảo luận' }),
    meetingPage,
  ),
  operationRow(
    'giveGuidance',
    'D D D D D D D D A D D',
    (w) => ({ meetingId: w.meetings.approved, body: 'Đề nghị chi bộ ghi rõ thời hạn từng nhiệm vụ.' }),
    meetingPage,
  ),
  operationRow(
    'setPreparation',
    'D D D D D D D A D D D',
    (w) => ({ meetingId: w.meetings.scheduled, item: 'notified', done: true }),
    meetingPage,
  ),
  operationRow(
    'uploadAttachment',
    'D D D D D A A A D D D',
    (w) => ({ meetingId: w.meetings.open, name: 'a.txt', type: 'text/plain', bytes: new Uint8Array([104, 105]) }),
    meetingPage,
  ),
  operationRow(
    'inviteToMeeting',
    'D D D D D D D A D D D',
    (w) => ({ meetingId: w.meetings.committee, userId: w.users.guest!.id }),
    meetingPage,
  ),
  operationRow(
    'removeInvitee',
    'D D D D D D D A D D D',
    (w) => ({ meetingId: w.meetings.committee, userId: w.users.guest!.id }),
    meetingPage,
  ),
  operationRow(
    'setTaskStatus',
    'D D D D A D D A D A D',
    (w) => ({ taskId: w.taskId, status: 'in_progress' }),
    (w) => `/cells/${w.cellId}/tasks`,
  ),
  operationRow('createCell', 'D D D D D D D D D A D', (w) => ({ committeeId: w.otherCellId, name: 'x' }), meetingPage),
  operationRow(
    'addMember',
    'D D D D D D D A D A D',
    (w) => ({ cellId: w.cellId, name: 'Người mới', email: `${randomUUID()}@test.vn`, role: 'member', status: 'full' }),
    meetingPage,
  ),
  // The preview (nothing saved) already answers to the policy: who may not import may not read the comparison either.
  operationRow(
    'importMembers',
    'D D D D D D D A D A D',
    (w) => ({ cellId: w.cellId, text: 'Họ và tên;Email;Trạng thái\nNgười mới;moi@test.vn;chính thức', apply: false }),
    meetingPage,
  ),
  operationRow(
    'createMeeting',
    'D D D D D D D A D A D',
    (w) => ({ cellId: w.cellId, kind: 'regular', startsAt: '2027-03-05T19:30', place: 'Nhà văn hóa' }),
    meetingPage,
  ),
  operationRow('createInvite', 'D D D D D D D A D A D', (w) => ({ userId: w.users.newbie!.id }), meetingPage),
  // A new password link for a member who has one: the same managers; the member themself may not.
  operationRow(
    'createInvite',
    'D D D D D D D A D A D',
    (w) => ({ userId: w.users.member!.id, reset: true }),
    meetingPage,
    'reset',
  ),
  // This server sends no mail (no SMTP_URL, no outbox): those the policy lets through hear mail_not_configured.
  operationRow(
    'sendMeetingNotice',
    'D D D D D D D A D D D',
    (w) => ({ meetingId: w.meetings.scheduled, origin: 'http://localhost' }),
    meetingPage,
  ),
  operationRow(
    'sendInviteEmail',
    'D D D D D D D A D A D',
    (w) => ({ userId: w.users.newbie!.id, origin: 'http://localhost' }),
    meetingPage,
  ),
  operationRow(
    'saveCellSettings',
    'D D D D D D D A D A D',
    (w) => ({ cellId: w.cellId, voteBase: 'present', voteThreshold: 'more_than_half', absenceStreak: 3 }),
    meetingPage,
  ),
  // Larger text is a reading preference of the caller's own account: anyone signed in, for themself.
  operationRow('setLargeText', 'D A A A A A A A A A D', () => ({ on: true }), meetingPage),
  operationRow(
    'addOverseer',
    'D D D D D D D A D A D',
    (w) => ({ cellId: w.cellId, email: w.users.overseer2!.email }),
    meetingPage,
  ),
  operationRow(
    'removeOverseer',
    'D D D D D D D A D A D',
    (w) => ({ cellId: w.cellId, userId: w.users.overseer2!.id }),
    meetingPage,
  ),

  actionRow('addMemberAction', 'D D D D D D D A D A D', cellPage, (w) => [
    w.cellId,
    idle,
    form({ name: 'Người mới', email: `${randomUUID()}@test.vn`, role: 'member', status: 'full' }),
  ]),
  actionRow('createInviteAction', 'D D D D D D D A D A D', cellPage, (w) => [w.users.newbie!.id, idle, form({})]),
  actionRow(
    'createInviteAction',
    'D D D D D D D A D A D',
    cellPage,
    (w) => [w.users.member!.id, idle, form({ reset: 'true' })],
    'reset',
  ),
  actionRow('sendInviteEmailAction', 'D D D D D D D A D A D', cellPage, (w) => [w.users.newbie!.id, idle, form({})]),
  actionRow(
    'sendMeetingNoticeAction',
    'D D D D D D D A D D D',
    (w) => `/meetings/${w.meetings.scheduled}`,
    (w) => [w.meetings.scheduled, idle, form({})],
  ),
  actionRow('createMeetingAction', 'D D D D D D D A D A D', cellPage, (w) => [
    w.cellId,
    idle,
    form({ kind: 'regular', startsAt: '2027-04-05T19:30', place: 'Nhà văn hóa' }),
  ]),
  actionRow('saveCellSettingsAction', 'D D D D D D D A D A D', cellPage, (w) => [
    w.cellId,
    idle,
    form({ voteBase: 'present', voteThreshold: 'more_than_half', absenceStreak: '3' }),
  ]),
  actionRow('addOverseerAction', 'D D D D D D D A D A D', cellPage, (w) => [
    w.cellId,
    idle,
    form({ email: w.users.overseer2!.email }),
  ]),
  actionRow('removeOverseerAction', 'D D D D D D D A D A D', cellPage, (w) => [
    w.cellId,
    w.users.overseer2!.id,
    idle,
    form({}),
  ]),
  actionRow(
    'createCellAction',
    'D D D D D D D D D A D',
    () => '/',
    (w) => [idle, form({ committeeId: w.otherCellId, name: 'x' })],
  ),
  actionRow('uploadAttachmentAction', 'D D D D D A A A D D D', meetingPage, (w) => {
    const data = new FormData();
    data.set('file', new File(['xin chào'], 'a.txt', { type: 'text/plain' }));
    return [w.meetings.open, data];
  }),
  actionRow(
    'completeSetupAction',
    'D D D D D D D D D D D',
    () => '/setup',
    () => [
      idle,
      form({
        adminName: 'X',
        email: 'x@x.vn',
        password: 'mật khẩu dài dài',
        passwordConfirm: 'mật khẩu dài dài',
        committeeName: 'X',
        cellName: 'Y',
      }),
    ],
  ),
  actionRow(
    'redeemInviteAction',
    'D D D D D D D D D D D',
    () => '/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    () => [
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      idle,
      form({ password: 'mật khẩu dài dài', passwordConfirm: 'mật khẩu dài dài' }),
    ],
  ),
  actionRow(
    'verifyAction',
    'D A A A A A A A A A D',
    () => '/verify',
    () => [idle, form({ hash: 'a'.repeat(64) })],
  ),
  actionRow(
    'setLocaleAction',
    'A A A A A A A A A A A',
    () => '/signin',
    () => [form({ locale: 'vi' })],
  ),

  // Signed out it sets the cookie only; signed in, the account too (through setLargeText).
  actionRow(
    'setTextSizeAction',
    'A A A A A A A A A A A',
    () => '/signin',
    () => [form({ textSize: 'large' })],
  ),

  pageRow('/', 'D A A A A A A A A A D', () => '/'),
  pageRow('/tasks', 'D A A A A A A A A A D', () => '/tasks'),
  pageRow('/audit', 'D D D D D D D A D A D', () => '/audit'),
  pageRow('/archive', 'D A A A A A A A A A D', () => '/archive'),
  pageRow('/committee', 'D A A A A A A A A A D', () => '/committee'),
  pageRow('/search', 'D A A A A A A A A A D', () => '/search?q=ngh%E1%BB%8B+quy%E1%BA%BFt'),
  pageRow('/cells/[cellId]', 'D D A A A A A A A A D', (w) => `/cells/${w.cellId}`),
  pageRow('/cells/[cellId]/tasks', 'D D A A A A A A A A D', (w) => `/cells/${w.cellId}/tasks`),
  pageRow('/meetings/[meetingId]', 'D D A A A A A A D A D', (w) => `/meetings/${w.meetings.open}`),
  pageRow('/meetings/[meetingId] (approved)', 'D D A A A A A A A A D', (w) => `/meetings/${w.meetings.approved}`),
  pageRow('/meetings/[meetingId] (committee)', 'D D D D D D D A D D D', (w) => `/meetings/${w.meetings.committee}`),
  pageRow('/meetings/[meetingId] (secret)', 'D D D A A A A A D D D', (w) => `/meetings/${w.meetings.secret}`),
  // The print page is an export: secret minutes only for the cell's managers, like the downloads.
  pageRow('/meetings/[meetingId]/print', 'D D A A A A A A A A D', (w) => `/meetings/${w.meetings.approved}/print`),
  pageRow('/meetings/[meetingId]/print (open)', 'D D A A A A A A D A D', (w) => `/meetings/${w.meetings.open}/print`),
  pageRow(
    '/meetings/[meetingId]/print (secret)',
    'D D D D D D D A D D D',
    (w) => `/meetings/${w.meetings.secret}/print`,
  ),
  // Versions: the cell's at any time, its overseers' once the minutes are approved.
  pageRow(
    '/meetings/[meetingId]/versions',
    'D D A A A A A A A A D',
    (w) => `/meetings/${w.meetings.approved}/versions`,
  ),
  pageRow(
    '/meetings/[meetingId]/versions (open)',
    'D D A A A A A A D A D',
    (w) => `/meetings/${w.meetings.open}/versions`,
  ),
  // The resolution is the minutes' own content: the same doors, the same answers.
  pageRow(
    '/meetings/[meetingId]/print (resolution)',
    'D D A A A A A A A A D',
    (w) => `/meetings/${w.meetings.approved}/print?document=resolution`,
  ),
  pageRow(
    '/meetings/[meetingId]/print (resolution, secret)',
    'D D D D D D D A D D D',
    (w) => `/meetings/${w.meetings.secret}/print?document=resolution`,
  ),
  // Kept messages hold password links: administrators only.
  pageRow('/outbox', 'D D D D D D D D D A D', () => '/outbox'),
  pageRow('/verify', 'D A A A A A A A A A D', () => '/verify'),
  pageRow('/setup', 'A A A A A A A A A A A', () => '/setup'),
  pageRow('/signin', 'A A A A A A A A A A A', () => '/signin'),
  pageRow('/invite/[token]', 'A A A A A A A A A A A', () => '/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),

  routeRow('/api/attachments/[id]', 'D D A A A A A A A A D', (w) => `/api/attachments/${w.attachments.approved}`),
  routeRow(
    '/api/attachments/[id] (secret)',
    'D D D A A A A A D D D',
    (w) => `/api/attachments/${w.attachments.secret}`,
  ),
  routeRow('/committee/export', 'D A A A A A A A A A D', () => '/committee/export'),
  routeRow(
    '/meetings/[meetingId]/export/[format]',
    'D D A A A A A A A A D',
    (w) => `/meetings/${w.meetings.approved}/export/pdf`,
  ),
  routeRow(
    '/meetings/[meetingId]/export/[format] (open)',
    'D D A A A A A A D A D',
    (w) => `/meetings/${w.meetings.open}/export/docx`,
  ),
  routeRow(
    '/meetings/[meetingId]/export/[format] (secret)',
    'D D D D D D D A D D D',
    (w) => `/meetings/${w.meetings.secret}/export/pdf`,
  ),
  routeRow(
    '/meetings/[meetingId]/export/[format] (resolution)',
    'D D A A A A A A A A D',
    (w) => `/meetings/${w.meetings.approved}/export/pdf?document=resolution`,
  ),
  routeRow(
    '/meetings/[meetingId]/export/[format] (resolution, open)',
    'D D A A A A A A D A D',
    (w) => `/meetings/${w.meetings.open}/export/docx?document=resolution`,
  ),
  routeRow(
    '/meetings/[meetingId]/export/[format] (resolution, secret)',
    'D D D D D D D A D D D',
    (w) => `/meetings/${w.meetings.secret}/export/pdf?document=resolution`,
  ),
  // The calendar entry and the QR code of a meeting: whoever may see the meeting.
  routeRow(
    '/meetings/[meetingId]/calendar.ics',
    'D D A A A A A A D A D',
    (w) => `/meetings/${w.meetings.open}/calendar.ics`,
  ),
  routeRow(
    '/meetings/[meetingId]/calendar.ics (committee)',
    'D D D D D D D A D D D',
    (w) => `/meetings/${w.meetings.committee}/calendar.ics`,
  ),
  routeRow(
    '/meetings/[meetingId]/calendar.ics (approved)',
    'D D A A A A A A A A D',
    (w) => `/meetings/${w.meetings.approved}/calendar.ics`,
  ),
  routeRow('/meetings/[meetingId]/qr.svg', 'D D A A A A A A D A D', (w) => `/meetings/${w.meetings.open}/qr.svg`),
  routeRow(
    '/meetings/[meetingId]/qr.svg (secret)',
    'D D D A A A A A D D D',
    (w) => `/meetings/${w.meetings.secret}/qr.svg`,
  ),
  routeRow('/api/auth/[...nextauth]', 'A A A A A A A A A A A', () => '/api/auth/csrf'),
  // The web app manifest: the browser fetches it without cookies, before anyone signs in.
  routeRow('/manifest.webmanifest', 'A A A A A A A A A A A', () => '/manifest.webmanifest'),

  upgradeRow('open', 'D D R E E E E E D R D'),
  upgradeRow('approved', 'D D R R R R R R R R D'),
  upgradeRow('committee', 'D D D D D D D E D D D'),
  upgradeRow('secret', 'D D D E E E E E D D D'),
];

/** Metadata files that Next serves as routes of their own, and the address each is served at. */
const METADATA_ROUTES: Record<string, string> = { 'manifest.ts': '/manifest.webmanifest' };

/** The App Router's pages and route handlers (metadata routes among them), as routes ("/cells/[cellId]"). */
function appRoutes(kind: 'page' | 'route'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (kind === 'route' && METADATA_ROUTES[name]) out.push(METADATA_ROUTES[name]);
      else if (name === `${kind}.tsx` || name === `${kind}.ts`) {
        const route = '/' + path.relative(path.join(PROJECT_ROOT, 'app'), dir).split(path.sep).join('/');
        out.push(route === '/' ? '/' : route.replace(/\/$/, ''));
      }
    }
  };
  walk(path.join(PROJECT_ROOT, 'app'));
  return out.map((r) => (r === '/.' ? '/' : r));
}

/** The installation every door is tried on, written before the server starts. */
async function seedWorld(dataDir: string): Promise<{ handle: DbHandle; world: Omit<World, 'server' | 'cookies'> }> {
  const { services, handle } = await openServices({ dataDir, databaseUrl: undefined });
  const setup = await services.organisations.completeSetup({
    adminName: 'Quản trị',
    email: 'admin@test.vn',
    password: TEST_PASSWORD,
    committeeName: 'Phường Thử',
    cellName: 'Khu phố 1',
  });
  const cellId = setup.cellId;
  const other = await services.organisations.createCell(setup.committeeId, 'Khu phố 2');
  const users = {
    out: null,
    admin: await services.accounts.getUser(setup.adminId),
    secretary: await addMemberWithPassword(services, cellId, 'Nguyễn Văn An', 'an@test.vn', 'secretary', 'full'),
    chair: await addMemberWithPassword(services, cellId, 'Trần Văn Chủ', 'chu@test.vn', 'member', 'full'),
    taker: await addMemberWithPassword(services, cellId, 'Lê Thị Thư', 'thu@test.vn', 'member', 'full'),
    member: await addMemberWithPassword(services, cellId, 'Phạm Thị Bình', 'binh@test.vn', 'member', 'full'),
    probationary: await addMemberWithPassword(services, cellId, 'Võ Văn Dự', 'du@test.vn', 'member', 'probationary'),
    exempted: await addMemberWithPassword(services, cellId, 'Đỗ Văn Miễn', 'mien@test.vn', 'member', 'exempted'),
    revoked: await addMemberWithPassword(services, cellId, 'Hồ Văn Cũ', 'cu@test.vn', 'member', 'full'),
    guest: await addMemberWithPassword(services, cellId, 'Ngô Thị Khách', 'khach@test.vn', 'member', 'full'),
    other: await addMemberWithPassword(services, other.id, 'Phan Văn Khác', 'khac@test.vn', 'member', 'full'),
    newbie: await services.accounts.getUser(
      (
        await services.organisations.addMember(cellId, {
          name: 'Mới Vào',
          email: 'moi@test.vn',
          role: 'member',
          status: 'full',
        })
      ).userId,
    ),
    overseer: await services.accounts.createUser({
      email: 'phutrach@test.vn',
      name: 'Cấp ủy phụ trách',
      password: TEST_PASSWORD,
    }),
    overseer2: await services.accounts.createUser({
      email: 'phutrach2@test.vn',
      name: 'Phụ trách hai',
      password: TEST_PASSWORD,
    }),
  };
  await services.db
    .insertInto('oversights')
    .values({ user_id: users.overseer.id, cell_id: cellId, created_at: new Date().toISOString() })
    .execute();

  const create = async (kind: 'regular' | 'committee', classification: 'normal' | 'secret', startsAt: string) =>
    (
      await services.meetings.createMeeting(
        cellId,
        { kind, startsAt, place: 'Nhà văn hóa', classification },
        users.secretary.id,
      )
    ).id;
  const meetings = {
    open: await create('regular', 'normal', '2026-12-05T19:30'),
    scheduled: await create('regular', 'normal', '2027-01-05T19:30'),
    closed: await create('regular', 'normal', '2026-11-05T19:30'),
    approved: await create('regular', 'normal', '2026-10-05T19:30'),
    committee: await create('committee', 'normal', '2026-12-01T19:30'),
    secret: await create('regular', 'secret', '2026-12-06T19:30'),
  };
  const now = new Date().toISOString();
  const roles = { chair_id: users.chair.id, secretary_id: users.taker.id };
  for (const [id, state] of [
    [meetings.open, 'in_progress'],
    [meetings.closed, 'closed'],
    [meetings.approved, 'approved'],
    [meetings.secret, 'in_progress'],
  ] as const) {
    await services.db
      .updateTable('meetings')
      .set({ ...roles, state, started_at: now, ...(state === 'in_progress' ? {} : { ended_at: now }) })
      .where('id', '=', id)
      .execute();
  }
  // The approved meeting's sealed version, stored as sealing stores it (sealing itself is tested in
  // meeting-record.test.ts): the exports of approved minutes are built from it.
  const approvedRow = (await services.meetings.getMeeting(meetings.approved))!;
  const approvedDoc = await storedDoc(services.docStore, meetings.approved);
  const sealed = contentHash(meetingContent(approvedRow, approvedDoc));
  await services.db
    .insertInto('minutes_versions')
    .values({
      id: randomUUID(),
      meeting_id: meetings.approved,
      name: 'approved',
      content_hash: sealed.hash,
      content: sealed.json,
      state: Y.encodeStateAsUpdate(approvedDoc),
      created_by: users.secretary.id,
      created_at: now,
    })
    .execute();
  approvedDoc.destroy();
  await services.db
    .updateTable('meetings')
    .set({ content_hash: sealed.hash, approved_at: now })
    .where('id', '=', meetings.approved)
    .execute();
  const attachment = async (meetingId: string) => {
    const id = randomUUID();
    await services.db
      .insertInto('attachments')
      .values({
        id,
        meeting_id: meetingId,
        name: 'tai-lieu.txt',
        mime: 'text/plain',
        size: 2,
        sha256: '',
        data: new Uint8Array([104, 105]),
        uploaded_by: users.secretary.id,
        created_at: now,
      })
      .execute();
    return id;
  };
  const attachments = { approved: await attachment(meetings.approved), secret: await attachment(meetings.secret) };
  const taskId = await insertTask(services.db, {
    meetingId: meetings.approved,
    cellId,
    body: 'Việc đã giao',
    assigneeId: users.member.id,
  });
  return { handle, world: { cellId, otherCellId: setup.committeeId, meetings, users, attachments, taskId } };
}

describe('every door, for every kind of person', () => {
  let dataDir: string;
  let handle: DbHandle;
  let world: World;

  beforeAll(async () => {
    dataDir = makeDataDir();
    const seeded = await seedWorld(dataDir);
    handle = seeded.handle;
    const server = await startServer({ dataDir, withNext: true });
    const secret = authSecretOf(dataDir);
    const cookies = {} as Record<SubjectKey, string | null>;
    for (const key of SUBJECTS) {
      const user = seeded.world.users[key];
      cookies[key] = user ? await sessionCookieFor(secret, user) : null;
    }
    // Signed out everywhere after the cookie was issued (revoke-sessions, a password change).
    await seeded.handle.db
      .updateTable('users')
      .set((eb) => ({ session_version: eb('session_version', '+', 1) }))
      .where('id', '=', seeded.world.users.revoked!.id)
      .execute();
    world = { ...seeded.world, server, cookies };
  });

  afterAll(async () => {
    await world?.server.stop();
    await handle?.close();
    removeDataDir(dataDir);
  });

  it('lists every server action, operation, page and route handler of the app', () => {
    const doors = new Set(TABLE.map((row) => row.door));
    const missing: string[] = [];
    for (const action of serverActions()) {
      if (action.exportedName === 'operationAction') continue;
      if (!doors.has(`action ${action.exportedName}`))
        missing.push(`action ${action.exportedName} (${action.filename})`);
    }
    for (const name of Object.keys(OPERATIONS)) if (!doors.has(`operation ${name}`)) missing.push(`operation ${name}`);
    for (const route of appRoutes('page'))
      if (!TABLE.some((r) => r.door.startsWith(`page ${route}`))) missing.push(`page ${route}`);
    for (const route of appRoutes('route'))
      if (!TABLE.some((r) => r.door.startsWith(`route ${route}`))) missing.push(`route ${route}`);
    expect(missing).toEqual([]);
    for (const row of TABLE) expect(row.grid.split(/\s+/), row.door).toHaveLength(SUBJECTS.length);
  });

  for (const row of TABLE) {
    it(`${row.door} answers each kind of person as the table says`, async () => {
      const actual: string[] = [];
      for (const subject of SUBJECTS) actual.push(await row.run(world, subject));
      const expected = row.grid.split(/\s+/);
      const table = (outcomes: string[]) => SUBJECTS.map((s, i) => `${s}:${outcomes[i]}`).join(' ');
      expect(table(actual)).toBe(table(expected));
    });
  }
});
