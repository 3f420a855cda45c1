import { describe, expect, it } from 'vitest';
import { sectionMenu, type SectionHeading } from '../../lib/minutes/section-menu';

const heading = (sectionId: string, level: number, title: string): SectionHeading => ({ sectionId, level, title });

// The shipped regular template: numbers restart under each Roman numeral.
const REGULAR = [
  heading('mo-dau', 2, 'I. MỞ ĐẦU'),
  heading('ly-do', 3, '1. Tuyên bố lý do'),
  heading('dai-bieu', 3, '2. Giới thiệu đại biểu'),
  heading('noi-dung', 2, 'II. NỘI DUNG'),
  heading('chinh-tri', 3, '1. Tình hình chính trị, tư tưởng và văn bản mới của cấp trên'),
  heading('ket-thuc', 2, 'IV. KẾT THÚC'),
  heading('bien-ban', 3, '1. Thông qua biên bản'),
];

describe('the menu of the minutes’ sections', () => {
  // The flat list read "1." under every Roman numeral with nothing to tell them apart, and cut titles short.
  it('puts each numbered item under its Roman numeral, one step in', () => {
    expect(sectionMenu(REGULAR).map((e) => [e.depth, e.title])).toEqual([
      [0, 'I. MỞ ĐẦU'],
      [1, '1. Tuyên bố lý do'],
      [1, '2. Giới thiệu đại biểu'],
      [0, 'II. NỘI DUNG'],
      [1, '1. Tình hình chính trị, tư tưởng và văn bản mới của cấp trên'],
      [0, 'IV. KẾT THÚC'],
      [1, '1. Thông qua biên bản'],
    ]);
  });

  it('shows the heading’s own numbering once, adds none, and keeps a long title whole', () => {
    const long =
      'II. NỘI DUNG: Kiểm điểm việc thực hiện nghị quyết tháng trước, những việc chưa làm được và nguyên nhân';
    const entries = sectionMenu([heading('a', 2, long), heading('b', 3, '1. Tình hình')]);
    expect(entries.map((e) => e.title)).toEqual([long, '1. Tình hình']);
    expect(entries.map((e) => e.sectionId)).toEqual(['a', 'b']);
  });

  it('writes a title broken over lines or spaced out as one line', () => {
    expect(sectionMenu([heading('a', 2, '  III. BIỂU QUYẾT\nVÀ   KẾT LUẬN ')])[0]?.title).toBe(
      'III. BIỂU QUYẾT VÀ KẾT LUẬN',
    );
  });

  it('indents by the sections an entry lies inside, not by its heading level', () => {
    const depths = sectionMenu([
      heading('a', 3, '1. Mở đầu'),
      heading('b', 2, 'II. Nội dung'),
      heading('c', 4, 'a) Chi tiết'),
      heading('d', 3, '1. Mục'),
      heading('e', 4, 'a) Chi tiết của mục'),
      heading('f', 2, 'III. Kết luận'),
    ]).map((e) => e.depth);
    expect(depths).toEqual([0, 0, 1, 1, 2, 0]);
  });
});
