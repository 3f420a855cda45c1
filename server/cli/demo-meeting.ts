import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { TaskStatus } from '../../lib/rules/tasks';
import type { MeetingOperations } from '../meeting';
import { listSections } from '../meeting/doc-edits';
import type { SealResult } from '../meeting/seal';
import { changeMeetingState } from '../meeting/state';
import type { StoredDocs } from '../meeting/stored-docs';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';
import { appendToSection, findBlock, keepAboveClosing, taskBlock, textBlock } from './demo-doc';
import type { DemoRecord, DemoStep } from './demo-minutes';
import { retime } from './demo-timeline';

export interface DemoMeetingDeps {
  services: Services;
  ops: MeetingOperations;
  docs: StoredDocs;
}

/**
 * Holds one of the demo's past meetings through the operations the live
 * meeting page uses (roles, attendance, the floor, votes, read-back,
 * closing), types what the minutes-taker would type, seals the minutes with
 * both confirmations, then appends the amendment, if any, and the task
 * progress reported since. `meetingId` is a scheduled meeting whose minutes
 * already hold the opening lines; `evening` is when it was held. Headings
 * the meeting's template no longer has are reported in `warnings` and their
 * content left out.
 */
export async function holdDemoMeeting(
  deps: DemoMeetingDeps,
  meetingId: string,
  record: DemoRecord,
  evening: { start: Date; end: Date },
  warnings: Set<string>,
): Promise<SealResult> {
  const { services, ops, docs } = deps;
  const { live, followUp } = ops;
  const meeting = await services.meetings.requireMeeting(meetingId);
  const members = await services.organisations.listMembers(meeting.cell_id);
  const users = new Map<string, SessionUser>();
  for (const member of members) {
    const user = await services.accounts.getUser(member.userId);
    if (user) users.set(member.name, user);
  }
  const person = (name: string): SessionUser => {
    const user = users.get(name);
    if (!user) throw new Error(`the demo chi bộ ${meeting.cell_id} has no member named ${name}`);
    return user;
  };
  const chair = person(record.chair);
  const taker = person(record.secretary);
  const reported: { taskId: string; by: SessionUser; status: TaskStatus }[] = [];

  /** One step; text, opinions and tasks need their section, the read-back and votes are held regardless. */
  async function hold(step: DemoStep, sectionId: string | undefined): Promise<void> {
    if (step.kind === 'readBack') {
      await live.markReadBack(taker, { meetingId });
      return;
    }
    if (step.kind === 'vote') {
      const { voteId } = await live.openVote(chair, {
        meetingId,
        subject: step.subject,
        title: step.title,
        method: 'show_of_hands',
      });
      await docs.change(meetingId, (doc) => keepAboveClosing(doc, findBlock(doc, 'voteResult', 'voteId', voteId)));
      await live.recordCounts(taker, { meetingId, voteId, ...step.counts });
      const closed = await live.closeVote(chair, { meetingId, voteId });
      if (!closed.passed) throw new Error(`the demo vote "${step.title}" did not pass`);
      return;
    }
    if (sectionId === undefined) return;
    if (step.kind === 'text') {
      await docs.change(meetingId, (doc) => appendToSection(doc, sectionId, textBlock('paragraph', step.text)));
    } else if (step.kind === 'opinion') {
      const { requestId } = await live.requestFloor(person(step.speaker), { meetingId });
      const { opinionId } = await live.giveFloor(chair, { meetingId, requestId });
      await docs.change(meetingId, (doc) => {
        const opinion = keepAboveClosing(doc, findBlock(doc, 'opinion', 'id', opinionId));
        opinion.insert(opinion.length, [new Y.XmlText(step.text)]);
      });
      await live.finishFloor(chair, { meetingId, requestId });
    } else {
      const id = randomUUID();
      const assignees = step.assignees.map((name) => ({ userId: person(name).id, name }));
      await docs.change(meetingId, (doc) =>
        appendToSection(
          doc,
          sectionId,
          taskBlock({ id, assignees, dueDate: step.dueDate, status: step.status }, step.text),
        ),
      );
      if (step.reported) reported.push({ taskId: id, by: person(step.assignees[0]!), status: step.reported });
    }
  }

  await live.setRoles(chair, { meetingId, chairId: chair.id, secretaryId: taker.id });
  await live.start(chair, { meetingId });
  // Roll call: those present, then the absent, then whoever arrived late. Exempted
  // members are listed but not expected: they stay unmarked.
  const absence = (name: string) => record.absent.find((a) => a.name === name);
  const rank = (name: string) => (absence(name) ? 1 : record.late.includes(name) ? 2 : 0);
  const expected = members.filter((m) => m.status !== 'exempted').sort((a, b) => rank(a.name) - rank(b.name));
  for (const member of expected) {
    const absent = absence(member.name);
    const reason = absent?.reason;
    const status = absent
      ? reason
        ? 'absent_with_reason'
        : 'absent_without_reason'
      : record.late.includes(member.name)
        ? 'late'
        : 'present';
    await live.markAttendance(taker, { meetingId, userId: member.userId, status, ...(reason ? { reason } : {}) });
  }

  const sections = await docs.read(meetingId, listSections);
  for (const section of record.proceedings) {
    const sectionId = sections.find((s) => s.title.trim() === section.heading)?.sectionId;
    if (sectionId) await live.setCurrentSection(chair, { meetingId, sectionId });
    else
      warnings.add(
        `the ${meeting.kind} template has no "${section.heading}"; that part of the demo minutes was left out`,
      );
    for (const step of section.steps) await hold(step, sectionId);
  }
  await live.end(chair, { meetingId });

  const times = await docs.change(meetingId, (doc) => retime(doc, evening));
  await changeMeetingState(
    { db: services.db, docs },
    meetingId,
    { started_at: times.startedAt, ended_at: times.endedAt },
    ['closed'],
  );
  // Projections the operations started in the background must not land after the seal's own.
  await docs.settled();
  await live.acknowledge(chair, { meetingId, role: 'chair' });
  const { sealed } = await live.acknowledge(taker, { meetingId, role: 'secretary' });
  if (!sealed) throw new Error('the demo minutes were not sealed');

  if (record.amendment) await followUp.amend(taker, { meetingId, body: record.amendment });
  for (const { taskId, by, status } of reported) await followUp.setTaskStatus(by, { taskId, status });
  await docs.settled();
  return sealed;
}
