import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { contentHash, meetingContent } from '../../server/meeting/content';
import { readProjection } from '../../server/meeting/projection';
import { insertInSection, listSections, replaceReview } from '../../server/meeting/doc-edits';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const TASK = '33333333-3333-4333-8333-333333333333';
const OPINION = '44444444-4444-4444-8444-444444444444';

function heading(sectionId: string, level: number, text: string): Y.XmlElement {
  const h = new Y.XmlElement('heading');
  h.setAttribute('sectionId', sectionId);
  h.setAttribute('level', String(level));
  h.insert(0, [new Y.XmlText(text)]);
  return h;
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc();
  meetingDoc
    .minutes(doc)
    .push([
      heading('s-1', 2, 'I. Mở đầu'),
      paragraph('Khai mạc'),
      heading('s-2', 2, 'II. Nội dung'),
      heading('s-2-1', 3, '1. Tình hình'),
      paragraph('...'),
      heading('s-3', 2, 'III. Kết luận'),
    ]);
  return doc;
}

describe('server edits of the minutes', () => {
  it('puts a block at the end of its section, before the next heading of the same or higher level', () => {
    const doc = sampleDoc();
    insertInSection(doc, 's-2', 'opinion', { id: OPINION, speakerId: A, speakerName: 'An' });
    const names = meetingDoc
      .minutes(doc)
      .toArray()
      .map((n) => (n as Y.XmlElement).nodeName);
    expect(names).toEqual(['heading', 'paragraph', 'heading', 'heading', 'paragraph', 'opinion', 'heading']);
  });

  it('appends at the end when the section is unknown, and lists sections in order', () => {
    const doc = sampleDoc();
    insertInSection(doc, 's-9', 'voteResult', { voteId: A });
    expect((meetingDoc.minutes(doc).toArray().at(-1) as Y.XmlElement).nodeName).toBe('voteResult');
    expect(listSections(doc).map((s) => s.sectionId)).toEqual(['s-1', 's-2', 's-2-1', 's-3']);
  });

  it('keeps blocks of the last section above the closing lines and signatures', () => {
    const doc = sampleDoc();
    const closing = paragraph('Cuộc họp kết thúc vào lúc …');
    closing.setAttribute('sectionId', 'end');
    meetingDoc.minutes(doc).push([closing, paragraph('THƯ KÝ')]);
    insertInSection(doc, 's-3', 'voteResult', { voteId: A });
    insertInSection(doc, undefined, 'opinion', { id: OPINION });
    const names = meetingDoc
      .minutes(doc)
      .toArray()
      .map((n) => (n as Y.XmlElement).nodeName);
    expect(names.slice(-5)).toEqual(['heading', 'voteResult', 'opinion', 'paragraph', 'paragraph']);
  });

  it('replaces the review only when it differs', () => {
    const doc = new Y.Doc();
    const item = {
      taskId: TASK,
      text: 'x',
      assignees: [],
      dueDate: null,
      status: 'not_started' as const,
      meetingId: A,
      meetingTitle: 't',
    };
    expect(replaceReview(doc, [item])).toBe(true);
    expect(replaceReview(doc, [item])).toBe(false);
    expect(replaceReview(doc, [])).toBe(true);
  });
});

describe('projection from a document in a strange shape', () => {
  it('keeps what is valid, skips what is not, and never throws', () => {
    const doc = sampleDoc();
    const task = new Y.XmlElement('task');
    task.setAttribute('id', TASK);
    task.setAttribute('assignees', [{ userId: A, name: 'An' }, { userId: 'stranger' }, 'junk'] as unknown as string);
    task.setAttribute('dueDate', '2026-13-01');
    task.setAttribute('status', 'finished-ish');
    task.insert(0, [new Y.XmlText('Việc một')]);
    const duplicate = new Y.XmlElement('task');
    duplicate.setAttribute('id', TASK);
    const noId = new Y.XmlElement('task');
    const unknown = new Y.XmlElement('mysteryWidget');
    unknown.insert(0, [new Y.XmlText('lạ')]);
    meetingDoc.minutes(doc).push([task, duplicate, noId, unknown]);
    meetingDoc.attendance(doc).set(A, { userId: A, name: 'An', status: 'present', at: 'now', by: B });
    meetingDoc.attendance(doc).set('ghost', { userId: 'ghost', name: '?', status: 'present', at: 'now', by: B });
    meetingDoc.attendance(doc).set(B, { userId: B, name: 'B', status: 'sleeping' as never, at: 'now', by: B });
    meetingDoc.votes(doc).set('bad', { nonsense: true } as never);

    const projection = readProjection(doc, new Set([A, B]));
    expect(projection.tasks).toEqual([
      {
        id: TASK,
        body: 'Việc một',
        dueDate: null,
        status: 'not_started',
        assignees: [A],
        position: expect.any(Number),
      },
    ]);
    expect(projection.attendance.map((a) => a.userId)).toEqual([A]);
    expect(projection.votes).toEqual([]);
    expect(projection.text).toContain('lạ');
    expect(projection.refused.length).toBeGreaterThanOrEqual(5);
  });
});

