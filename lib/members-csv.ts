import Papa from 'papaparse';
import { parseDueDate } from './due-date';
import type { MemberRole, MemberStatus } from './domain';
import { normalisePhone } from './phone';
import { emailSchema } from './schemas';

/**
 * A cell's member list as a CSV file, the way a secretary keeps it in Excel:
 * read, checked row by row, never trusted. Pure: the browser runs it to
 * show the preview at once, the server runs it again on what it receives,
 * the CLI on the file it is given. Matching the rows against the cell's
 * members is lib/members-import.ts.
 */

/** At most this many members in one file: a large ward cell has about a hundred. */
export const IMPORT_MAX_ROWS = 500;
/** At most this many bytes (and, on the server, characters): 500 rows of a dozen columns fit easily. */
export const IMPORT_MAX_BYTES = 256 * 1024;

/** One column the importer understands, and the header names that mean it (compared folded, see `fold`). */
const COLUMNS = {
  name: ['ho va ten', 'ho ten', 'ten', 'name', 'full name', 'fullname', 'ten dang vien'],
  email: ['email', 'e-mail', 'e mail', 'thu dien tu', 'dia chi email'],
  phone: ['dien thoai', 'so dien thoai', 'sdt', 'so dt', 'dt', 'phone', 'phone number', 'mobile', 'di dong'],
  status: ['trang thai', 'tinh trang', 'tinh trang dang vien', 'loai dang vien', 'status'],
  role: ['chuc vu', 'vai tro', 'role'],
  joinedOn: ['ngay vao dang', 'ngay ket nap', 'ngay vao', 'date joined', 'joined', 'joined on'],
  officialOn: [
    'ngay chinh thuc',
    'ngay cong nhan chinh thuc',
    'ngay dang vien chinh thuc',
    'date made official',
    'made official',
    'official',
    'official on',
  ],
} as const;
export type ImportColumn = keyof typeof COLUMNS;

/** Cell values for each status, folded; the domain keys and the labels of messages/*.json among them. */
const STATUS_WORDS: Record<MemberStatus, readonly string[]> = {
  full: ['chinh thuc', 'dang vien chinh thuc', 'full', 'full member'],
  probationary: ['du bi', 'dang vien du bi', 'probationary', 'probationary member'],
  exempted: ['mien sinh hoat', 'mien', 'exempted', 'exempt', 'exempted from activities'],
  attached: ['sinh hoat tam thoi', 'tam thoi', 'attached', 'temporarily attached'],
};

const ROLE_WORDS: Record<MemberRole, readonly string[]> = {
  secretary: ['bi thu', 'secretary'],
  deputy_secretary: ['pho bi thu', 'deputy secretary', 'deputy_secretary'],
  committee_member: ['chi uy vien', 'chi uy', 'committee member', 'committee_member'],
  member: ['dang vien', 'thanh vien', 'member'],
};

/** What can be wrong with one row. Each has a sentence under "memberImport.problems." in messages/*.json. */
export const ROW_PROBLEMS = [
  'name_missing',
  'name_too_long',
  'contact_missing',
  'email_invalid',
  'phone_invalid',
  'status_unknown',
  'role_unknown',
  'joined_invalid',
  'official_invalid',
  'official_before_joined',
  'duplicate_in_file',
  // Found when the rows are matched against the cell (lib/members-import.ts):
  'status_missing',
  'contact_conflict',
] as const;
export type RowProblemCode = (typeof ROW_PROBLEMS)[number];

export interface RowProblem {
  code: RowProblemCode;
  /** The cell's text as written, for problems about one value. */
  value?: string;
  /** The row it repeats, for duplicate_in_file. */
  otherRow?: number;
}

/** What can be wrong with the whole file; nothing of it is read further. */
export const FILE_PROBLEMS = [
  'too_large',
  'not_utf8',
  'empty',
  'too_many_rows',
  'no_name_column',
  'no_contact_column',
] as const;
export type FileProblemCode = (typeof FILE_PROBLEMS)[number];

export interface CsvRow {
  /** The row's number as a spreadsheet shows it: the header is row 1. */
  row: number;
  name: string;
  email: string | null;
  /** Digits only, starting with 0 (see normalisePhone). */
  phone: string | null;
  /** Null when the cell is empty: an existing member keeps theirs. */
  status: MemberStatus | null;
  role: MemberRole | null;
  joinedOn: string | null;
  officialOn: string | null;
  problems: RowProblem[];
}

