import { readFileSync, statSync } from 'node:fs';
import { sealHashSchema, VERIFY_MAX_BYTES } from '../../lib/export';
import type { VerifyInput } from '../export/verify';
import { InputError } from './errors';

/**
 * What `verify` was given: a seal hash (64 hexadecimal digits) or the path
 * of an exported file. Read before the database is opened, so a mistyped
 * path is a clear error and touches nothing.
 */
export function readVerifyInput(input: string): VerifyInput {
  const hash = sealHashSchema.safeParse(input);
  if (hash.success) return { hash: hash.data };
  let size: number;
  try {
    const stat = statSync(input);
    if (!stat.isFile()) throw new InputError([`--input "${input}" is not a file`]);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError([
      `--input must be a seal hash (64 hexadecimal digits) or an exported file; "${input}" is neither`,
    ]);
  }
  if (size > VERIFY_MAX_BYTES)
    throw new InputError([`--input "${input}" is larger than an exported minutes file can be`]);
  const file = new Uint8Array(readFileSync(input));
  const head = Buffer.from(file.subarray(0, 5)).toString('latin1');
  if (!head.startsWith('PK') && head !== '%PDF-')
    throw new InputError([`--input "${input}" is not a DOCX or PDF file`]);
  return { file };
}
