import { beforeAll, expect, it } from 'vitest';
import type { MeetingKind, MeetingState } from '../../lib/domain';
import type { Subject } from '../../lib/policy';
import type { SearchFilters } from '../../lib/search/query';
import type { Meeting } from '../../server/db/schema';
import { writeProjection, type Projection } from '../../server/meeting/projection';
import { dialectOf, searchEngine, type SearchEngine } from '../../server/search/index';
import { parseQuery } from '../../lib/search/query';
import { readableMeetings } from '../../lib/policy';
import { readableCells, readableWhere } from '../../server/search/scope';
import { cellToken, sqliteFtsWith } from '../../server/search/sqlite-fts';
import { rebuildSearchIndex } from '../../server/search/service';
import { describeEachDatabase, type TempDatabase } from '../helpers/temp-database';

/** A projection carrying only text, as the projector writes it after the minutes changed. */
function textProjection(text: string, agenda = ''): Projection {
  return { attendance: [], opinions: [], tasks: [], votes: [], text, agenda, refused: [] };
}

const MINUTES = {
  resolution: [
    'BIÊN BẢN sinh hoạt chi bộ thường kỳ tháng 3 năm 2025',
    'Đồng chí Nguyễn Văn Đức: Đề nghị chi bộ ban hành nghị quyết về công tác phòng chống dịch.',
    'Kết luận: chi bộ thống nhất thông qua Nghị quyết tháng 3.',
  ].join('\n'),
  roads: [
    'BIÊN BẢN sinh hoạt chi bộ tháng 7 năm 2026',
    'Nhiệm vụ: Đồng chí Trần Thị Bình phụ trách sửa đường liên thôn trước ngày 30/8/2026.',
    'Đồng chí Lê Văn Dũng: Quyết nghị cần rõ hơn về kinh phí.',
  ].join('\n'),
  other: 'Biên bản họp của chi bộ khác: bàn về nghị quyết của chi bộ bạn và đường điện.',
  secret: 'Biên bản họp mật: nhận xét đảng viên dự bị Phạm Văn Mật.',
  committee: 'Biên bản họp chi ủy: chuẩn bị nghị quyết chi ủy và nhân sự.',
  draftOther: 'Biên bản dự thảo chưa duyệt: nghị quyết về quỹ khuyến học.',
};