export type CsvReading =
  | {
      ok: true;
      rows: CsvRow[];
      /** Header names the importer did not recognise (their columns are not read). */ ignoredColumns: string[];
    }
  | { ok: false; problem: FileProblemCode };

/** Lower case, without diacritics (đ as d), single spaces; "_" and "-" count as spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[_\-.:*()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function lookup<K extends string>(table: Record<K, readonly string[]>, text: string): K | null {
  const folded = fold(text);
  for (const key of Object.keys(table) as K[]) if (table[key].includes(folded)) return key;
  return null;
}

/** The file's bytes as text: UTF-8 only (with or without a BOM); anything else is refused, not guessed. */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: FileProblemCode } {
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, problem: 'too_large' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: 'not_utf8' };
  }
}

/** Reads the file's text into rows, each with its problems. Comma, semicolon or tab between columns. */
export function readMembersCsv(input: string): CsvReading {
  if (input.length > IMPORT_MAX_BYTES) return { ok: false, problem: 'too_large' };
  const text = input.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false });
  const records = parsed.data.map((cells, index) => ({ cells, row: index + 1 }));
  const nonEmpty = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) return { ok: false, problem: 'empty' };
  if (nonEmpty.length - 1 > IMPORT_MAX_ROWS) return { ok: false, problem: 'too_many_rows' };

  const columnOf: Partial<Record<ImportColumn, number>> = {};
  const ignoredColumns: string[] = [];
  header.cells.forEach((title, index) => {
    const column = lookup(COLUMNS, title);
    if (column && columnOf[column] === undefined) columnOf[column] = index;
    else if (title.trim() !== '') ignoredColumns.push(title.trim());
  });
  if (columnOf.name === undefined) return { ok: false, problem: 'no_name_column' };
  if (columnOf.email === undefined && columnOf.phone === undefined) return { ok: false, problem: 'no_contact_column' };

  const rows = nonEmpty
    .slice(1)
    .map(({ cells, row }) =>
      readRow(row, (c) => (columnOf[c] === undefined ? '' : (cells[columnOf[c]!] ?? '').trim())),
    );
  markDuplicates(rows);
  return { ok: true, rows, ignoredColumns };
}

function readDate(text: string, problem: RowProblemCode, problems: RowProblem[]): string | null {
  if (text === '') return null;
  const reading = parseDueDate(text);
  if (reading.ok) return reading.iso;
  problems.push({ code: problem, value: text });
  return null;
}

function readRow(row: number, cell: (column: ImportColumn) => string): CsvRow {
  const problems: RowProblem[] = [];
  const name = cell('name').replace(/\s+/g, ' ');
  if (name === '') problems.push({ code: 'name_missing' });
  else if (name.length > 120) problems.push({ code: 'name_too_long' });

  const emailText = cell('email');
  const phoneText = cell('phone');
  let email: string | null = null;
  let phone: string | null = null;
  if (emailText !== '') {
    const parsed = emailSchema.safeParse(emailText);
    if (parsed.success) email = parsed.data;
    else problems.push({ code: 'email_invalid', value: emailText });
  }
  if (phoneText !== '') {
    phone = normalisePhone(phoneText);
    if (phone === null) problems.push({ code: 'phone_invalid', value: phoneText });
  }
  if (emailText === '' && phoneText === '') problems.push({ code: 'contact_missing' });

  const statusText = cell('status');
  const status = statusText === '' ? null : lookup(STATUS_WORDS, statusText);
  if (statusText !== '' && status === null) problems.push({ code: 'status_unknown', value: statusText });
  const roleText = cell('role');
  const role = roleText === '' ? null : lookup(ROLE_WORDS, roleText);
  if (roleText !== '' && role === null) problems.push({ code: 'role_unknown', value: roleText });

  const joinedOn = readDate(cell('joinedOn'), 'joined_invalid', problems);
  const officialOn = readDate(cell('officialOn'), 'official_invalid', problems);
  // ISO dates compare as text.
  if (joinedOn && officialOn && officialOn < joinedOn) problems.push({ code: 'official_before_joined' });
  return { row, name, email, phone, status, role, joinedOn, officialOn, problems };
}

/** A person listed twice (same email or same phone): the later row points at the first. */
function markDuplicates(rows: CsvRow[]): void {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const keys = [row.email && `e:${row.email}`, row.phone && `p:${row.phone}`].filter((k): k is string => !!k);
    const first = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
    if (first !== undefined) row.problems.push({ code: 'duplicate_in_file', otherRow: first });
    for (const key of keys) if (!seen.has(key)) seen.set(key, row.row);
  }
}
