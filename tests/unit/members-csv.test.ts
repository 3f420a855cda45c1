import { describe, expect, it } from 'vitest';
import { decodeCsv, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, readMembersCsv, type CsvRow } from '../../lib/members-csv';
import { normalisePhone } from '../../lib/phone';
import { planImport, type KnownPerson } from '../../lib/members-import';

const VIETNAMESE_FILE = [
  'Họ và tên;Email;Điện thoại;Trạng thái;Chức vụ;Ngày vào Đảng;Ngày chính thức',
  'Nguyễn Văn An;an@test.vn;0912 345 678;Chính thức;Bí thư;19/05/1990;19/05/1991',
  'Trần Thị Bình;;+84 987 654 321;dự bị;;03/02/2026;',
  'Lê Văn Cường;CUONG@Test.VN;;miễn sinh hoạt;đảng viên;1/1/1975;1/1/1976',
].join('\r\n');

function rows(text: string): CsvRow[] {
  const reading = readMembersCsv(text);
  if (!reading.ok) throw new Error(`file refused: ${reading.problem}`);
  return reading.rows;
}

const codes = (row: CsvRow | undefined) => row?.problems.map((p) => p.code);

describe('reading a member list', () => {
  it('reads a semicolon-separated file with Vietnamese headers and values', () => {
    const [an, binh, cuong] = rows(VIETNAMESE_FILE);
    expect(an).toMatchObject({
      row: 2,
      name: 'Nguyễn Văn An',
      email: 'an@test.vn',
      phone: '0912345678',
      status: 'full',
      role: 'secretary',
      joinedOn: '1990-05-19',
      officialOn: '1991-05-19',
      problems: [],
    });
    expect(binh).toMatchObject({
      email: null,
      phone: '0987654321',
      status: 'probationary',
      role: null,
      officialOn: null,
    });
    expect(cuong).toMatchObject({ email: 'cuong@test.vn', status: 'exempted', role: 'member', joinedOn: '1975-01-01' });
  });

  it('reads a comma-separated file with English headers and a byte order mark', () => {
    const text =
      '\uFEFFname,email,phone,status,role,date joined,date made official\nAn,an@test.vn,,full,deputy secretary,,\n';
    expect(rows(text)).toMatchObject([
      { row: 2, name: 'An', email: 'an@test.vn', status: 'full', role: 'deputy_secretary' },
    ]);
  });

  it('decodes UTF-8 with and without a byte order mark, and refuses anything else', () => {
    const plain = new TextEncoder().encode('Họ và tên,Email\nAn,an@test.vn');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    for (const bytes of [plain, withBom]) {
      const decoded = decodeCsv(bytes);
      expect(decoded.ok).toBe(true);
      if (decoded.ok) expect(rows(decoded.text)[0]).toMatchObject({ name: 'An', email: 'an@test.vn' });
    }
    // "Họ" in Windows-1258 is not valid UTF-8.
    expect(decodeCsv(new Uint8Array([0x48, 0xf5, 0x2c, 0x45]))).toEqual({ ok: false, problem: 'not_utf8' });
    expect(decodeCsv(new Uint8Array(IMPORT_MAX_BYTES + 1))).toEqual({ ok: false, problem: 'too_large' });
  });

  it('names every problem of a row, with the row number a spreadsheet shows', () => {
    const text = [
      'Họ và tên,Email,Điện thoại,Trạng thái,Chức vụ,Ngày vào Đảng,Ngày chính thức',
      ',a@test.vn,,chính thức,,,', // row 2: no name
      'Không Liên Lạc,,,chính thức,,,', // row 3: neither email nor phone
      'Sai Email,khong-phai-email,12345,chinh thuc,,,', // row 4: bad email and phone
      'Sai Chữ,c@test.vn,,đã nghỉ,trưởng thôn,,', // row 5: unknown status and role
      'Sai Ngày,d@test.vn,,dự bị,,31/02/2020,hôm qua', // row 6: no such day, unreadable
      'Ngược Ngày,e@test.vn,,chính thức,,01/01/2000,01/01/1999', // row 7: official before joined
      'Trùng Lặp,A@test.vn,,chính thức,,,', // row 8: same email as row 2
      `${'x'.repeat(121)},f@test.vn,,chính thức,,,`, // row 9: name too long
    ].join('\n');
    const read = rows(text);
    expect(read.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(codes(read[0])).toEqual(['name_missing']);
    expect(codes(read[1])).toEqual(['contact_missing']);
    expect(read[2]!.problems).toEqual([
      { code: 'email_invalid', value: 'khong-phai-email' },
      { code: 'phone_invalid', value: '12345' },
    ]);
    expect(read[3]!.problems).toEqual([
      { code: 'status_unknown', value: 'đã nghỉ' },
      { code: 'role_unknown', value: 'trưởng thôn' },
    ]);
    expect(read[4]!.problems).toEqual([
      { code: 'joined_invalid', value: '31/02/2020' },
      { code: 'official_invalid', value: 'hôm qua' },
    ]);
    expect(codes(read[5])).toEqual(['official_before_joined']);
    expect(read[6]!.problems).toEqual([{ code: 'duplicate_in_file', otherRow: 2 }]);
    expect(codes(read[7])).toEqual(['name_too_long']);
  });

  it('refuses a file it cannot read as a member list, saying why', () => {
    expect(readMembersCsv('')).toEqual({ ok: false, problem: 'empty' });
    expect(readMembersCsv('\n\n')).toEqual({ ok: false, problem: 'empty' });
    expect(readMembersCsv('Email,Điện thoại\na@test.vn,')).toEqual({ ok: false, problem: 'no_name_column' });
    expect(readMembersCsv('Họ và tên,Quê quán\nAn,Huế')).toEqual({ ok: false, problem: 'no_contact_column' });
    expect(readMembersCsv('x'.repeat(IMPORT_MAX_BYTES + 1))).toEqual({ ok: false, problem: 'too_large' });
    const many = [
      'Họ và tên,Điện thoại',
      ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `A${i},09${String(i).padStart(8, '0')}`),
    ];
    expect(readMembersCsv(many.join('\n'))).toEqual({ ok: false, problem: 'too_many_rows' });
    expect(readMembersCsv(many.slice(0, IMPORT_MAX_ROWS + 1).join('\n')).ok).toBe(true);
  });

  it('skips blank lines and lists the columns it does not read', () => {
    const reading = readMembersCsv('Họ và tên,Email,Quê quán\n\nAn,an@test.vn,Huế\n,,\n');
    expect(reading).toMatchObject({ ok: true, ignoredColumns: ['Quê quán'], rows: [{ row: 3, name: 'An' }] });
  });

  it('reads phone numbers as people write them, and Excel leaves them', () => {
    expect(normalisePhone('0912.345.678')).toBe('0912345678');
    expect(normalisePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalisePhone('84912345678')).toBe('0912345678');
    expect(normalisePhone('912345678')).toBe('0912345678');
    expect(normalisePhone('(024) 3825 1234')).toBe('02438251234');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('09123456789012')).toBeNull();
  });
});

