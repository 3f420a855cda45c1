import { describe, expect, it } from 'vitest';
import { exportDocumentOf, exportPath, printPath } from '../../lib/export';
import type { AttendanceEntry, VoteRecord } from '../../lib/meeting-doc/layout';
import type { JsonNode } from '../../server/export/inline';
import { buildMinutesDocument } from '../../server/export/minutes-document';
import { BODY_SIZE, closingLinesStart, RECIPIENTS_SIZE, TITLE_SIZE, type Line } from '../../server/export/model';
import type { DocumentSource } from '../../server/export/record-parts';
import { buildResolutionDocument, decisionsOf } from '../../server/export/resolution-document';

/**
 * The resolution drawn from a meeting's record, built without a database:
 * which votes are decisions, which tasks it lists, the party layout's
 * blocks and the generic layout's plain one.
 */

const text = (value: string, marks: string[] = []): JsonNode => ({
  type: 'text',
  text: value,
  ...(marks.length > 0 ? { marks: marks.map((type) => ({ type })) } : {}),
});
const paragraph = (value: string, marks: string[] = []): JsonNode => ({
  type: 'paragraph',
  content: [text(value, marks)],
});
const heading = (value: string, sectionId?: string): JsonNode => ({
  type: 'heading',
  attrs: { level: sectionId ? 2 : 1, ...(sectionId ? { sectionId } : {}) },
  content: [text(value)],
});
const voteResult = (voteId: string): JsonNode => ({ type: 'voteResult', attrs: { voteId } });
const task = (value: string, assignees: string[], dueDate: string | null): JsonNode => ({
  type: 'task',
  attrs: {
    id: `t-${value.length}`,
    assignees: assignees.map((name, i) => ({ userId: `u${i}`, name })),
    dueDate,
    status: 'not_started',
  },
  content: value ? [text(value)] : [],
});

function vote(id: string, subject: VoteRecord['subject'], title: string, extra: Partial<VoteRecord> = {}): VoteRecord {
  return {
    id,
    subject,
    title,
    method: 'show_of_hands',
    state: 'closed',
    openedAt: `2026-11-05T13:0${id.length % 10}:00.000Z`,
    openedBy: 'u-chair',
    counts: { for: 8, against: 0, other: 1 },
    rule: { base: 'present', threshold: 'more_than_half' },
    present: 9,
    base: 9,
    percent: 88.9,
    passed: true,
    ...extra,
  };
}

const MEMBERS: DocumentSource['members'] = [
  { userId: 'u-secretary', name: 'Nguyễn Văn Hùng', role: 'secretary', status: 'full' },
  { userId: 'u-deputy', name: 'Trần Thị Mai', role: 'deputy_secretary', status: 'full' },
  { userId: 'u-member', name: 'Phạm Thị Lan', role: 'member', status: 'probationary' },
  { userId: 'u-away', name: 'Huỳnh Thị Ngọc Ánh', role: 'member', status: 'full' },
  { userId: 'u-exempt', name: 'Võ Văn Bảy', role: 'member', status: 'exempted' },
];
const mark = (userId: string, status: AttendanceEntry['status']): AttendanceEntry => ({
  userId,
  name: MEMBERS.find((m) => m.userId === userId)!.name,
  status,
  at: '2026-11-05T12:30:00.000Z',
  by: 'u-deputy',
});

const VOTES: VoteRecord[] = [
  vote('v-resolution', 'resolution', 'Thông qua nghị quyết tháng 11 năm 2026', {
    otherOpinions: 'lùi thời hạn một tuần',
  }),
  vote('v-failed', 'other', 'Đổi ngày sinh hoạt sang thứ Bảy', {
    counts: { for: 2, against: 6, other: 1 },
    percent: 22.2,
    passed: false,
  }),
  vote('v-minutes', 'minutes', 'Thông qua biên bản cuộc họp'),
  vote('v-open', 'conclusion', 'Kết luận còn đang biểu quyết', { state: 'open', passed: undefined }),
  vote('v-unplaced', 'conclusion', 'Thông qua kết luận chuyên đề'),
  vote('v-first', 'other', 'Cử đồng chí Mai dự lớp bồi dưỡng'),
];

