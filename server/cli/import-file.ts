import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decodeCsv, IMPORT_MAX_BYTES, type FileProblemCode } from '../../lib/members-csv';
import type { ImportOutcome } from '../operations/member-import';
import { InputError } from './errors';

/**
 * The member list the operator named, decoded as the browser decodes it: a
 * file too large is not read past the limit, and one that is not UTF-8 is
 * a problem of the file, reported like the others.
 */
export function readImportFile(file: string): {
  file: string;
  decoded: { ok: true; text: string } | { ok: false; problem: FileProblemCode };
} {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new InputError([`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  try {
    if (fstatSync(fd).size > IMPORT_MAX_BYTES) return { file, decoded: { ok: false, problem: 'too_large' } };
    const bytes = new Uint8Array(IMPORT_MAX_BYTES + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < bytes.length; length += n)
      n = readSync(fd, bytes, length, bytes.length - length, null);
    return { file, decoded: decodeCsv(bytes.subarray(0, length)) };
  } finally {
    closeSync(fd);
  }
}

/**
 * What the CLI prints of an import: the same preview as the page, every row
 * with what it would do (or did), its changes and its problems as codes (the
 * sentences are under "memberImport.problems." in messages/*.json).
 */
export function importReport(outcome: ImportOutcome) {
  if (!outcome.ok) return { problem: outcome.problem };
  return {
    saved: outcome.saved,
    counts: outcome.plan.counts,
    ignoredColumns: outcome.ignoredColumns,
    rows: outcome.plan.rows.map(({ row, name, action, userId, changes, problems }) => ({
      row,
      name,
      action,
      userId,
      changes,
      problems,
    })),
  };
}
