import * as encoding from 'lib0/encoding';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingDoc, type VoteRecord } from '../../lib/meeting-doc/layout';
import { encodeInitialDocument } from '../../server/collab/initial-document';
import { assignTaskIds, checkUpdate, writeScopeOf, type WriteScope } from '../../server/collab/update-guard';
import { insertInSection } from '../../server/meeting/doc-edits';

const EDITOR: WriteScope = new Set(['minutes']);
const PREPARER: WriteScope = new Set(['minutes', 'agenda']);

/** The server's document of a meeting with an opinion, a vote result and a task, as operations leave it. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    encodeInitialDocument({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2, sectionId: 's-1' }, content: [{ type: 'text', text: 'Nội dung' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Mở đầu' }] },
      ],
    }),
  );
  doc.transact(() => {
    insertInSection(doc, 's-1', 'opinion', { id: 'op-1', speakerId: 'u-an', speakerName: 'Nguyễn Văn An' }, 'ý kiến');
    insertInSection(doc, 's-1', 'voteResult', { voteId: 'v-1' });
    insertInSection(doc, 's-1', 'attendanceBlock', {});
    const task = insertInSection(doc, 's-1', 'task', { id: 't-1', status: 'not_started' }, 'Việc cũ');
    task.setAttribute('dueDate', '2027-01-15');
  });
  return doc;
}

/** A client holding the server's state, whose next change is captured as the update it would send. */
function client(server: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return {
    doc,
    minutes: meetingDoc.minutes(doc),
    change(edit: (doc: Y.Doc) => void): Uint8Array {
      const before = Y.encodeStateVector(doc);
      doc.transact(() => edit(doc));
      return Y.encodeStateAsUpdate(doc, before);
    },
  };
}

/** An update that carries no structs, only the deletion of one item (Yjs v1 encoding). */
function deleteOnly(client: number, clock: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarUint(encoder, 1);
  return encoding.toUint8Array(encoder);
}

const elementNamed = (fragment: Y.XmlFragment, name: string) =>
  fragment.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === name) as Y.XmlElement;
const indexOfNamed = (fragment: Y.XmlFragment, name: string) =>
  fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.nodeName === name);