/** A regular meeting's minutes as the template lays them out, with votes and tasks in its sections. */
function partyMinutes(body: JsonNode[]): JsonNode {
  return {
    type: 'doc',
    content: [
      paragraph('ĐẢNG BỘ PHƯỜNG TÂN ĐỊNH'),
      paragraph('CHI BỘ KHU PHỐ 3', ['bold']),
      paragraph('*'),
      paragraph('ĐẢNG CỘNG SẢN VIỆT NAM', ['bold']),
      paragraph('Tân Định, ngày 05 tháng 11 năm 2026', ['italic']),
      heading('BIÊN BẢN'),
      paragraph('Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026', ['bold']),
      paragraph('Chủ trì: đồng chí Nguyễn Văn Hùng, Bí thư chi bộ.'),
      ...body,
      { type: 'paragraph', attrs: { sectionId: 'end' }, content: [text('Cuộc họp kết thúc vào lúc 21 giờ 00 phút.')] },
      paragraph('THƯ KÝ', ['bold']),
      paragraph('T/M CHI BỘ', ['bold']),
      paragraph('BÍ THƯ', ['bold']),
    ],
  };
}

function source(overrides: Partial<DocumentSource> = {}, body?: JsonNode[]): DocumentSource {
  return {
    meeting: {
      id: 'm-1',
      kind: 'regular',
      title: 'Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026',
      classification: 'normal',
    },
    content: {
      minutes: partyMinutes(
        body ?? [
          heading('II. NỘI DUNG', 's-2'),
          voteResult('v-first'),
          paragraph('Đồng chí Mai trình bày dự thảo nhiệm vụ.'),
          task('Rà soát hộ nghèo tổ dân phố 7.', ['Trần Thị Mai', 'Phạm Thị Lan'], '2026-11-20'),
          { type: 'bulletList', content: [{ type: 'listItem', content: [task('Vệ sinh hẻm 12.', [], null)] }] },
          voteResult('v-failed'),
          heading('III. BIỂU QUYẾT', 's-3'),
          voteResult('v-resolution'),
          voteResult('v-minutes'),
          voteResult('v-open'),
        ],
      ),
      attendance: [
        mark('u-secretary', 'present'),
        mark('u-deputy', 'present'),
        mark('u-member', 'late'),
        mark('u-away', 'absent_with_reason'),
      ],
      votes: VOTES,
      review: [],
      meeting: {
        title: 'Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026',
        startsAt: '2026-11-05T19:30',
        place: 'Nhà văn hóa khu phố 3',
      },
      session: { startedAt: '2026-11-05T12:35:00.000Z' },
    },
    members: MEMBERS,
    chairId: 'u-secretary',
    secretaryId: 'u-deputy',
    facts: null,
    seal: null,
    timeZone: 'Asia/Ho_Chi_Minh',
    verifyUrl: 'https://bienban.example.vn/verify',
    organisation: { cellName: 'Chi bộ khu phố 3', committeeName: 'Đảng bộ phường Tân Định' },
    ...overrides,
  };
}

const textOf = (line: Line) => line.runs.map((r) => r.text).join('');
const lines = (ls: readonly Line[]) => ls.map(textOf);