describe('the due date of a task in the projection', () => {
  // The field reads "15/12/2026" as people type it, but writes YYYY-MM-DD; the server still takes nothing else.
  it('takes a stored YYYY-MM-DD date and refuses one left in the typed, day-first form', () => {
    const doc = sampleDoc();
    const stored = new Y.XmlElement('task');
    stored.setAttribute('id', TASK);
    stored.setAttribute('dueDate', '2026-12-15');
    stored.insert(0, [new Y.XmlText('Việc có hạn')]);
    const typed = new Y.XmlElement('task');
    typed.setAttribute('id', OPINION);
    typed.setAttribute('dueDate', '15/12/2026');
    typed.insert(0, [new Y.XmlText('Việc ghi hạn kiểu gõ')]);
    meetingDoc.minutes(doc).push([stored, typed]);

    const projection = readProjection(doc, new Set([A]));
    expect(projection.tasks.map((t) => [t.body, t.dueDate])).toEqual([
      ['Việc có hạn', '2026-12-15'],
      ['Việc ghi hạn kiểu gõ', null],
    ]);
    expect(projection.refused).toContain(`task:${OPINION}:due:15/12/2026`);
  });
});

describe('who an opinion is from', () => {
  it('comes from the speaker list the chair kept, not from the block, and an opinion nobody was given the floor for is not stored', () => {
    const doc = sampleDoc();
    const given = '7f1d2c3b-0000-4000-8000-000000000001';
    const forged = '7f1d2c3b-0000-4000-8000-000000000002';
    meetingDoc.speakers(doc).set('r1', {
      id: 'r1',
      userId: A,
      name: 'An',
      requestedAt: 't',
      state: 'done',
      opinionId: given,
    });
    // Written directly into the document (the update guard refuses this from a client): a wrong name on a real turn,
    // and a block in someone's name for a turn that never happened.
    insertInSection(doc, 's-2', 'opinion', { id: given, speakerId: B, speakerName: 'Người khác' }, 'đồng ý');
    insertInSection(doc, 's-2', 'opinion', { id: forged, speakerId: B, speakerName: 'B' }, 'giả');
    const projection = readProjection(doc, new Set([A, B]));
    expect(projection.opinions.map((o) => [o.id, o.speakerId, o.speakerName, o.body])).toEqual([
      [given, A, 'An', 'đồng ý'],
    ]);
    expect(projection.refused).toContain(`opinion:${forged}`);
  });
});

describe('the sealed content hash', () => {
  const meeting = {
    id: A,
    kind: 'regular' as const,
    title: 'Tháng 12',
    starts_at: '2026-12-05T19:30',
    place: 'Nhà văn hóa',
  };

  it('is stable for the same content, however it was reached', () => {
    const one = sampleDoc();
    meetingDoc.attendance(one).set(B, { userId: B, name: 'B', status: 'present', at: 't', by: A });
    meetingDoc.attendance(one).set(A, { userId: A, name: 'A', status: 'late', at: 't', by: A });
    const two = new Y.Doc();
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    expect(contentHash(meetingContent(meeting, two)).hash).toBe(contentHash(meetingContent(meeting, one)).hash);
  });

  it('changes when a single character of the minutes changes', () => {
    const doc = sampleDoc();
    const before = contentHash(meetingContent(meeting, doc)).hash;
    ((meetingDoc.minutes(doc).get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, '.');
    expect(contentHash(meetingContent(meeting, doc)).hash).not.toBe(before);
  });
});
