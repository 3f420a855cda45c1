import { randomUUID } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { extractTextItems, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VoteSubject } from '../../lib/meeting-doc/layout';
import type { VoteCounts } from '../../lib/rules/votes';
import { appendToSection, taskBlock } from '../../server/cli/demo-doc';
import { seedDemo, type DemoSummary } from '../../server/cli/seed-demo';
import { renderPdf } from '../../server/export/pdf';
import { buildResolutionDocument } from '../../server/export/resolution-document';
import { fileClaims } from '../../server/export/verify';
import { createMeetingRecord, type MeetingOperations } from '../../server/meeting';
import { listSections } from '../../server/meeting/doc-edits';
import { createStoredDocs, type StoredDocs } from '../../server/meeting/stored-docs';
import { createServices, type Services } from '../../server/services';
import type { SessionUser } from '../../server/services/accounts';
import {
  docxMargin,
  docxParts,
  docxRuns,
  pdfPages,
  squash,
  VIETNAMESE,
  VIETNAMESE_LOWER,
} from '../helpers/export-files';
import { describeEachDatabase } from '../helpers/temp-database';

const REQUEST = { address: '203.0.113.9', origin: 'https://bienban.example.vn' };
/**
 * The demo is seeded as on this day, so that the meeting it schedules for next month is December
 * 2026's, whatever today's date: the dates below are that meeting's.
 */
const SEEDED_ON = new Date(2026, 10, 20, 12);

/** What the meeting held here decides, and what it must leave out of its resolution. */
const PASSED = 'Thông qua nghị quyết tháng 12 năm 2026';
const FAILED = 'Chuyển buổi sinh hoạt tháng 1 sang sáng Chủ nhật';
const MINUTES_VOTE = 'Thông qua biên bản cuộc họp';
const TASKS = [
  {
    text: 'Vận động hội viên đóng góp quỹ «Vì người nghèo» trước Tết Nguyên đán.',
    assignees: ['Trần Thị Mai', 'Phạm Thị Lan'],
    due: '2026-12-20',
  },
  { text: 'Kiểm tra hệ thống chiếu sáng đường Trần Quang Khải.', assignees: ['Hoàng Văn Nam'], due: '2026-12-31' },
];

