import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../lib/collab/close-codes';
import { meetingDoc, type VoteRecord } from '../../lib/meeting-doc/layout';
import { encodeUpdate } from '../../server/collab/protocol';
import { readProjection } from '../../server/meeting/projection';
import { connectClient, waitFor, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { readMetrics } from '../helpers/prometheus';
import { openRawClient } from '../helpers/raw-client';
import { makeDataDir, removeDataDir } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { storedDoc } from '../helpers/stored';

const elementsNamed = (doc: Y.Doc, name: string) =>
  meetingDoc
    .minutes(doc)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === name);

/** An update carrying only the deletion of one item (Yjs v1), as a hostile client can write it by hand. */
function deleteOnly(id: Y.ID): Uint8Array {
  const e = encoding.createEncoder();
  for (const n of [0, 1, id.client, 1, id.clock, 1]) encoding.writeVarUint(e, n);
  return encoding.toUint8Array(e);
}

/**
 * A plain member of the cell, with a stock y-websocket client and their own
 * session cookie, tries to forge the record: each attempt is refused whole
 * (closed with 4422, counted), reaches no other client and no row, and the
 * meeting goes on.
 */
describe('a member cannot forge the meeting record through the live document', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let reader: TestClient;
  let voteId: string;
  let opinionId: string;
  const clients: TestClient[] = [];

  const cookie = (user: CellFixture['member']) => sessionCookieFor(server.secret, user);
  const live = () => server.app.runtime.meetings.live;
  const refusedSoFar = async () => (await readMetrics(server.url)).bienban_collab_updates_refused_total ?? 0;

  /** A fresh stock client of `user`, synced. */
  async function clientOf(user: CellFixture['member']): Promise<TestClient> {
    const client = connectClient(server.wsUrl, fixture.meetingId, await cookie(user));
    clients.push(client);
    await client.synced();
    return client;
  }

  /** The client is closed with 4422 and gives up; the reader, who was there all along, never saw the change. */
  async function expectRefused(client: TestClient, before: number): Promise<void> {
    await waitFor(
      () => client.closeCodes.includes(CLOSE_CODES.updateRefused),
      10_000,
      'the forged update was not refused',
    );
    expect(client.provider.shouldConnect).toBe(false);
    expect(await refusedSoFar()).toBeGreaterThan(before);
  }

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    await fixture.handle.close();
    server = await startInProcess(dataDir);
    const meetingId = fixture.meetingId;
    await live().setRoles(fixture.secretary, {
      meetingId,
      chairId: fixture.secretary.id,
      secretaryId: fixture.secretary.id,
    });
    await live().start(fixture.secretary, { meetingId });
    await live().markAttendance(fixture.secretary, { meetingId, userId: fixture.secretary.id, status: 'present' });
    await live().markAttendance(fixture.secretary, { meetingId, userId: fixture.member.id, status: 'present' });
    const { requestId } = await live().requestFloor(fixture.member, { meetingId });
    opinionId = (await live().giveFloor(fixture.secretary, { meetingId, requestId })).opinionId;
    voteId = (
      await live().openVote(fixture.secretary, {
        meetingId,
        subject: 'resolution',
        title: 'Nghị quyết',
        method: 'show_of_hands',
      })
    ).voteId;
    reader = await clientOf(fixture.secretary);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.app.close();
    removeDataDir(dataDir);
  });

  it("refuses a closed, passed vote with made-up counts, a ballot in the secretary's name, the secretary marked absent and the member as chair", async () => {
    const attempts: [string, (doc: Y.Doc) => void][] = [
      [
        'a forged vote',
        (doc) => {
          const forged: VoteRecord = {
            ...meetingDoc.votes(doc).get(voteId)!,
            state: 'closed',
            counts: { for: 9, against: 0, other: 0 },
            passed: true,
          };
          meetingDoc.votes(doc).set(voteId, forged);
        },
      ],
      [
        "a ballot in the secretary's name",
        (doc) =>
          meetingDoc.ballots(doc).set(`${voteId}:${fixture.secretary.id}`, {
            voteId,
            userId: fixture.secretary.id,
            choice: 'against',
            at: '',
          }),
      ],
      [
        'the secretary marked absent without reason',
        (doc) =>
          meetingDoc.attendance(doc).set(fixture.secretary.id, {
            userId: fixture.secretary.id,
            name: fixture.secretary.name,
            status: 'absent_without_reason',
            at: '',
            by: fixture.member.id,
          }),
      ],
      ['the member as chair', (doc) => meetingDoc.session(doc).set('chairId', fixture.member.id)],
    ];
    for (const [what, forge] of attempts) {
      const before = await refusedSoFar();
      const forger = await clientOf(fixture.member);
      forge(forger.doc);
      await expectRefused(forger, before);
      expect(what).toBeTruthy();
    }
    // The meeting goes on: the reader's next change arrives and is saved, the forged ones never did.
    await live().markReadBack(fixture.secretary, { meetingId: fixture.meetingId });
    await waitFor(() => meetingDoc.session(reader.doc).has('readBackAt'), 5000, 'the meeting did not go on');
    expect(meetingDoc.votes(reader.doc).get(voteId)?.state).toBe('open');
    expect(Array.from(meetingDoc.ballots(reader.doc).keys())).toEqual([]);
    expect(meetingDoc.attendance(reader.doc).get(fixture.secretary.id)?.status).toBe('present');
    expect(meetingDoc.session(reader.doc).get('chairId')).toBe(fixture.secretary.id);

    const stored = await storedDoc(server.app.runtime.services.docStore, fixture.meetingId);
    expect(meetingDoc.votes(stored).get(voteId)?.state).toBe('open');
    expect(meetingDoc.ballots(stored).size).toBe(0);
    expect(meetingDoc.attendance(stored).get(fixture.secretary.id)?.status).toBe('present');
    expect(meetingDoc.session(stored).get('chairId')).toBe(fixture.secretary.id);
    const fresh = await clientOf(fixture.exempted);
    expect(meetingDoc.votes(fresh.doc).get(voteId)?.state).toBe('open');
  });

  it('refuses removing a vote result from the minutes, while the votes panel still shows the vote', async () => {
    const before = await refusedSoFar();
    const forger = await clientOf(fixture.member);
    const minutes = meetingDoc.minutes(forger.doc);
    const index = minutes.toArray().findIndex((n) => n instanceof Y.XmlElement && n.nodeName === 'voteResult');
    expect(index).toBeGreaterThan(-1);
    minutes.delete(index, 1);
    await expectRefused(forger, before);
    expect(elementsNamed(reader.doc, 'voteResult').map((v) => v.getAttribute('voteId'))).toEqual([voteId]);
  });

  it('refuses a raw socket that names only the vote result in a hand-written delete set', async () => {
    const before = await refusedSoFar();
    const target = elementsNamed(reader.doc, 'voteResult')[0]!._item!.id;
    const raw = await openRawClient(server.wsUrl, fixture.meetingId, await cookie(fixture.member));
    await new Promise((resolve) => setTimeout(resolve, 200));
    raw.send(encodeUpdate(deleteOnly(target)));
    expect(await raw.closed).toBe(CLOSE_CODES.updateRefused);
    expect(await refusedSoFar()).toBeGreaterThan(before);
    expect(elementsNamed(reader.doc, 'voteResult')).toHaveLength(1);
  });

  it("refuses an opinion in another member's name and a changed speaker, and keeps the opinion's text editable", async () => {
    let before = await refusedSoFar();
    const forger = await clientOf(fixture.member);
    const own = new Y.XmlElement('opinion');
    own.setAttribute('id', crypto.randomUUID());
    own.setAttribute('speakerId', fixture.secretary.id);
    own.setAttribute('speakerName', fixture.secretary.name);
    own.insert(0, [new Y.XmlText('Tôi không đồng ý')]);
    meetingDoc.minutes(forger.doc).push([own]);
    await expectRefused(forger, before);

    before = await refusedSoFar();
    const renamer = await clientOf(fixture.member);
    elementsNamed(renamer.doc, 'opinion')[0]!.setAttribute('speakerName', 'Người khác');
    await expectRefused(renamer, before);

    const writer = await clientOf(fixture.member);
    const text = elementsNamed(writer.doc, 'opinion')[0]!.get(0) as Y.XmlText | undefined;
    const body = text ?? new Y.XmlText();
    if (!text) elementsNamed(writer.doc, 'opinion')[0]!.insert(0, [body]);
    body.insert(body.length, 'Đồng ý với dự thảo nghị quyết.');
    await writer.saved();
    await waitFor(
      () => elementsNamed(reader.doc, 'opinion')[0]!.toString().includes('Đồng ý với dự thảo'),
      5000,
      'the opinion text did not reach the reader',
    );
    expect(writer.closeCodes).not.toContain(CLOSE_CODES.updateRefused);
    const projected = readProjection(reader.doc, new Set([fixture.secretary.id, fixture.member.id]));
    expect(projected.opinions.map((o) => [o.id, o.speakerId, o.body])).toEqual([
      [opinionId, fixture.member.id, 'Đồng ý với dự thảo nghị quyết.'],
    ]);
  });

  it('lets only those who prepare the meeting write the agenda', async () => {
    const before = await refusedSoFar();
    const member = await clientOf(fixture.member);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Chương trình sửa trái phép')]);
    meetingDoc.agenda(member.doc).push([paragraph]);
    await expectRefused(member, before);

    const secretary = await clientOf(fixture.secretary);
    const line = new Y.XmlElement('paragraph');
    line.insert(0, [new Y.XmlText('1. Thông qua chương trình')]);
    meetingDoc.agenda(secretary.doc).push([line]);
    await secretary.saved();
    await waitFor(() => meetingDoc.agenda(reader.doc).toString().includes('Thông qua chương trình'), 5000, 'agenda');
    expect(meetingDoc.agenda(reader.doc).toString()).not.toContain('trái phép');
  });

  it('gives a new task its id from the server and refuses one the client chose', async () => {
    const writer = await clientOf(fixture.member);
    const task = new Y.XmlElement('task');
    task.setAttribute('status', 'not_started');
    task.insert(0, [new Y.XmlText('Vận động đóng đảng phí')]);
    meetingDoc.minutes(writer.doc).push([task]);
    await waitFor(() => typeof task.getAttribute('id') === 'string', 5000, 'no id from the server');
    expect(task.getAttribute('id')).toMatch(/^[0-9a-f-]{36}$/);

    const before = await refusedSoFar();
    const forger = await clientOf(fixture.member);
    const copied = new Y.XmlElement('task');
    copied.setAttribute('id', task.getAttribute('id')!);
    meetingDoc.minutes(forger.doc).push([copied]);
    await expectRefused(forger, before);
  });

  it('holds an update that builds on offline edits not sent yet, and applies both once they arrive', async () => {
    const raw = await openRawClient(server.wsUrl, fixture.meetingId, await cookie(fixture.member));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(reader.doc));
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText('Viết khi mất mạng');
    paragraph.insert(0, [text]);
    const base = Y.encodeStateVector(offline);
    meetingDoc.minutes(offline).push([paragraph]);
    const first = Y.encodeStateAsUpdate(offline, base);
    const middle = Y.encodeStateVector(offline);
    text.insert(text.length, ', gõ tiếp khi có mạng');
    const second = Y.encodeStateAsUpdate(offline, middle);
    raw.send(encodeUpdate(second));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(meetingDoc.minutes(reader.doc).toString()).not.toContain('gõ tiếp');
    raw.send(encodeUpdate(first));
    await waitFor(
      () => meetingDoc.minutes(reader.doc).toString().includes('Viết khi mất mạng, gõ tiếp khi có mạng'),
      5000,
      'the held update never arrived',
    );
    raw.ws.close();
  });
});
