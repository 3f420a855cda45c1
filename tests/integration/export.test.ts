import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { extractTextItems, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { openServices } from '../../server/bootstrap';
import { seedDemo, type DemoSummary } from '../../server/cli/seed-demo';
import { buildMinutesDocument } from '../../server/export/minutes-document';
import { renderPdf } from '../../server/export/pdf';
import { createMeetingRecord, type MeetingOperations } from '../../server/meeting';
import { createStoredDocs } from '../../server/meeting/stored-docs';
import type { Services } from '../../server/services';
import type { SessionUser } from '../../server/services/accounts';
import { docxParts, docxRuns, pdfPages, squash, VIETNAMESE, VIETNAMESE_LOWER } from '../helpers/export-files';
import { makeDataDir, PROJECT_ROOT, removeDataDir } from '../helpers/server';
import { describeEachDatabase } from '../helpers/temp-database';
import { entryPointArgs } from '../helpers/entry-point';

const run = promisify(execFile);
const REQUEST = { address: '203.0.113.7', origin: 'https://bienban.example.vn' };

function operations(services: Services): MeetingOperations {
  const record = createMeetingRecord(services);
  return record.attach(createStoredDocs(services.docStore, record.hooks));
}

async function userNamed(services: Services, demo: DemoSummary, name: string): Promise<SessionUser> {
  const member = demo.members.find((m) => m.name === name);
  const user = member ? await services.accounts.getUser(member.userId) : null;
  if (!user) throw new Error(`no demo member ${name}`);
  return user;
}

describeEachDatabase('minutes exported as the formal document', (db) => {
  let services: Services;
  let ops: MeetingOperations;
  let demo: DemoSummary;
  let sealedId: string;
  let draftId: string;
  let secretary: SessionUser;
  let member: SessionUser;

  beforeAll(async () => {
    services = db().services;
    demo = await seedDemo(services);
    ops = operations(services);
    sealedId = demo.meetings.find((m) => m.state === 'approved')!.id;
    draftId = demo.meetings.find((m) => m.state === 'scheduled')!.id;
    secretary = await userNamed(services, demo, 'Nguyễn Văn Hùng');
    member = await userNamed(services, demo, 'Phạm Thị Lan');
  });

  it('writes approved minutes as DOCX on A4 with the party margins, Times New Roman and the header sizes', async () => {
    const file = await ops.exports.exportMinutes(member, sealedId, 'docx', REQUEST);
    expect(file.status).toBe('approved');
    expect(file.name).toMatch(/^bien-ban-\d{4}-\d{2}-\d{2}\.docx$/);
    const { document, custom } = docxParts(file.data);
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = (side: string) =>
      Number(new RegExp(`<w:pgMar [^>]*w:${side}="(\\d+)"`).exec(document)?.[1]) / (1440 / 25.4);
    // Whole twips: a margin may sit a hundredth of a millimetre off the round figure.
    expect(margin('top')).toBeGreaterThanOrEqual(19.99);
    expect(margin('top')).toBeLessThanOrEqual(25.01);
    expect(margin('bottom')).toBeGreaterThanOrEqual(19.99);
    expect(margin('bottom')).toBeLessThanOrEqual(25.01);
    expect(margin('left')).toBeGreaterThanOrEqual(29.99);
    expect(margin('left')).toBeLessThanOrEqual(35.01);
    expect(margin('right')).toBeGreaterThanOrEqual(14.99);
    expect(margin('right')).toBeLessThanOrEqual(20.01);

    const runs = docxRuns(document);
    expect(new Set(runs.map((r) => r.font))).toEqual(new Set(['Times New Roman']));
    const run = (text: string) => runs.find((r) => r.text === text);
    expect(run('ĐẢNG BỘ PHƯỜNG TÂN ĐỊNH')).toMatchObject({ size: 14, bold: false });
    expect(run('CHI BỘ KHU PHỐ 3')).toMatchObject({ size: 14, bold: true });
    expect(run('*')).toMatchObject({ size: 14 });
    expect(run('ĐẢNG CỘNG SẢN VIỆT NAM')).toMatchObject({ size: 15, bold: true, underline: true });
    expect(runs.find((r) => /^Tân Định, ngày \d\d tháng \d+ năm \d{4}$/.test(r.text))).toMatchObject({
      size: 14,
      italic: true,
    });
    expect(run('BIÊN BẢN')).toMatchObject({ bold: true });
    expect(runs.filter((r) => r.size !== 14 && r.size !== 15 && r.size !== 16 && r.size !== 10)).toEqual([]);
    // The header blocks and the signatures are borderless tables, side by side.
    expect(document.match(/<w:tbl>/g)).toHaveLength(2);
    expect(document).toContain('THƯ KÝ');
    expect(document).toContain('Lê Minh Tuấn');

    const hash = (await services.meetings.getMeeting(sealedId))!.content_hash!;
    expect(document).toContain(hash);
    expect(document).toContain('https://bienban.example.vn/verify');
    expect(custom).toMatch(new RegExp(`name="BienBanSeal"[^>]*><vt:lpwstr>${hash}</vt:lpwstr>`));
    // No number on the first page, the page number at the top of the others.
    expect(document).toContain('<w:titlePg/>');
    const { files } = docxParts(file.data);
    const headers = Object.keys(files).filter((n) => /^word\/header\d+\.xml$/.test(n));
    expect(headers.some((n) => strFromU8(files[n]!).includes('PAGE'))).toBe(true);
  });

  it('writes approved minutes as a PDF with the font embedded, the text intact and page numbers from page 2', async () => {
    const file = await ops.exports.exportMinutes(member, sealedId, 'pdf', REQUEST);
    expect(file.mime).toBe('application/pdf');
    const raw = Buffer.from(file.data).toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Bold/);
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);

    const { totalPages, text } = await pdfPages(file.data);
    expect(totalPages).toBeGreaterThanOrEqual(2);
    const all = squash(text.join('\n'));
    for (const words of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'CHI BỘ KHU PHỐ 3',
      'BIÊN BẢN',
      'Chủ trì: đồng chí Nguyễn Văn Hùng, Bí thư chi bộ.',
      'Đồng chí Hoàng Văn Nam:',
      'Vắng có lý do 1 đồng chí: Huỳnh Thị Ngọc Ánh (đi công tác)',
      'đồng chí có mặt tán thành (100%)',
      'Kết quả: Thông qua',
      'T/M CHI BỘ',
    ])
      expect(all).toContain(words);
    const hash = (await services.meetings.getMeeting(sealedId))!.content_hash!;
    expect(all.replace(/ /g, '')).toContain(hash);

    const { items } = await extractTextItems(await getDocumentProxy(new Uint8Array(file.data)));
    // PDF y runs upwards: the top margin (25 mm) is above 841.89 − 70.9 points.
    const numberAtTop = (page: number) =>
      items[page - 1]!.some((item) => item.str.trim() === String(page) && item.y > 771);
    expect(numberAtTop(1)).toBe(false);
    expect(items[0]!.some((item) => item.y > 771 && /^\d+$/.test(item.str.trim()))).toBe(false);
    for (let page = 2; page <= totalPages; page++) expect(numberAtTop(page), `page ${page}`).toBe(true);
  });

  it('keeps every Vietnamese letter intact in the PDF text, whichever font subset draws it', async () => {
    const line = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    const model = buildMinutesDocument({
      meeting: { id: sealedId, kind: 'regular', title: 'Thử', classification: 'normal' },
      content: {
        minutes: {
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'BIÊN BẢN' }] },
            { type: 'heading', attrs: { level: 2, sectionId: 's-1' }, content: [{ type: 'text', text: 'I. CHỮ' }] },
            line(`Chữ thường: ${VIETNAMESE_LOWER}.`),
            line(`Chữ hoa: ${VIETNAMESE_LOWER.toLocaleUpperCase('vi')}.`),
            // Decomposed input (a letter followed by its marks) is composed before it is drawn.
            line('Tổ hợp: '.normalize('NFD') + 'Nghị quyết'.normalize('NFD')),
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
    // Line breaks and the reader's guessed word gaps aside, the letters come back in order.
    const letters = all.replace(/\s+/g, '');
    expect(letters).toContain(`Chữthường:${VIETNAMESE_LOWER}.`);
    expect(letters).toContain(`Chữhoa:${VIETNAMESE_LOWER.toLocaleUpperCase('vi')}.`);
    expect(squash(all)).toContain('Tổ hợp: Nghị quyết');
  });

  it('lays out a generic meeting plainly, in the language of its template, whatever the names are written in', () => {
    const paragraph = (text: string, bold = false) => ({
      type: 'paragraph',
      content: [{ type: 'text', text, ...(bold ? { marks: [{ type: 'bold' }] } : {}) }],
    });
    const generic = (title: string, heading: string) =>
      buildMinutesDocument({
        meeting: { id: draftId, kind: 'generic', title: 'Họp', classification: 'normal' },
        content: {
          minutes: {
            type: 'doc',
            content: [
              paragraph('Đảng bộ phường Tân Định'),
              paragraph('Chi bộ khu phố 3', true),
              { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: title }] },
              paragraph('Meeting of 10/12/2026', true),
              paragraph('Chair: Nguyễn Văn Hùng'),
              { type: 'heading', attrs: { level: 2, sectionId: 's-1' }, content: [{ type: 'text', text: heading }] },
              paragraph('Chair: Nguyễn Văn Hùng'),
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
    const english = generic('MINUTES', '1. Attendees');
    expect(english).toMatchObject({ language: 'en', layout: 'generic', header: null, signatures: [] });
    expect(english.draftMark).toBe('DRAFT – NOT YET APPROVED');
    // The organisation's lines head the page above the title, not below it.
    expect(english.title.map((l) => l.runs.map((r) => r.text).join(''))).toEqual([
      'Đảng bộ phường Tân Định',
      'Chi bộ khu phố 3',
      'MINUTES',
      'Meeting of 10/12/2026',
    ]);
    expect(generic('BIÊN BẢN CUỘC HỌP', '1. Thành phần dự họp').language).toBe('vi');
  });

  it('marks minutes not yet approved as a draft on every page, and carries no seal', async () => {
    const docx = await ops.exports.exportMinutes(member, draftId, 'docx', REQUEST);
    expect(docx.status).toBe('draft');
    expect(docx.name).toMatch(/-du-thao\.docx$/);
    const { document, custom, files } = docxParts(docx.data);
    expect(document).toContain('DỰ THẢO – BIÊN BẢN CHƯA ĐƯỢC THÔNG QUA');
    expect(custom).not.toContain('BienBanSeal');
    expect(document).not.toContain('Mã xác thực');
    const footers = Object.keys(files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBeGreaterThan(0);
    for (const name of footers) expect(strFromU8(files[name]!)).toContain('DỰ THẢO');

    const pdf = await ops.exports.exportMinutes(member, draftId, 'pdf', REQUEST);
    const { text } = await pdfPages(pdf.data);
    for (const page of text) expect(squash(page)).toContain('DỰ THẢO');
    expect(await ops.exports.verify({ file: pdf.data })).toMatchObject({ result: 'unknown', reason: 'no_seal' });
  });

  it('exports secret minutes only to the cell managers, marked, and records each export', async () => {
    const secret = await services.meetings.createMeeting(
      demo.cellId,
      { kind: 'extraordinary', startsAt: '2026-12-20T08:00', place: 'Phòng họp chi bộ', classification: 'secret' },
      secretary.id,
    );
    // A member who takes part reads the meeting, but may not take a copy.
    await expect(ops.records.meetingRecord(member, secret.id)).resolves.toBeTruthy();
    await expect(ops.exports.exportMinutes(member, secret.id, 'pdf', REQUEST)).rejects.toMatchObject({ status: 403 });
    const stranger = await services.accounts.createUser({ email: 'ngoai@example.vn', name: 'Người Ngoài' });
    const strangerUser = (await services.accounts.getUser(stranger.id))!;
    await expect(ops.exports.exportMinutes(strangerUser, secret.id, 'pdf', REQUEST)).rejects.toMatchObject({
      status: 404,
    });
    const before = await services.audit.list({ cells: [demo.cellId], action: 'minutes.exported' });

    const pdf = await ops.exports.exportMinutes(secretary, secret.id, 'pdf', REQUEST);
    const { text } = await pdfPages(pdf.data);
    expect(squash(text[0]!)).toMatch(/^MẬT /);
    for (const page of text) expect(page).toContain('MẬT');
    const docx = await ops.exports.exportMinutes(secretary, secret.id, 'docx', REQUEST);
    expect(docxParts(docx.data).document).toContain('>MẬT<');

    const after = await services.audit.list({ cells: [demo.cellId], action: 'minutes.exported' });
    expect(after.length - before.length).toBe(2);
    expect(after[0]).toMatchObject({
      actorId: secretary.id,
      meetingId: secret.id,
      address: REQUEST.address,
      details: { format: 'docx', status: 'draft', classification: 'secret' },
    });
  });

  it('records exports of approved minutes in the audit log with the seal they carried', async () => {
    const hash = (await services.meetings.getMeeting(sealedId))!.content_hash!;
    await ops.exports.exportMinutes(member, sealedId, 'pdf', REQUEST);
    const [entry] = await services.audit.list({ cells: [demo.cellId], action: 'minutes.exported' });
    expect(entry).toMatchObject({ actorId: member.id, meetingId: sealedId, details: { format: 'pdf', hash } });
  });

  it('tells a matching copy from an edited one, an unknown hash and a file that is no export', async () => {
    const hash = (await services.meetings.getMeeting(sealedId))!.content_hash!;
    const pdf = await ops.exports.exportMinutes(member, sealedId, 'pdf', REQUEST);
    const docx = await ops.exports.exportMinutes(member, sealedId, 'docx', REQUEST);
    expect(await ops.exports.verify({ file: pdf.data })).toMatchObject({
      result: 'matches',
      hash,
      document: 'minutes',
    });
    expect(await ops.exports.verify({ file: docx.data })).toMatchObject({
      result: 'matches',
      hash,
      document: 'minutes',
    });
    expect(await ops.exports.verify({ hash: hash.toUpperCase() })).toMatchObject({
      result: 'matches',
      meeting: { id: sealedId },
    });
    expect(await ops.exports.verify({ hash: 'a'.repeat(64) })).toMatchObject({
      result: 'unknown',
      reason: 'unknown_hash',
    });

    // A word changed in Word keeps the file's properties, and so its claim; the paragraphs no longer agree with it.
    const files = unzipSync(docx.data);
    const edited = strFromU8(files['word/document.xml']!).replace('Hoàng Văn Nam', 'Hoàng Văn Bắc');
    expect(edited).not.toBe(strFromU8(files['word/document.xml']!));
    const tampered = zipSync({ ...files, 'word/document.xml': strToU8(edited) });
    expect(await ops.exports.verify({ file: tampered })).toMatchObject({
      result: 'does_not_match',
      reason: 'text_differs',
    });

    // A copy whose claimed seal is not its meeting's.
    const forged = Buffer.from(Buffer.from(pdf.data).toString('latin1').replaceAll(hash, 'b'.repeat(64)), 'latin1');
    expect(await ops.exports.verify({ file: forged })).toMatchObject({
      result: 'does_not_match',
      reason: 'hash_differs',
      meeting: { id: sealedId },
    });

    await expect(ops.exports.verify({ file: strToU8('not a document') })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(ops.exports.verify({ hash: 'xyz' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('npm run cli -- verify', () => {
  let dataDir: string;
  let workDir: string;
  let pdfPath: string;
  let hash: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    workDir = makeDataDir('bienban-export-');
    const { services, handle } = await openServices({ dataDir, databaseUrl: undefined });
    try {
      const demo = await seedDemo(services);
      const sealed = demo.meetings.find((m) => m.state === 'approved')!;
      hash = sealed.sealedHash!;
      const reader = await userNamed(services, demo, 'Phạm Thị Lan');
      const file = await operations(services).exports.exportMinutes(reader, sealed.id, 'pdf', REQUEST);
      pdfPath = path.join(workDir, file.name);
      writeFileSync(pdfPath, file.data);
    } finally {
      await handle.close();
    }
    return () => {
      removeDataDir(dataDir);
      rmSync(workDir, { recursive: true, force: true });
    };
  });

  const cli = (...args: string[]) =>
    run(process.execPath, [...entryPointArgs(PROJECT_ROOT, 'cli').args, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('says an exported file and its hash match the sealed minutes', async () => {
    const byFile = await cli('verify', pdfPath);
    expect(byFile.code).toBe(0);
    expect(JSON.parse(byFile.stdout)).toMatchObject({ result: 'matches', hash });
    const byHash = await cli('verify', hash);
    expect(JSON.parse(byHash.stdout)).toMatchObject({ result: 'matches' });
  });

  it('exits 1 for an unknown hash and explains input that is neither a hash nor an export', async () => {
    const unknown = await cli('verify', 'c'.repeat(64));
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ result: 'unknown', reason: 'unknown_hash' });
    const missing = await cli('verify', path.join(os.tmpdir(), 'no-such-minutes.pdf'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('neither');
    const wrongKind = await cli('verify', path.join(PROJECT_ROOT, 'package.json'));
    expect(wrongKind.stderr).toContain('is not a DOCX or PDF file');
  });
});