describe('the resolution drawn from a meeting record', () => {
  it('takes as decisions the closed votes that passed, not the minutes approval, a failed vote or one still open', () => {
    const nodes = source().content.minutes.content ?? [];
    // The order the minutes print the results in; a vote whose result is not in the minutes comes last.
    expect(decisionsOf(VOTES, nodes).map((v) => v.id)).toEqual(['v-first', 'v-resolution', 'v-unplaced']);
  });

  it('lays out a party cell resolution: the minutes header blocks, the title, the opening, decisions and tasks', () => {
    const model = buildResolutionDocument(source());
    const minutes = buildMinutesDocument(source());
    expect(model).toMatchObject({ document: 'resolution', layout: 'party', language: 'vi', status: 'draft' });
    // The same two header blocks as the minutes, from the same extraction.
    expect(model.header).toEqual(minutes.header);
    expect(lines(model.header!.left)).toEqual(['ĐẢNG BỘ PHƯỜNG TÂN ĐỊNH', 'CHI BỘ KHU PHỐ 3', '*']);
    expect(model.title[0]).toMatchObject({ size: TITLE_SIZE, runs: [{ text: 'NGHỊ QUYẾT', bold: true }] });
    expect(textOf(model.title[1]!)).toBe('Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026');

    const body = lines(model.body);
    // Started 19:35 in Hồ Chí Minh City; three of the four expected present (a late arrival counts).
    expect(body[0]).toBe(
      'Ngày 05 tháng 11 năm 2026, tại Nhà văn hóa khu phố 3, Chi bộ khu phố 3 tổ chức sinh hoạt chi bộ thường kỳ ' +
        'tháng 11 năm 2026, có mặt 3/4 đồng chí đảng viên phải dự. Sau khi thảo luận và biểu quyết,',
    );
    expect(model.body[1]).toMatchObject({ align: 'center', runs: [{ text: 'CHI BỘ QUYẾT NGHỊ:', bold: true }] });
    expect(body).toContain('1. Cử đồng chí Mai dự lớp bồi dưỡng');
    expect(body).toContain('2. Thông qua nghị quyết tháng 11 năm 2026');
    expect(body).toContain('8/9 đồng chí có mặt tán thành (88,9%)');
    expect(body).toContain('Ý kiến khác: 1 đồng chí: «lùi thời hạn một tuần»');
    expect(body).toContain('3. Thông qua kết luận chuyên đề');
    for (const absent of ['Đổi ngày sinh hoạt', 'Thông qua biên bản', 'còn đang biểu quyết'])
      expect(body.join('\n')).not.toContain(absent);
    // Every task of the minutes, a task inside a list too, with who does it and by when.
    expect(body).toContain('1. Rà soát hộ nghèo tổ dân phố 7.');
    expect(body).toContain('Người thực hiện: Trần Thị Mai, Phạm Thị Lan. Thời hạn: 20/11/2026.');
    expect(body).toContain('2. Vệ sinh hẻm 12.');
    expect(body).toContain('Người thực hiện: chưa giao. Thời hạn: chưa định.');
  });

  it('signs with "Nơi nhận:" in the small size beside T/M CHI BỘ, BÍ THƯ and the cell secretary', () => {
    const [recipients, signer] = buildResolutionDocument(source()).signatures;
    expect(recipients).toMatchObject({ unsigned: true, name: null });
    expect(recipients!.titles[0]).toMatchObject({ size: BODY_SIZE, runs: [{ text: 'Nơi nhận:', underline: true }] });
    expect(recipients!.titles.slice(1).map((l) => [textOf(l), l.size])).toEqual([
      ['- Đảng ủy phường Tân Định,', RECIPIENTS_SIZE],
      ['- Đảng viên trong chi bộ,', RECIPIENTS_SIZE],
      ['- Lưu chi bộ.', RECIPIENTS_SIZE],
    ]);
    // The cell's secretary signs, not the meeting's minutes-taker or chair.
    expect(lines(signer!.titles)).toEqual(['T/M CHI BỘ', 'BÍ THƯ']);
    expect(signer!.name).toBe('Nguyễn Văn Hùng');
  });

  it('names the units from the header when the stored names are not the same words', () => {
    const model = buildResolutionDocument(source({ organisation: { cellName: 'Tổ 9', committeeName: null } }));
    expect(textOf(model.body[0]!)).toContain('Chi bộ Khu Phố 3 tổ chức');
    expect(textOf(model.signatures[0]!.titles[1]!)).toBe('- Đảng ủy Phường Tân Định,');
  });

  it('says there are no decisions and no tasks rather than fail, and leaves an unknown count blank', () => {
    const empty = source({}, [heading('II. NỘI DUNG', 's-2'), paragraph('Không có gì.')]);
    const model = buildResolutionDocument({
      ...empty,
      content: { ...empty.content, votes: [], attendance: [] },
    });
    const body = lines(model.body);
    expect(body).toContain('Không có nội dung nào được biểu quyết thông qua.');
    expect(body).toContain('Không có nhiệm vụ nào được giao.');
    expect(body[0]).toContain('có mặt …/4 đồng chí');
  });

  it('marks a draft and a secret meeting as the minutes are, and states the seal of approved ones', () => {
    const draft = buildResolutionDocument(source({ meeting: { ...source().meeting, classification: 'secret' } }));
    const minutes = buildMinutesDocument(source({ meeting: { ...source().meeting, classification: 'secret' } }));
    expect(draft.draftMark).toBe(minutes.draftMark);
    expect(draft.classificationMark).toBe('MẬT');
    expect(draft.verificationLine).toBeNull();

    const hash = 'ab'.repeat(32);
    const approved = buildResolutionDocument(source({ seal: { hash, approvedAt: '2026-11-05T14:10:00.000Z' } }));
    expect(approved).toMatchObject({ status: 'approved', draftMark: null, seal: { hash } });
    expect(textOf(approved.verificationLine!)).toBe(
      `Nghị quyết này được lập từ biên bản đã được thông qua và khóa lúc 21:10 05/11/2026; mã xác thực của biên bản (SHA-256): ${hash}. Kiểm tra bản này tại https://bienban.example.vn/verify.`,
    );
  });

  it('writes a generic meeting as plain decisions and action items in its English template, without party blocks', () => {
    const generic: DocumentSource = {
      ...source(),
      meeting: { id: 'm-2', kind: 'generic', title: 'Meeting of 05/11/2026', classification: 'normal' },
    };
    generic.content = {
      ...generic.content,
      minutes: {
        type: 'doc',
        content: [
          paragraph('Hội Cựu chiến binh phường Tân Định'),
          heading('MINUTES'),
          paragraph('Meeting of 05/11/2026', ['bold']),
          heading('4. Decisions', 's-4'),
          voteResult('v-resolution'),
          voteResult('v-minutes'),
          heading('5. Action items', 's-5'),
          task('Book the hall for December.', ['Phạm Thị Lan'], '2026-12-01'),
        ],
      },
      votes: [vote('v-resolution', 'other', 'Hold the year-end meeting on 20 December'), VOTES[2]!],
    };
    const model = buildResolutionDocument(generic);
    expect(model).toMatchObject({ layout: 'generic', language: 'en', header: null, signatures: [] });
    expect(lines(model.title)).toEqual([
      'Hội Cựu chiến binh phường Tân Định',
      'DECISIONS AND ACTION ITEMS',
      'Meeting of 05/11/2026',
    ]);
    const body = lines(model.body);
    expect(body[0]).toBe('Held on 05/11/2026 at Nhà văn hóa khu phố 3; 3 of 4 expected attended.');
    expect(body).toEqual(
      expect.arrayContaining([
        'Decisions',
        '1. Hold the year-end meeting on 20 December',
        '8/9 members present in favour (88.9%)',
        'Action items',
        '1. Book the hall for December.',
        'Assigned to: Phạm Thị Lan. Due: 01/12/2026.',
      ]),
    );
    // A plain list: the number at the margin, the text hanging past it, the details under the text.
    expect(model.body.find((l) => textOf(l).startsWith('1. Book'))).toMatchObject({ indent: 14, firstIndent: -14 });
    expect(model.body.find((l) => textOf(l).startsWith('Assigned to:'))).toMatchObject({ indent: 14 });
    const all = [...lines(model.title), ...body].join('\n');
    for (const party of ['NGHỊ QUYẾT', 'QUYẾT NGHỊ', 'Nơi nhận', 'Approval of the minutes'])
      expect(all).not.toContain(party);

    const none = buildResolutionDocument({
      ...generic,
      content: { ...generic.content, votes: [], minutes: { type: 'doc', content: [] } },
    });
    expect(lines(none.body)).toEqual(
      expect.arrayContaining(['No decision was passed by vote.', 'No action item was set.']),
    );
  });
});