describeEachDatabase('full-text search over minutes', (db) => {
  const meetings: Record<keyof typeof MINUTES, Meeting> = {} as never;
  const subjects: Record<string, Subject> = {};
  let cellA = '';
  let cellB = '';

  const search = (who: string, q: string, filters: SearchFilters = {}) =>
    db().services.search.search(subjects[who]!, { q, filters });
  const titlesFound = async (who: string, q: string, filters: SearchFilters = {}) => {
    const outcome = await search(who, q, filters);
    if (!outcome.ok) throw new Error(`query refused: ${outcome.error}`);
    return outcome.hits.map((h) => keyOf(h.meetingId)).sort();
  };
  const keyOf = (id: string) => Object.entries(meetings).find(([, m]) => m.id === id)?.[0] ?? id;

  async function meeting(
    t: TempDatabase,
    cellId: string,
    key: keyof typeof MINUTES,
    options: { startsAt: string; kind?: MeetingKind; state?: MeetingState; secret?: boolean },
  ) {
    const created = await t.services.meetings.createMeeting(
      cellId,
      { kind: options.kind ?? 'regular', startsAt: options.startsAt, place: 'Nhà văn hóa thôn Đông' },
      null,
    );
    await t.services.db
      .updateTable('meetings')
      .set({ state: options.state ?? 'approved', classification: options.secret ? 'secret' : 'normal' })
      .where('id', '=', created.id)
      .execute();
    const row = (await t.services.meetings.getMeeting(created.id))!;
    await writeProjection(
      t.services.db,
      row,
      textProjection(MINUTES[key], key === 'roads' ? 'Chương trình: giao thông nông thôn' : ''),
    );
    meetings[key] = row;
  }

  beforeAll(async () => {
    const t = db();
    const { organisations, accounts } = t.services;
    const committee = await organisations.createCommittee('Đảng bộ xã Đông Hưng');
    cellA = (await organisations.createCell(committee.id, 'Chi bộ thôn Đông')).id;
    cellB = (await organisations.createCell(committee.id, 'Chi bộ thôn Đoài')).id;
    const add = async (cell: string, name: string, role: 'secretary' | 'member', status: 'full' | 'exempted') =>
      (await organisations.addMember(cell, { name, email: `${name.replace(/\W/g, '')}@search.vn`, role, status }))
        .userId;
    const users = {
      secretaryA: await add(cellA, 'secretaryA', 'secretary', 'full'),
      memberA: await add(cellA, 'memberA', 'member', 'full'),
      exemptedA: await add(cellA, 'exemptedA', 'member', 'exempted'),
      memberB: await add(cellB, 'memberB', 'member', 'full'),
      overseer: (await accounts.createUser({ email: 'overseer@search.vn', name: 'Overseer' })).id,
      admin: (await accounts.createUser({ email: 'admin@search.vn', name: 'Admin', isAdmin: true })).id,
      stranger: (await accounts.createUser({ email: 'stranger@search.vn', name: 'Stranger' })).id,
    };
    await t.services.db
      .insertInto('oversights')
      .values({ user_id: users.overseer, cell_id: cellA, created_at: new Date().toISOString() })
      .execute();

    await meeting(t, cellA, 'resolution', { startsAt: '2025-03-05T19:30' });
    await meeting(t, cellA, 'roads', { startsAt: '2026-07-05T19:30', kind: 'thematic', state: 'closed' });
    await meeting(t, cellB, 'other', { startsAt: '2026-07-06T19:30' });
    await meeting(t, cellA, 'secret', { startsAt: '2026-05-05T19:30', secret: true });
    await meeting(t, cellA, 'committee', { startsAt: '2026-06-01T08:00', kind: 'committee', state: 'in_progress' });
    await meeting(t, cellB, 'draftOther', { startsAt: '2026-08-01T19:30', state: 'in_progress' });
    for (const [name, id] of Object.entries(users)) {
      subjects[name] = await organisations.subjectFor({ id, isAdmin: name === 'admin' });
    }
  });

  it('finds words with or without diacritics, in any case, đ as d, on both sides', async () => {
    // Unquoted words may stand anywhere: "Quyết nghị" (roads) holds both.
    expect(await titlesFound('secretaryA', 'nghi quyet')).toEqual(['committee', 'resolution', 'roads']);
    expect(await titlesFound('secretaryA', 'NGHỊ QUYẾT')).toEqual(['committee', 'resolution', 'roads']);
    expect(await titlesFound('secretaryA', 'Nghị Quyết')).toEqual(['committee', 'resolution', 'roads']);
    expect(await titlesFound('secretaryA', 'duc')).toEqual(['resolution']);
    expect(await titlesFound('secretaryA', 'Đức')).toEqual(['resolution']);
    expect(await titlesFound('secretaryA', 'đuc')).toEqual(['resolution']);
    expect(await titlesFound('secretaryA', 'duong lien thon')).toEqual(['roads']);
  });

  it('matches whole words: a word that only begins another finds nothing', async () => {
    expect(await titlesFound('secretaryA', 'nghi quye')).toEqual([]);
  });

  it("matches the words of the text only, never the term SQLite keeps for a meeting's cell", async () => {
    expect(await titlesFound('admin', cellToken(cellA))).toEqual([]);
    expect(await titlesFound('secretaryA', `bien ban ${cellToken(cellA)}`)).toEqual([]);
  });

  it('finds a quoted phrase only with its words together and in order', async () => {
    expect(await titlesFound('secretaryA', '"nghị quyết"')).toEqual(['committee', 'resolution']);
    expect(await titlesFound('secretaryA', '"quyet nghi"')).toEqual(['roads']);
    expect(await titlesFound('secretaryA', 'quyet nghi')).toEqual(['committee', 'resolution', 'roads']);
    expect(await titlesFound('secretaryA', '"chi bộ thống nhất" dịch')).toEqual(['resolution']);
  });

  it('searches the agenda and the title as well as the minutes, and shows the field that holds most of the query', async () => {
    // "thôn" is in the minutes too ("liên thôn"); the agenda holds all four words.
    const outcome = await search('secretaryA', 'giao thong nong thon');
    expect(outcome.ok && outcome.hits.map((h) => [keyOf(h.meetingId), h.field])).toEqual([['roads', 'agenda']]);
  });

  it('marks the matches in a snippet of the original text', async () => {
    const outcome = await search('secretaryA', 'nghi quyet "phong chong"');
    if (!outcome.ok) throw new Error(outcome.error);
    const hit = outcome.hits.find((h) => keyOf(h.meetingId) === 'resolution')!;
    expect(hit.field).toBe('minutes');
    // Unquoted words are marked one by one ("nghị" of "Đề nghị" too); a phrase as one mark.
    expect(hit.snippet!.parts.filter((p) => p.match).map((p) => p.text)).toEqual([
      'nghị',
      'nghị',
      'quyết',
      'phòng chống',
      'Nghị',
      'quyết',
    ]);
    expect(hit.snippet!.parts.map((p) => p.text).join('')).toContain(
      'ban hành nghị quyết về công tác phòng chống dịch',
    );
  });

  it('filters by cell, year, kind and state', async () => {
    expect(await titlesFound('admin', 'nghi quyet')).toEqual(['draftOther', 'other', 'resolution', 'roads']);
    expect(await titlesFound('admin', 'nghi quyet', { cellId: cellB })).toEqual(['draftOther', 'other']);
    expect(await titlesFound('secretaryA', 'bien ban', { year: 2025 })).toEqual(['resolution']);
    expect(await titlesFound('secretaryA', 'bien ban', { year: 2026 })).toEqual(['committee', 'roads', 'secret']);
    expect(await titlesFound('secretaryA', 'bien ban', { kind: 'thematic' })).toEqual(['roads']);
    expect(await titlesFound('secretaryA', 'bien ban', { state: 'in_progress' })).toEqual(['committee']);
    expect(await titlesFound('secretaryA', 'bien ban', { state: 'approved', year: 2026 })).toEqual(['secret']);
  });

  it('returns only what the searcher may read', async () => {
    // A member of another cell sees their own cell only, drafts included.
    expect(await titlesFound('memberB', 'nghi quyet')).toEqual(['draftOther', 'other']);
    // Committee meetings belong to the committee; secret ones to those who take part.
    expect(await titlesFound('memberA', 'bien ban')).toEqual(['resolution', 'roads', 'secret']);
    expect(await titlesFound('exemptedA', 'bien ban')).toEqual(['resolution', 'roads']);
    expect(await titlesFound('secretaryA', 'mat')).toEqual(['secret']);
    // An overseer reads approved minutes of the cells overseen, secret ones included, and no draft.
    expect(await titlesFound('overseer', 'bien ban')).toEqual(['resolution', 'secret']);
    // An administrator reads ordinary meetings of every cell, but no secret or committee meeting.
    expect(await titlesFound('admin', 'bien ban')).toEqual(['draftOther', 'other', 'resolution', 'roads']);
    expect(await titlesFound('stranger', 'bien ban')).toEqual([]);
    // A filter for a cell one may not read finds nothing rather than widening anything.
    expect(await titlesFound('memberB', 'bien ban', { cellId: cellA })).toEqual([]);
  });

  it('lets a member the committee invited find that committee meeting', async () => {
    await db()
      .services.db.insertInto('meeting_invitees')
      .values({
        meeting_id: meetings.committee.id,
        user_id: subjects.memberA!.userId,
        invited_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    expect(await titlesFound('memberA', 'chi uy')).toEqual(['committee']);
    expect(await titlesFound('exemptedA', 'chi uy')).toEqual([]);
  });

  it('answers the same, newest first, whether the engine walks the index, names the cells or looks each readable meeting up', async () => {
    const t = db();
    // SQLite chooses by how many meetings the searcher may read after the filters, and by how many
    // cells hold them; force each way.
    const all = Number.MAX_SAFE_INTEGER;
    const engines: SearchEngine[] =
      t.dialect === 'sqlite'
        ? [
            sqliteFtsWith({ smallScope: 0, cellTerms: 0 }),
            sqliteFtsWith({ smallScope: 0, cellTerms: all }),
            sqliteFtsWith({ smallScope: all, cellTerms: all }),
          ]
        : [searchEngine(t.dialect)];
    const cases: [string, string, SearchFilters, string[]][] = [
      ['admin', 'nghi quyet', {}, ['draftOther', 'other', 'resolution', 'roads']],
      ['admin', 'nghi quyet', { cellId: cellB }, ['draftOther', 'other']],
      // Invited to the committee meeting by the test before.
      ['memberA', 'bien ban', {}, ['committee', 'resolution', 'roads', 'secret']],
      ['exemptedA', 'bien ban', {}, ['resolution', 'roads']],
      ['secretaryA', '"nghị quyết"', { year: 2025 }, ['resolution']],
      ['memberB', 'nghi quyet', { state: 'in_progress' }, ['draftOther']],
      ['memberB', 'bien ban', { cellId: cellA }, []],
      ['overseer', 'bien ban', {}, ['resolution', 'secret']],
      ['stranger', 'bien ban', {}, []],
    ];
    const startOf = (id: string) => Object.values(meetings).find((m) => m.id === id)!.starts_at;
    for (const engine of engines) {
      for (const [who, q, filters, expected] of cases) {
        const parsed = parseQuery(q);
        if (!parsed.ok) throw new Error(parsed.error);
        const rules = readableMeetings(subjects[who]!);
        const cellIds = readableCells(rules, filters);
        const page = (limit: number, offset: number) =>
          engine.match(t.services.db, {
            query: parsed.query,
            where: readableWhere(rules, filters),
            ...(filters.year !== undefined ? { year: filters.year } : {}),
            ...(cellIds !== null ? { cellIds } : {}),
            limit,
            offset,
          });
        const ids = await page(20, 0);
        expect(ids.map(keyOf).sort(), `${who}: ${q}`).toEqual(expected);
        expect(ids, `${who}: ${q}, newest first`).toEqual(
          [...ids].sort((a, b) => startOf(b).localeCompare(startOf(a))),
        );
        expect([...(await page(2, 0)), ...(await page(20, 2))], `${who}: ${q}, in pages`).toEqual(ids);
      }
    }
  });

  it('refuses a query it cannot answer with a reason, before asking the database', async () => {
    expect(await search('secretaryA', '"nghị quyết')).toEqual({ ok: false, error: 'search.unbalanced_quotes' });
    expect(await search('secretaryA', 'a'.repeat(201))).toEqual({ ok: false, error: 'search.too_long' });
    expect(await search('secretaryA', '" … "')).toEqual({ ok: false, error: 'search.no_terms' });
  });

  it('pages through results newest first', async () => {
    const first = await db().services.search.search(subjects.admin!, { q: 'bien ban', filters: {}, limit: 3 });
    const second = await db().services.search.search(subjects.admin!, {
      q: 'bien ban',
      filters: {},
      limit: 3,
      offset: 3,
    });
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(first.hits.map((h) => keyOf(h.meetingId))).toEqual(['draftOther', 'other', 'roads']);
    expect(first.more).toBe(true);
    expect(second.hits.map((h) => keyOf(h.meetingId))).toEqual(['resolution']);
    expect(second.more).toBe(false);
    // Within a member's cell as across every cell.
    const pages = await Promise.all(
      [0, 2].map((offset) =>
        db().services.search.search(subjects.secretaryA!, { q: 'bien ban', filters: {}, limit: 2, offset }),
      ),
    );
    expect(pages.map((page) => page.ok && page.hits.map((h) => keyOf(h.meetingId)))).toEqual([
      ['roads', 'committee'],
      ['secret', 'resolution'],
    ]);
  });

  it('keeps the index in step when the projection writes new text', async () => {
    const t = db();
    const row = meetings.roads;
    await writeProjection(t.services.db, row, textProjection('Đồng chí Bình: đường bê tông đã xong.'));
    expect(await titlesFound('secretaryA', 'lien thon')).toEqual([]);
    expect(await titlesFound('secretaryA', 'be tong')).toEqual(['roads']);
    await writeProjection(t.services.db, row, textProjection(MINUTES.roads, 'Chương trình: giao thông nông thôn'));
    expect(await titlesFound('secretaryA', 'be tong')).toEqual([]);
    expect(await titlesFound('secretaryA', 'lien thon')).toEqual(['roads']);
  });

  it('moves a meeting in the newest-first order when its start changes', async () => {
    const t = db();
    await t.services.db
      .updateTable('meetings')
      .set({ starts_at: '2024-01-10T19:30' })
      .where('id', '=', meetings.other.id)
      .execute();
    const moved = (await t.services.meetings.getMeeting(meetings.other.id))!;
    await writeProjection(t.services.db, moved, textProjection(MINUTES.other));
    const outcome = await search('admin', 'bien ban');
    expect(outcome.ok && outcome.hits.map((h) => keyOf(h.meetingId))).toEqual([
      'draftOther',
      'roads',
      'resolution',
      'other',
    ]);
    expect(await titlesFound('admin', 'bien ban', { year: 2024 })).toEqual(['other']);
  });

  it('rebuilds the index from the stored text with reindex', async () => {
    const t = db();
    await searchEngine(dialectOf(t.services.db)).clear(t.services.db);
    expect(await titlesFound('secretaryA', 'nghi quyet')).toEqual([]);
    // Text stored without the projection (as before this index existed) is found after a rebuild only.
    await t.services.db
      .updateTable('meeting_text')
      .set({ body: `${MINUTES.resolution}\nBổ sung: khen thưởng đồng chí Hoàng Thị Lụa.` })
      .where('meeting_id', '=', meetings.resolution.id)
      .execute();
    expect(await rebuildSearchIndex(t.services.db)).toEqual({ meetings: 6 });
    expect(await titlesFound('secretaryA', 'nghi quyet')).toEqual(['committee', 'resolution', 'roads']);
    expect(await titlesFound('secretaryA', 'hoang thi lua')).toEqual(['resolution']);
    expect(await db().services.search.sizeBytes()).toBeGreaterThan(0);
  });
});
