import { describe, expect, it } from 'vitest';
import { compareLines } from '../../lib/minutes/version-diff';

const lines = (n: number, prefix = 'Dòng') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe('comparing two versions of the minutes', () => {
  it('reads the same for the same lines, all folded away', () => {
    expect(compareLines(lines(3), lines(3))).toEqual({
      rows: [{ kind: 'skipped', count: 3 }],
      added: 0,
      removed: 0,
      changed: 0,
    });
  });

  it('shows lines added and removed, and folds unchanged lines away from them', () => {
    const before = lines(20);
    const after = [...before.slice(0, 10), 'Đồng chí Hà: nhất trí.', ...before.slice(11)];
    const result = compareLines(before, after);
    expect(result).toMatchObject({ added: 1, removed: 1, changed: 0 });
    expect(result.rows).toEqual([
      { kind: 'skipped', count: 8 },
      { kind: 'same', text: 'Dòng 9' },
      { kind: 'same', text: 'Dòng 10' },
      { kind: 'removed', text: 'Dòng 11' },
      { kind: 'added', text: 'Đồng chí Hà: nhất trí.' },
      { kind: 'same', text: 'Dòng 12' },
      { kind: 'same', text: 'Dòng 13' },
      { kind: 'skipped', count: 7 },
    ]);
  });

  it('shows a line rewritten in place word by word, a phrase replaced as one', () => {
    const result = compareLines(
      ['Thời gian: bắt đầu lúc 19 giờ 30 ngày 7 tháng 11 năm 2026, tại nhà văn hóa.'],
      ['Thời gian: bắt đầu lúc 19 giờ 45 ngày 7 tháng 11 năm 2026, tại trụ sở ủy ban.'],
    );
    expect(result).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(result.rows).toEqual([
      {
        kind: 'changed',
        segments: [
          { text: 'Thời gian: bắt đầu lúc 19 giờ ', change: 'same' },
          { text: '30', change: 'removed' },
          { text: '45', change: 'added' },
          { text: ' ngày 7 tháng 11 năm 2026, tại ', change: 'same' },
          { text: 'nhà văn hóa', change: 'removed' },
          { text: 'trụ sở ủy ban', change: 'added' },
          { text: '.', change: 'same' },
        ],
      },
    ]);
  });

  it('keeps Vietnamese words whole: a changed tone mark replaces the word, not a letter', () => {
    const result = compareLines(['Chi bộ đã thảo luận kỹ'], ['Chi bộ đã thảo luận kĩ']);
    const row = result.rows[0];
    expect(row?.kind === 'changed' && row.segments.filter((s) => s.change !== 'same')).toEqual([
      { text: 'kỹ', change: 'removed' },
      { text: 'kĩ', change: 'added' },
    ]);
  });

  it('shows a line replaced by a different one as removed and added, not as a rewrite', () => {
    const result = compareLines(
      ['Kết luận: giao tổ dân phố chuẩn bị.'],
      ['Biểu quyết: 12/12 đồng chí có mặt tán thành (100%).'],
    );
    expect(result.rows).toEqual([
      { kind: 'removed', text: 'Kết luận: giao tổ dân phố chuẩn bị.' },
      { kind: 'added', text: 'Biểu quyết: 12/12 đồng chí có mặt tán thành (100%).' },
    ]);
    expect(result).toMatchObject({ added: 1, removed: 1, changed: 0 });
  });
});