describe('the lines kept on the signatures’ page', () => {
  const line = (keepWithNext: boolean): Line => ({ runs: [], size: BODY_SIZE, align: 'left', keepWithNext });

  it('are the body’s last paragraph and those kept with it, so the signatures never stand alone', () => {
    // A task, its assignees kept with it, after a paragraph that stands alone.
    expect(closingLinesStart([line(false), line(true), line(false)])).toBe(1);
    expect(closingLinesStart([line(true), line(true), line(false)])).toBe(0);
    expect(closingLinesStart([line(false), line(false)])).toBe(1);
    expect(closingLinesStart([])).toBe(0);
  });
});

describe('the document a download or print address names', () => {
  it('is the minutes without the parameter, the resolution when asked, and nothing for any other value', () => {
    expect(exportDocumentOf([])).toBe('minutes');
    expect(exportDocumentOf(['minutes'])).toBe('minutes');
    expect(exportDocumentOf(['resolution'])).toBe('resolution');
    expect(exportDocumentOf(['nghi-quyet'])).toBeNull();
    expect(exportDocumentOf([''])).toBeNull();
    expect(exportDocumentOf(['resolution', 'minutes'])).toBeNull();
  });

  it('keeps the minutes at their old addresses and adds the parameter for the resolution', () => {
    expect(exportPath('m1', 'pdf')).toBe('/meetings/m1/export/pdf');
    expect(exportPath('m1', 'docx', 'resolution')).toBe('/meetings/m1/export/docx?document=resolution');
    expect(printPath('m1')).toBe('/meetings/m1/print');
    expect(printPath('m1', 'resolution')).toBe('/meetings/m1/print?document=resolution');
  });
});