describe('planning an import against the cell', () => {
  const an: KnownPerson = {
    userId: 'u-an',
    name: 'Nguyễn Văn An',
    email: 'an@test.vn',
    phone: '0912345678',
    ownedByCell: true,
    membership: { role: 'secretary', status: 'full', joinedOn: '1990-05-19', officialOn: '1991-05-19' },
  };

  it('finds a file that matches the cell unchanged, which is what re-importing it finds', () => {
    const plan = planImport(rows(VIETNAMESE_FILE).slice(0, 1), [an]);
    expect(plan.counts).toEqual({ new: 0, update: 0, unchanged: 1, problem: 0 });
    expect(plan.rows[0]).toMatchObject({ action: 'unchanged', userId: 'u-an', changes: [] });
  });

  it('lists what changes for a known member, matched by phone, and keeps what the file leaves empty', () => {
    const text = 'Họ và tên,Điện thoại,Trạng thái,Ngày vào Đảng\nNguyễn Văn Ân,0912345678,,01/01/1990';
    const [row] = planImport(rows(text), [an]).rows;
    expect(row).toMatchObject({
      action: 'update',
      changes: [
        { field: 'name', from: 'Nguyễn Văn An', to: 'Nguyễn Văn Ân' },
        { field: 'joinedOn', from: '1990-05-19', to: '1990-01-01' },
      ],
    });
  });

  it('adds new people with the role of a plain member unless the file says otherwise, and needs their status', () => {
    const text = 'Họ và tên,Email,Trạng thái\nMới Một,moi1@test.vn,dự bị\nMới Hai,moi2@test.vn,';
    const plan = planImport(rows(text), [an]);
    expect(plan.rows[0]).toMatchObject({ action: 'new', userId: null });
    expect(plan.rows[0]!.changes).toContainEqual({ field: 'role', from: null, to: 'member' });
    expect(plan.rows[1]).toMatchObject({ action: 'problem', problems: [{ code: 'status_missing' }] });
  });

  it('refuses a row whose email and phone belong to two people, or which would replace an email', () => {
    const binh: KnownPerson = { ...an, userId: 'u-binh', name: 'Bình', email: 'binh@test.vn', phone: '0987654321' };
    const text = 'Họ và tên,Email,Điện thoại\nAn,an@test.vn,0987654321\nAn,khac@test.vn,0912345678';
    const plan = planImport(rows(text), [an, binh]);
    expect(plan.rows.map((r) => codes(r))).toEqual([['contact_conflict'], ['contact_conflict']]);
  });

  it('joins an account of another cell as it is, and changes only the membership of one the cell did not create', () => {
    const elsewhere: KnownPerson = {
      ...an,
      userId: 'u-x',
      email: 'x@test.vn',
      phone: null,
      ownedByCell: false,
      membership: null,
    };
    const plan = planImport(rows('Họ và tên,Email,Trạng thái\nTên Khác,x@test.vn,chính thức'), [elsewhere]);
    expect(plan.rows[0]).toMatchObject({ action: 'new', userId: 'u-x' });
    expect(plan.rows[0]!.changes.map((c) => c.field)).toEqual(['role', 'status']);
    const notOurs: KnownPerson = { ...an, ownedByCell: false };
    const renamed = planImport(rows('Họ và tên,Email,Trạng thái\nTên Khác,an@test.vn,chính thức'), [notOurs]);
    expect(renamed.rows[0]).toMatchObject({ action: 'unchanged' });
  });

  it('checks the order of the dates as they will stand, one from the file and one kept', () => {
    const [row] = planImport(rows('Họ và tên,Email,Ngày chính thức\nAn,an@test.vn,01/01/1980'), [an]).rows;
    expect(row).toMatchObject({ action: 'problem', problems: [{ code: 'official_before_joined' }] });
  });
});
