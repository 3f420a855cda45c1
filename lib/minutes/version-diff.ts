import { diffArrays, diffWordsWithSpace } from 'diff';

/** A piece of a rewritten line: kept, or only in the earlier or the later version. */
export interface Segment {
  text: string;
  change: 'same' | 'added' | 'removed';
}

/** One row of the comparison of two versions' lines. */
export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  /** A line rewritten in place: its words removed and added, inline. */
  | { kind: 'changed'; segments: Segment[] }
  /** Unchanged lines folded away between changes. */
  | { kind: 'skipped'; count: number };

export interface LineComparison {
  rows: DiffRow[];
  added: number;
  removed: number;
  changed: number;
}

/** Unchanged lines shown around each change, so a reader sees where in the minutes it is. */
const CONTEXT = 2;

/**
 * A rewritten line is shown word by word when most of it stayed; a line
 * replaced by a different one reads better as one removed and one added.
 */
function rewrite(before: string, after: string): Segment[] | null {
  const parts = diffWordsWithSpace(before, after);
  const kept = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.length, 0);
  if (kept * 2 < Math.max(before.length, after.length)) return null;
  // "chủ nhật" → "thứ bảy" reads as one phrase replaced, not as two words each replaced around a kept space.
  const segments: Segment[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) segments.push({ text: removed, change: 'removed' });
    if (added) segments.push({ text: added, change: 'added' });
    removed = added = '';
  };
  parts.forEach((part, i) => {
    if (part.removed) removed += part.value;
    else if (part.added) added += part.value;
    else if (removed && added && /^\s+$/.test(part.value) && (parts[i + 1]?.added || parts[i + 1]?.removed)) {
      removed += part.value;
      added += part.value;
    } else {
      flush();
      segments.push({ text: part.value, change: 'same' });
    }
  });
  flush();
  return segments;
}

/** Folds long runs of unchanged lines, keeping CONTEXT lines next to each change. */
function fold(rows: DiffRow[]): DiffRow[] {
  const out: DiffRow[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]!.kind !== 'same') {
      out.push(rows[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < rows.length && rows[end]!.kind === 'same') end++;
    const head = i === 0 ? 0 : CONTEXT;
    const tail = end === rows.length ? 0 : CONTEXT;
    if (end - i > head + tail + 1) {
      out.push(
        ...rows.slice(i, i + head),
        { kind: 'skipped', count: end - i - head - tail },
        ...rows.slice(end - tail, end),
      );
    } else {
      out.push(...rows.slice(i, end));
    }
    i = end;
  }
  return out;
}

/**
 * Compares two versions line by line (each line a paragraph of the minutes
 * as the document prints it); a removed line followed by an added one that
 * mostly matches it is shown as one line rewritten.
 */
export function compareLines(before: readonly string[], after: readonly string[]): LineComparison {
  const rows: DiffRow[] = [];
  let added = 0;
  let removed = 0;
  let changed = 0;
  const parts = diffArrays([...before], [...after]);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (!part.added && !part.removed) {
      for (const text of part.value) rows.push({ kind: 'same', text });
      continue;
    }
    const next = parts[p + 1];
    if (part.removed && next?.added) {
      // A hunk: lines taken out, lines put in. Pair them in order while they are rewrites of each other.
      const gone = part.value;
      const come = next.value;
      const pairs = Math.min(gone.length, come.length);
      const pending: DiffRow[] = [];
      for (let k = 0; k < pairs; k++) {
        const segments = rewrite(gone[k]!, come[k]!);
        if (segments) {
          rows.push(...pending.filter((r) => r.kind === 'removed'), ...pending.filter((r) => r.kind === 'added'));
          pending.length = 0;
          rows.push({ kind: 'changed', segments });
          changed++;
        } else {
          pending.push({ kind: 'removed', text: gone[k]! }, { kind: 'added', text: come[k]! });
          removed++;
          added++;
        }
      }
      for (const text of gone.slice(pairs)) pending.push({ kind: 'removed', text });
      for (const text of come.slice(pairs)) pending.push({ kind: 'added', text });
      removed += gone.length - pairs;
      added += come.length - pairs;
      rows.push(...pending.filter((r) => r.kind === 'removed'), ...pending.filter((r) => r.kind === 'added'));
      p++;
      continue;
    }
    for (const text of part.value) {
      rows.push({ kind: part.added ? 'added' : 'removed', text });
      if (part.added) added++;
      else removed++;
    }
  }
  return { rows: fold(rows), added, removed, changed };
}