describeEachDatabase('the resolution exported as its own document', (db) => {
  let services: Services;
  let docs: StoredDocs;
  let ops: MeetingOperations;
  let demo: DemoSummary;
  let heldId: string;
  let hash: string;
  let secretary: SessionUser;
  let taker: SessionUser;
  let member: SessionUser;
  /** The resolution of the meeting held here, exported before its minutes were sealed. */
  const drafts: { docx?: Uint8Array; pdf?: Uint8Array; docxName?: string; pdfName?: string } = {};

  const user = async (name: string) => {
    const found = demo.members.find((m) => m.name === name);
    const account = found ? await services.accounts.getUser(found.userId) : null;
    if (!account) throw new Error(`no demo member ${name}`);
    return account;
  };
  const exportResolution = (who: SessionUser, meetingId: string, format: 'docx' | 'pdf') =>
    ops.exports.exportMinutes(who, meetingId, format, REQUEST, 'resolution');

  /** The members expected at a meeting of the demo cell: everyone present once the roll call marks them all. */
  const expectedCount = async () =>
    (await services.organisations.listMembers(demo.cellId)).filter((m) => m.status !== 'exempted').length;

  /** A vote opened by the chair, the hands counted by the minutes-taker, closed. */
  async function vote(meetingId: string, subject: VoteSubject, title: string, counts: VoteCounts) {
    const { voteId } = await ops.live.openVote(secretary, { meetingId, subject, title, method: 'show_of_hands' });
    await ops.live.recordCounts(taker, { meetingId, voteId, ...counts });
    return ops.live.closeVote(secretary, { meetingId, voteId });
  }

  /** Tasks typed into a section of the minutes, each assigned to members with a due date. */
  async function addTasks(meetingId: string, heading: string, tasks: typeof TASKS) {
    const sectionId = (await docs.read(meetingId, listSections)).find((s) => s.title.startsWith(heading))!.sectionId;
    const members = await services.organisations.listMembers(demo.cellId);
    for (const task of tasks) {
      const assignees = task.assignees.map((name) => ({ userId: members.find((m) => m.name === name)!.userId, name }));
      await docs.change(meetingId, (doc) =>
        appendToSection(
          doc,
          sectionId,
          taskBlock({ id: randomUUID(), assignees, dueDate: task.due, status: 'not_started' }, task.text),
        ),
      );
    }
  }

  // Seeding the demo's year and holding a meeting through the operations takes a while on PostgreSQL.
  beforeAll(async () => {
    services = db().services;
    demo = await seedDemo(services, SEEDED_ON);
    const record = createMeetingRecord(services);
    docs = createStoredDocs(services.docStore, record.hooks);
    ops = record.attach(docs);
    secretary = await user('Nguyễn Văn Hùng');
    taker = await user('Lê Minh Tuấn');
    member = await user('Phạm Thị Lan');

    // December's regular meeting, held here: a resolution passed, a proposal voted down, two tasks, the
    // minutes approved by vote and sealed.
    heldId = demo.meetings.find((m) => m.state === 'scheduled')!.id;
    await ops.live.setRoles(secretary, { meetingId: heldId, chairId: secretary.id, secretaryId: taker.id });
    await ops.live.start(secretary, { meetingId: heldId });
    await ops.live.markAllPresent(taker, { meetingId: heldId });
    const present = await expectedCount();
    await addTasks(heldId, '3. Nhiệm vụ', TASKS);
    expect(await vote(heldId, 'resolution', PASSED, { for: present, against: 0, other: 0 })).toMatchObject({
      passed: true,
    });
    expect(await vote(heldId, 'other', FAILED, { for: 2, against: present - 2, other: 0 })).toMatchObject({
      passed: false,
    });
    const draftDocx = await exportResolution(secretary, heldId, 'docx');
    const draftPdf = await exportResolution(secretary, heldId, 'pdf');
    Object.assign(drafts, {
      docx: draftDocx.data,
      pdf: draftPdf.data,
      docxName: draftDocx.name,
      pdfName: draftPdf.name,
    });

    await vote(heldId, 'minutes', MINUTES_VOTE, { for: present, against: 0, other: 0 });
    await ops.live.end(secretary, { meetingId: heldId });
    await docs.settled();
    await ops.live.acknowledge(secretary, { meetingId: heldId, role: 'chair', acceptBlanks: true });
    const { sealed } = await ops.live.acknowledge(taker, { meetingId: heldId, role: 'secretary', acceptBlanks: true });
    hash = sealed!.hash;
  }, 300_000);

  // Projections the operations started in the background finish before the database is closed.
  afterAll(() => docs.settled());

  const day = async (meetingId: string) => (await services.meetings.getMeeting(meetingId))!.starts_at.slice(0, 10);

  it('writes the approved resolution as DOCX on A4 with the party margins, Times New Roman, the sizes and the blocks side by side', async () => {
    const file = await exportResolution(member, heldId, 'docx');
    expect(file.status).toBe('approved');
    expect(file.name).toBe(`nghi-quyet-${await day(heldId)}.docx`);
    const { document, custom } = docxParts(file.data);
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(docxMargin(document, 'top')).toBeCloseTo(25, 1);
    expect(docxMargin(document, 'bottom')).toBeCloseTo(25, 1);
    expect(docxMargin(document, 'left')).toBeCloseTo(35, 1);
    expect(docxMargin(document, 'right')).toBeCloseTo(15, 1);

    const runs = docxRuns(document);
    expect(new Set(runs.map((r) => r.font))).toEqual(new Set(['Times New Roman']));
    const run = (text: string) => runs.find((r) => r.text === text);
    expect(run('ĐẢNG BỘ PHƯỜNG TÂN ĐỊNH')).toMatchObject({ size: 14, bold: false });
    expect(run('CHI BỘ KHU PHỐ 3')).toMatchObject({ size: 14, bold: true });
    expect(run('ĐẢNG CỘNG SẢN VIỆT NAM')).toMatchObject({ size: 15, bold: true, underline: true });
    expect(runs.find((r) => /, ngày \d\d tháng 12 năm 2026$/.test(r.text))).toMatchObject({
      size: 14,
      italic: true,
    });
    expect(run('NGHỊ QUYẾT')).toMatchObject({ size: 16, bold: true });
    expect(run('CHI BỘ QUYẾT NGHỊ:')).toMatchObject({ size: 14, bold: true });
    expect(run('Nơi nhận:')).toMatchObject({ size: 14, underline: true });
    for (const recipient of ['- Đảng ủy phường Tân Định,', '- Đảng viên trong chi bộ,', '- Lưu chi bộ.'])
      expect(run(recipient), recipient).toMatchObject({ size: 12, bold: false });
    expect(run('T/M CHI BỘ')).toMatchObject({ size: 14, bold: true });
    expect(run('BÍ THƯ')).toMatchObject({ size: 14, bold: true });
    expect(run('Nguyễn Văn Hùng')).toMatchObject({ size: 14, bold: true });
    expect(runs.filter((r) => ![10, 12, 14, 15, 16].includes(r.size))).toEqual([]);

    // Two borderless tables: the header blocks in two cells of one row, "Nơi nhận:" beside "T/M CHI BỘ".
    const tables = document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables).toHaveLength(2);
    const firstRowCells = (table: string) =>
      (/<w:tr[ >][\s\S]*?<\/w:tr>/.exec(table)?.[0] ?? '').match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
    const [headerLeft, headerRight] = firstRowCells(tables[0]!);
    expect(headerLeft).toContain('CHI BỘ KHU PHỐ 3');
    expect(headerRight).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    const [recipients, signer] = firstRowCells(tables[1]!);
    expect(recipients).toContain('Nơi nhận:');
    // The recipients' cell runs down beside the room to sign, so the signer's name is not pushed below it.
    expect(recipients).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(signer).toContain('T/M CHI BỘ');

    expect(document).toContain(PASSED);
    expect(document).not.toContain(FAILED);
    expect(document).not.toContain(MINUTES_VOTE);
    expect(document).toContain('Nghị quyết này được lập từ biên bản đã được thông qua và khóa lúc');
    expect(document).toContain(hash);
    expect(document).toContain('https://bienban.example.vn/verify');
    expect(document).not.toContain('DỰ THẢO');
    expect(custom).toMatch(new RegExp(`name="BienBanSeal"[^>]*><vt:lpwstr>${hash}</vt:lpwstr>`));
    expect(custom).toMatch(/name="BienBanDocument"[^>]*><vt:lpwstr>resolution<\/vt:lpwstr>/);
  });

  it('writes the approved resolution as a PDF: decisions and tasks with assignees and due dates, the seal, numbered pages', async () => {
    const file = await exportResolution(member, heldId, 'pdf');
    expect(file.name).toBe(`nghi-quyet-${await day(heldId)}.pdf`);
    const raw = Buffer.from(file.data).toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Regular/);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(fileClaims(file.data)).toMatchObject({ format: 'pdf', hash, meetingId: heldId, document: 'resolution' });

    const { totalPages, text } = await pdfPages(file.data);
    // Two short tasks and one decision: the resolution fits one page, or spills its signatures onto a second.
    expect(totalPages).toBeGreaterThanOrEqual(1);
    expect(totalPages).toBeLessThanOrEqual(2);
    const all = squash(text.join('\n'));
    for (const words of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'CHI BỘ KHU PHỐ 3',
      'NGHỊ QUYẾT',
      'Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026',
      'Chi bộ khu phố 3 tổ chức sinh hoạt chi bộ thường kỳ tháng 12 năm 2026',
      'CHI BỘ QUYẾT NGHỊ:',
      `1. ${PASSED}`,
      'đồng chí có mặt tán thành (100%)',
      `1. ${TASKS[0]!.text}`,
      'Người thực hiện: Trần Thị Mai, Phạm Thị Lan. Thời hạn: 20/12/2026.',
      `2. ${TASKS[1]!.text}`,
      'Người thực hiện: Hoàng Văn Nam. Thời hạn: 31/12/2026.',
      'Nơi nhận:',
      '- Đảng ủy phường Tân Định,',
      'T/M CHI BỘ',
      'BÍ THƯ',
      'Nguyễn Văn Hùng',
    ])
      expect(all).toContain(words);
    expect(all).not.toContain(FAILED);
    expect(all).not.toContain(MINUTES_VOTE);
    expect(all).not.toContain('DỰ THẢO');
    // The signatures do not stand alone on a page: the last task and its assignees are on theirs.
    const signaturesPage = squash(text.find((page) => page.includes('T/M CHI BỘ'))!);
    expect(signaturesPage).toContain(TASKS[1]!.text);
    expect(signaturesPage).toContain('Thời hạn: 31/12/2026.');
    expect(all.replace(/ /g, '')).toContain(hash);

    const { items } = await extractTextItems(await getDocumentProxy(new Uint8Array(file.data)));
    const numberAtTop = (page: number) =>
      items[page - 1]!.some((item) => item.str.trim() === String(page) && item.y > 771);
    expect(items[0]!.some((item) => item.y > 771 && /^\d+$/.test(item.str.trim()))).toBe(false);
    for (let page = 2; page <= totalPages; page++) expect(numberAtTop(page), `page ${page}`).toBe(true);
  });

  it('keeps every Vietnamese letter intact in the PDF text of a resolution, whichever font subset draws it', async () => {
    const model = buildResolutionDocument({
      meeting: { id: heldId, kind: 'regular', title: 'Thử', classification: 'normal' },
      content: {
        minutes: {
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'BIÊN BẢN' }] },
            { type: 'heading', attrs: { level: 2, sectionId: 's-1' }, content: [{ type: 'text', text: 'I. CHỮ' }] },
            {
              type: 'task',
              attrs: { assignees: [{ userId: 'u', name: 'Đặng Thị Ửng' }], dueDate: '2026-12-24' },
              content: [{ type: 'text', text: `Chữ thường: ${VIETNAMESE_LOWER}.` }],
            },
            {
              type: 'task',
              attrs: { assignees: [], dueDate: null },
              content: [{ type: 'text', text: `Chữ hoa: ${VIETNAMESE_LOWER.toLocaleUpperCase('vi')}.` }],
            },
          ],
        },
        attendance: [],
        votes: [],
        review: [],
      },
      members: [],
      chairId: null,
      secretaryId: null,
      facts: null,
      seal: null,
      timeZone: 'Asia/Ho_Chi_Minh',
      verifyUrl: 'https://bienban.example.vn/verify',
    });
    const { text } = await pdfPages(await renderPdf(model));
    const all = text.join('').normalize('NFC');
    for (const letter of VIETNAMESE) expect(all, letter).toContain(letter);
    const letters = all.replace(/\s+/g, '');
    expect(letters).toContain(`Chữthường:${VIETNAMESE_LOWER}.`);
    expect(letters).toContain(`Chữhoa:${VIETNAMESE_LOWER.toLocaleUpperCase('vi')}.`);
    expect(squash(all)).toContain('Người thực hiện: Đặng Thị Ửng. Thời hạn: 24/12/2026.');
  });

  it('marks the resolution of minutes not yet approved as a draft on every page, as the minutes are, without a seal', async () => {
    expect(drafts.docxName).toBe(`nghi-quyet-${await day(heldId)}-du-thao.docx`);
    expect(drafts.pdfName).toBe(`nghi-quyet-${await day(heldId)}-du-thao.pdf`);
    const { document, custom, files } = docxParts(drafts.docx!);
    expect(document).toContain('DỰ THẢO – BIÊN BẢN CHƯA ĐƯỢC THÔNG QUA');
    expect(custom).not.toContain('BienBanSeal');
    expect(document).not.toContain('Nghị quyết này được lập từ biên bản');
    const footers = Object.keys(files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBeGreaterThan(0);
    for (const name of footers) expect(strFromU8(files[name]!)).toContain('DỰ THẢO');
    // The draft already says what was decided so far, and leaves out what was voted down.
    expect(document).toContain(PASSED);
    expect(document).not.toContain(FAILED);

    const { text } = await pdfPages(drafts.pdf!);
    for (const page of text) expect(squash(page)).toContain('DỰ THẢO');
    expect(await ops.exports.verify({ file: drafts.pdf! })).toMatchObject({
      result: 'unknown',
      reason: 'no_seal',
      document: 'resolution',
    });
  });

  it('verifies an approved resolution against the sealed minutes it was drawn from, and tells an edited copy', async () => {
    const pdf = await exportResolution(member, heldId, 'pdf');
    const docx = await exportResolution(member, heldId, 'docx');
    expect(await ops.exports.verify({ file: pdf.data })).toMatchObject({
      result: 'matches',
      hash,
      document: 'resolution',
      meeting: { id: heldId },
    });
    expect(await ops.exports.verify({ file: docx.data })).toMatchObject({
      result: 'matches',
      hash,
      document: 'resolution',
    });

    // An assignee changed in Word: the paragraphs no longer have the digest written at export.
    const files = unzipSync(docx.data);
    const original = strFromU8(files['word/document.xml']!);
    const edited = original.replace('Hoàng Văn Nam', 'Hoàng Văn Bắc');
    expect(edited).not.toBe(original);
    const tampered = zipSync({ ...files, 'word/document.xml': strToU8(edited) });
    expect(await ops.exports.verify({ file: tampered })).toMatchObject({
      result: 'does_not_match',
      reason: 'text_differs',
      document: 'resolution',
    });

    // A copy that claims another seal than its meeting's.
    const forged = Buffer.from(Buffer.from(pdf.data).toString('latin1').replaceAll(hash, 'e'.repeat(64)), 'latin1');
    expect(await ops.exports.verify({ file: forged })).toMatchObject({
      result: 'does_not_match',
      reason: 'hash_differs',
      meeting: { id: heldId },
    });
  });

  it('records an export of an approved resolution in the audit log, saying which document', async () => {
    await exportResolution(member, heldId, 'docx');
    const [entry] = await services.audit.list({ cells: [demo.cellId], action: 'minutes.exported' });
    expect(entry).toMatchObject({
      actorId: member.id,
      meetingId: heldId,
      address: REQUEST.address,
      details: { document: 'resolution', format: 'docx', status: 'approved', hash },
    });
  });

  it('gives a meeting without decisions or tasks a valid resolution that says there are none', async () => {
    const empty = await services.meetings.createMeeting(
      demo.cellId,
      { kind: 'extraordinary', startsAt: '2026-12-15T19:00', place: 'Nhà văn hóa khu phố 3' },
      secretary.id,
    );
    const docx = await exportResolution(member, empty.id, 'docx');
    const { document } = docxParts(docx.data);
    expect(document).toContain('Không có nội dung nào được biểu quyết thông qua.');
    expect(document).toContain('Không có nhiệm vụ nào được giao.');
    const pdf = await exportResolution(member, empty.id, 'pdf');
    const { totalPages, text } = await pdfPages(pdf.data);
    expect(totalPages).toBe(1);
    expect(squash(text[0]!)).toContain('Không có nhiệm vụ nào được giao.');
  });

  it('exports the resolution of a secret meeting only to the cell managers, marked, and records each export', async () => {
    const secret = await services.meetings.createMeeting(
      demo.cellId,
      { kind: 'extraordinary', startsAt: '2026-12-21T08:00', place: 'Phòng họp chi bộ', classification: 'secret' },
      secretary.id,
    );
    await expect(exportResolution(member, secret.id, 'pdf')).rejects.toMatchObject({ status: 403 });
    const stranger = await services.accounts.createUser({ email: 'ngoai-nq@example.vn', name: 'Người Ngoài' });
    await expect(
      exportResolution((await services.accounts.getUser(stranger.id))!, secret.id, 'pdf'),
    ).rejects.toMatchObject({ status: 404 });

    const pdf = await exportResolution(secretary, secret.id, 'pdf');
    const { text } = await pdfPages(pdf.data);
    expect(squash(text[0]!)).toMatch(/^MẬT /);
    for (const page of text) expect(page).toContain('MẬT');
    expect(docxParts((await exportResolution(secretary, secret.id, 'docx')).data).document).toContain('>MẬT<');

    const [entry] = await services.audit.list({ cells: [demo.cellId], action: 'minutes.exported' });
    expect(entry).toMatchObject({
      actorId: secretary.id,
      meetingId: secret.id,
      details: { document: 'resolution', format: 'docx', status: 'draft', classification: 'secret' },
    });
  });

  it('lays out a generic meeting as English decisions and action items, without the party blocks', async () => {
    // An organisation whose language is English: its generic meetings take the English template.
    const english = createServices(db().handle, { language: 'en' });
    const meeting = await english.meetings.createMeeting(
      demo.cellId,
      { kind: 'generic', startsAt: '2026-12-10T18:00', place: 'Community hall' },
      secretary.id,
    );
    await ops.live.setRoles(secretary, { meetingId: meeting.id, chairId: secretary.id, secretaryId: taker.id });
    await ops.live.start(secretary, { meetingId: meeting.id });
    await ops.live.markAllPresent(taker, { meetingId: meeting.id });
    await addTasks(meeting.id, '5. Action items', [
      { text: 'Book the hall for the year-end meeting.', assignees: ['Phạm Thị Lan'], due: '2026-12-15' },
    ]);
    const present = await expectedCount();
    await vote(meeting.id, 'other', 'Hold the year-end meeting on 20 December', { for: present, against: 0, other: 0 });
    await vote(meeting.id, 'other', 'Move the meetings to Saturdays', { for: 1, against: present - 1, other: 0 });

    const pdf = await exportResolution(secretary, meeting.id, 'pdf');
    expect(pdf.name).toBe('resolution-2026-12-10-draft.pdf');
    const all = squash((await pdfPages(pdf.data)).text.join('\n'));
    for (const words of [
      'DECISIONS AND ACTION ITEMS',
      'Held on',
      'at Community hall',
      'Decisions',
      '1. Hold the year-end meeting on 20 December',
      'Action items',
      '1. Book the hall for the year-end meeting.',
      'Assigned to: Phạm Thị Lan. Due: 15/12/2026.',
      'DRAFT – NOT YET APPROVED',
    ])
      expect(all).toContain(words);
    for (const party of ['Move the meetings', 'NGHỊ QUYẾT', 'QUYẾT NGHỊ', 'Nơi nhận', 'ĐẢNG CỘNG SẢN', 'T/M CHI BỘ'])
      expect(all).not.toContain(party);

    const docx = await exportResolution(secretary, meeting.id, 'docx');
    expect(docx.name).toBe('resolution-2026-12-10-draft.docx');
    const { document } = docxParts(docx.data);
    // No header blocks, no signatures side by side: nothing is laid out as a table.
    expect(document).not.toContain('<w:tbl>');
    expect(document).toContain('DECISIONS AND ACTION ITEMS');
    // Numbered items hang past their numbers (14 pt), as Word lays out a list.
    expect(document).toContain('w:hanging="280"');
  });
});
