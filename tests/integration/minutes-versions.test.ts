import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { CURRENT_VERSION } from '../../lib/minutes/versions';
import type { SessionUser } from '../../server/services/accounts';
import { connectClient, type TestClient } from '../helpers/clients';
import { addMemberWithPassword, attachOverseer, seedCell, TEST_PASSWORD, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { makeDataDir, removeDataDir } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { describeEachDatabase } from '../helpers/temp-database';

const OPINION = 'Đồng chí Bình: đề nghị tổ chức tổng vệ sinh khu phố vào sáng chủ nhật.';
const REWRITTEN = 'Đồng chí Bình: đề nghị tổ chức tổng vệ sinh khu phố vào sáng thứ bảy.';

/**
 * The minutes' named versions: kept when the meeting starts and ends, when a
 * minutes-taker saves one, and sealed at approval; compared line by line as
 * the document prints them; read by the cell, and by its overseers only once
 * the minutes are approved.
 */
describe('versions of the minutes', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let client: TestClient;
  let overseer: SessionUser;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    overseer = await addMemberWithPassword(
      fixture.services,
      fixture.otherCellId,
      'Võ Văn Giám',
      'giam@test.vn',
      'member',
      'full',
    );
    await attachOverseer(fixture.services, overseer.id, fixture.cellId);
    await fixture.handle.close();
    server = await startInProcess(dataDir);
    client = connectClient(server.wsUrl, fixture.meetingId, await sessionCookieFor(server.secret, fixture.member));
    await client.synced();
  });

  afterAll(async () => {
    client?.destroy();
    await server?.app.close();
    removeDataDir(dataDir);
  });

  const live = () => server.app.runtime.meetings.live;
  const followUp = () => server.app.runtime.meetings.followUp;
  const versions = () => server.app.runtime.meetings.versions;
  const meetingId = () => fixture.meetingId;
  const names = async (user: SessionUser) =>
    (await versions().history(user, meetingId())).versions.map((v) => (v.label ? `${v.name}:${v.label}` : v.name));

  /** Writes a paragraph under the first section of the minutes, as a member typing in the editor would. */
  function writeUnderFirstSection(text: string) {
    const minutes = meetingDoc.minutes(client.doc);
    const at = minutes
      .toArray()
      .findIndex((n) => n instanceof Y.XmlElement && String(n.getAttribute('sectionId') ?? '').startsWith('s-'));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    minutes.insert(at + 1, [paragraph]);
    return paragraph;
  }

  it('keeps the minutes as they stood when the meeting started, with its facts written out', async () => {
    await live().setRoles(fixture.secretary, {
      meetingId: meetingId(),
      chairId: fixture.secretary.id,
      secretaryId: fixture.member.id,
    });
    expect(await names(fixture.member)).toEqual([]);
    await live().start(fixture.secretary, { meetingId: meetingId() });
    const history = await versions().history(fixture.member, meetingId());
    expect(history.versions.map((v) => v.name)).toEqual(['start']);
    expect(history.versions[0]).toMatchObject({ createdByName: fixture.secretary.name, hash: expect.any(String) });
    expect(history.live).toBe(true);
    expect(history.canSave).toBe(true);

    // The chair's name is in the version as text, not as a fact drawn from today's data.
    const stored = await server.app.runtime.services.db
      .selectFrom('minutes_versions')
      .select('content')
      .where('meeting_id', '=', meetingId())
      .executeTakeFirstOrThrow();
    expect(stored.content).toContain(`Chủ trì: đồng chí ${fixture.secretary.name}`);
    expect(stored.content).not.toContain('"type":"fact"');
  });

  it('saves a version by hand for those who keep the minutes, under a name, and records it', async () => {
    writeUnderFirstSection(OPINION);
    await client.saved();
    const input = { meetingId: meetingId(), label: 'Sau phần thảo luận' };
    await expect(followUp().saveVersion(fixture.exempted, input)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(followUp().saveVersion(fixture.stranger, input)).rejects.toMatchObject({ status: 404 });
    await expect(followUp().saveVersion(fixture.member, { ...input, label: '  ' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { label: 'required' },
    });
    await expect(followUp().saveVersion(fixture.member, { ...input, label: 'x'.repeat(81) })).rejects.toMatchObject({
      details: { label: 'too_long' },
    });
    const saved = await followUp().saveVersion(fixture.member, input);
    expect(await names(fixture.member)).toEqual(['start', 'manual:Sau phần thảo luận']);
    const audit = await server.app.runtime.services.audit.list({
      cells: [fixture.cellId],
      action: 'minutes.version_saved',
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: fixture.member.id, details: { versionId: saved.id } });
  });

  it('compares any two versions, or a version with the minutes now, line by line and word by word', async () => {
    const [start, manual] = (await versions().history(fixture.member, meetingId())).versions;
    const added = await versions().compare(fixture.member, meetingId(), start!.id, manual!.id);
    expect(added).toMatchObject({ added: 1, removed: 0, changed: 0 });
    expect(added.rows.filter((r) => r.kind === 'added')).toEqual([{ kind: 'added', text: OPINION }]);
    // Unchanged lines far from the change are folded, those next to it are shown.
    expect(added.rows.some((r) => r.kind === 'skipped')).toBe(true);
    expect(added.rows.some((r) => r.kind === 'same')).toBe(true);

    // One word rewritten in the live minutes: "chủ nhật" became "thứ bảy".
    const paragraph = meetingDoc
      .minutes(client.doc)
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.toString().includes('chủ nhật')) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    client.doc.transact(() => {
      text.delete(OPINION.indexOf('chủ nhật'), 'chủ nhật'.length);
      text.insert(OPINION.indexOf('chủ nhật'), 'thứ bảy');
    });
    await client.saved();
    const rewritten = await versions().compare(fixture.member, meetingId(), manual!.id, CURRENT_VERSION);
    expect(rewritten).toMatchObject({ added: 0, removed: 0, changed: 1 });
    const changed = rewritten.rows.find((r) => r.kind === 'changed');
    expect(changed?.kind === 'changed' && changed.segments.filter((s) => s.change !== 'same')).toEqual([
      { text: 'chủ nhật', change: 'removed' },
      { text: 'thứ bảy', change: 'added' },
    ]);
    expect(
      changed?.kind === 'changed' && changed.segments.map((s) => (s.change === 'removed' ? '' : s.text)).join(''),
    ).toBe(REWRITTEN);

    const same = await versions().compare(fixture.member, meetingId(), manual!.id, manual!.id);
    expect(same).toMatchObject({ added: 0, removed: 0, changed: 0 });
    await expect(
      versions().compare(fixture.member, meetingId(), start!.id, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('keeps the drafts from the overseers until the minutes are approved, then shows them every version', async () => {
    await expect(versions().history(overseer, meetingId())).rejects.toMatchObject({ status: 404 });
    await expect(versions().history(fixture.stranger, meetingId())).rejects.toMatchObject({ status: 404 });

    const { voteId } = await live().openVote(fixture.secretary, {
      meetingId: meetingId(),
      subject: 'minutes',
      title: 'Thông qua biên bản',
      method: 'show_of_hands',
    });
    await live().markAllPresent(fixture.member, { meetingId: meetingId() });
    await live().recordCounts(fixture.member, { meetingId: meetingId(), voteId, for: 2, against: 0, other: 0 });
    await live().closeVote(fixture.secretary, { meetingId: meetingId(), voteId });
    await live().end(fixture.secretary, { meetingId: meetingId() });
    expect(await names(fixture.member)).toEqual(['start', 'manual:Sau phần thảo luận', 'end']);
    await live().acknowledge(fixture.secretary, { meetingId: meetingId(), role: 'chair', acceptBlanks: true });
    await live().acknowledge(fixture.member, { meetingId: meetingId(), role: 'secretary', acceptBlanks: true });

    const history = await versions().history(overseer, meetingId());
    expect(history.versions.map((v) => v.name)).toEqual(['start', 'manual', 'end', 'approved']);
    expect(history).toMatchObject({ live: false, canSave: false });
    const approved = history.versions.at(-1)!;
    const meeting = await server.app.runtime.services.meetings.requireMeeting(meetingId());
    expect(approved.hash).toBe(meeting.content_hash);

    const startToApproved = await versions().compare(overseer, meetingId(), history.versions[0]!.id, approved.id);
    expect(startToApproved.rows).toContainEqual({ kind: 'added', text: REWRITTEN });
    // Sealed minutes are the record: there is no "now" beside them, and nothing more to save.
    await expect(versions().compare(overseer, meetingId(), approved.id, CURRENT_VERSION)).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      followUp().saveVersion(fixture.member, { meetingId: meetingId(), label: 'Sau khi thông qua' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describeEachDatabase('minutes versions in the database', (db) => {
  it('are kept as written: a row can be added, never changed or removed', async () => {
    const { services } = db();
    const setup = await services.organisations.completeSetup({
      adminName: 'Quản trị',
      email: 'admin@test.vn',
      password: TEST_PASSWORD,
      committeeName: 'Phường Thử',
      cellName: 'Khu phố 1',
    });
    const meeting = await services.meetings.createMeeting(
      setup.cellId,
      { kind: 'regular', startsAt: '2026-11-07T19:30', place: 'Nhà văn hóa' },
      setup.adminId,
    );
    await services.db
      .insertInto('minutes_versions')
      .values({
        id: '11111111-1111-4111-8111-111111111111',
        meeting_id: meeting.id,
        name: 'manual',
        label: 'Bản nháp',
        content_hash: 'a'.repeat(64),
        content: '{}',
        state: new Uint8Array([0, 0]),
        created_by: setup.adminId,
        created_at: new Date().toISOString(),
      })
      .execute();
    await expect(
      services.db.updateTable('minutes_versions').set({ content: '{"changed":true}' }).execute(),
    ).rejects.toThrow(/kept as written/);
    await expect(services.db.deleteFrom('minutes_versions').execute()).rejects.toThrow(/kept as written/);
    const rows = await services.db.selectFrom('minutes_versions').select(['content', 'label']).execute();
    expect(rows).toEqual([{ content: '{}', label: 'Bản nháp' }]);
  });
});