describe('the update guard: what a client may write into a meeting document', () => {
  let server: Y.Doc;
  beforeEach(() => {
    server = serverDoc();
  });

  /**
   * A client that holds everything the server has makes one change; the
   * verdict on the update it would send. Accepted updates are applied, as
   * the server would, so the next attempt starts from there.
   */
  function attempt(edit: (minutes: Y.XmlFragment, doc: Y.Doc) => void, scope: WriteScope = EDITOR): string {
    const c = client(server);
    const update = c.change((d) => edit(meetingDoc.minutes(d), d));
    const verdict = checkUpdate(server, update, scope);
    if (verdict.kind === 'accept') Y.applyUpdate(server, update);
    return verdict.kind === 'refuse' ? verdict.reason : verdict.kind;
  }

  const textOf = (minutes: Y.XmlFragment, name: string) => elementNamed(minutes, name).get(0) as Y.XmlText;

  it('accepts typing, formatting, new paragraphs and deleting them in the minutes', () => {
    expect(attempt((m) => textOf(m, 'paragraph').insert(6, ' và thảo luận'))).toBe('accept');
    expect(attempt((m) => textOf(m, 'paragraph').format(0, 3, { bold: true }))).toBe('accept');
    expect(
      attempt((m) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('Đoạn mới')]);
        m.push([paragraph]);
      }),
    ).toBe('accept');
    expect(attempt((m) => m.delete(m.length - 1, 1))).toBe('accept');
    expect(meetingDoc.minutes(server).toString()).toContain('đầu và thảo luận</paragraph>');
  });

  it('refuses writes to the structured state: votes, ballots, attendance, session, speakers, review', () => {
    const forged: VoteRecord = {
      id: 'v-2',
      subject: 'resolution',
      title: 'Giả',
      method: 'show_of_hands',
      state: 'closed',
      openedAt: '2026-12-05T12:00:00Z',
      openedBy: 'x',
      counts: { for: 9, against: 0, other: 0 },
      passed: true,
    };
    expect(attempt((_m, d) => meetingDoc.votes(d).set('v-2', forged))).toBe('write to votes');
    expect(
      attempt((_m, d) => meetingDoc.ballots(d).set('v-1:x', { voteId: 'v-1', userId: 'x', choice: 'for', at: '' })),
    ).toBe('write to ballots');
    expect(attempt((_m, d) => meetingDoc.session(d).set('chairId', 'me'))).toBe('write to session');
    expect(attempt((_m, d) => d.getMap('attendance').set('u', { status: 'absent_without_reason' }))).toBe(
      'write to attendance',
    );
    expect(attempt((_m, d) => d.getArray('review').push([{ taskId: 'x' }]))).toBe('write to review');
    expect(attempt((_m, d) => d.getMap('speakers').set('r', {}))).toBe('write to speakers');
    expect(attempt((_m, d) => d.getText('anything').insert(0, 'x'))).toBe('write to anything');
  });

  it('refuses deleting structured state the server wrote', () => {
    server.transact(() => meetingDoc.session(server).set('chairId', 'u-an'));
    expect(attempt((_m, d) => meetingDoc.session(d).delete('chairId'))).toBe('delete in session');
  });

  it('refuses creating, removing or re-attributing an opinion, and accepts editing its text', () => {
    expect(attempt((m) => elementNamed(m, 'opinion').setAttribute('speakerName', 'Người khác'))).toBe(
      'attribute opinion.speakerName',
    );
    expect(
      attempt((m) => {
        const own = new Y.XmlElement('opinion');
        own.setAttribute('speakerId', 'u-an');
        m.push([own]);
      }),
    ).toBe('create opinion');
    expect(attempt((m) => m.delete(indexOfNamed(m, 'opinion'), 1))).toBe('remove opinion');
    expect(attempt((m) => textOf(m, 'opinion').insert(7, ': đồng ý với báo cáo'))).toBe('accept');
    expect(attempt((m) => textOf(m, 'opinion').delete(0, 2))).toBe('accept');
    expect(elementNamed(meetingDoc.minutes(server), 'opinion').toString()).toContain('kiến: đồng ý với báo cáo');
  });

  it('refuses any change to a vote result or the attendance block, including a Backspace over it', () => {
    expect(attempt((m) => m.delete(indexOfNamed(m, 'voteResult'), 1))).toBe('remove voteResult');
    expect(attempt((m) => elementNamed(m, 'voteResult').setAttribute('voteId', 'v-9'))).toBe('inside voteResult');
    expect(attempt((m) => elementNamed(m, 'attendanceBlock').insert(0, [new Y.XmlText('9/9')]))).toBe(
      'inside attendanceBlock',
    );
  });

  it('refuses a delete set that names only a block holding a server block', () => {
    // Yjs deletes the children of a deleted element too, so a hostile client need not list them.
    const quote = new Y.XmlElement('blockquote');
    server.transact(() => meetingDoc.minutes(server).push([quote]));
    server.transact(() => quote.insert(0, [new Y.XmlElement('opinion')]));
    const { client: id, clock } = quote._item!.id;
    expect(checkUpdate(server, deleteOnly(id, clock), EDITOR)).toEqual({
      kind: 'refuse',
      reason: 'remove a block holding opinion',
    });
  });

  it('lets a client create tasks and edit their fields, never their id', () => {
    expect(attempt((m) => elementNamed(m, 'task').setAttribute('status', 'in_progress'))).toBe('accept');
    expect(
      attempt((m) => elementNamed(m, 'task').setAttribute('assignees', [{ userId: 'u', name: 'U' }] as never)),
    ).toBe('accept');
    expect(attempt((m) => elementNamed(m, 'task').setAttribute('id', 'another-meetings-task'))).toBe(
      'attribute task.id',
    );
    expect(attempt((m) => elementNamed(m, 'task').removeAttribute('id'))).toBe('delete attribute task.id');
    expect(
      attempt((m) => {
        const copied = new Y.XmlElement('task');
        copied.setAttribute('id', 't-1');
        m.push([copied]);
      }),
    ).toBe('attribute task.id');

    const c = client(server);
    const update = c.change((d) => {
      const created = new Y.XmlElement('task');
      created.setAttribute('status', 'not_started');
      created.insert(0, [new Y.XmlText('Việc mới')]);
      meetingDoc.minutes(d).push([created]);
    });
    const verdict = checkUpdate(server, update, EDITOR);
    expect(verdict.kind).toBe('accept');
    Y.applyUpdate(server, update);
    assignTaskIds(server, verdict.kind === 'accept' ? verdict.newTasks : [], 'server', () => 'given-by-server');
    const tasks = meetingDoc
      .minutes(server)
      .toArray()
      .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'task');
    expect(tasks.map((t) => t.getAttribute('id'))).toEqual(['t-1', 'given-by-server']);
  });

  it("writes the agenda only for those who prepare the meeting, and only with the agenda's blocks", () => {
    const paragraph = () => new Y.XmlElement('paragraph');
    expect(attempt((_m, d) => meetingDoc.agenda(d).push([paragraph()]), EDITOR)).toBe('write to agenda');
    expect(attempt((_m, d) => meetingDoc.agenda(d).push([paragraph()]), PREPARER)).toBe('accept');
    expect(attempt((_m, d) => meetingDoc.agenda(d).push([new Y.XmlElement('task')]), PREPARER)).toBe(
      'unknown element task',
    );
  });

  it('refuses elements and marks the editor does not know, and types that do not belong in the minutes', () => {
    expect(attempt((m) => m.push([new Y.XmlElement('script')]))).toBe('unknown element script');
    expect(attempt((m) => textOf(m, 'paragraph').format(0, 2, { link: { href: 'javascript:alert(1)' } }))).toBe(
      'format link',
    );
    expect(attempt((m) => m.push([new Y.XmlHook('x') as unknown as Y.XmlElement]))).toMatch(/YXmlHook/);
  });

  it('calls an update incomplete while what it builds on has not arrived, and accepts it with the rest', () => {
    const c = client(server);
    const text = elementNamed(c.minutes, 'paragraph').get(0) as Y.XmlText;
    const first = c.change(() => text.insert(0, 'A'));
    const second = c.change(() => text.insert(1, 'B'));
    expect(checkUpdate(server, second, EDITOR).kind).toBe('incomplete');
    expect(checkUpdate(server, Y.mergeUpdates([second, first]), EDITOR).kind).toBe('accept');
  });

  it('ignores what the server already has', () => {
    const c = client(server);
    expect(checkUpdate(server, Y.encodeStateAsUpdate(c.doc), EDITOR).kind).toBe('accept');
  });
});

describe('writeScopeOf', () => {
  it('hands out one shared scope per combination of roots, whatever their order or repeats', () => {
    const preparer = writeScopeOf(['minutes', 'agenda']);
    expect([...preparer].sort()).toEqual(['agenda', 'minutes']);
    expect(writeScopeOf(['agenda', 'minutes', 'agenda'])).toBe(preparer);
    const editor = writeScopeOf(['minutes']);
    expect([...editor]).toEqual(['minutes']);
    expect(editor).not.toBe(preparer);
    expect(writeScopeOf([])).toEqual(new Set());
  });
});
