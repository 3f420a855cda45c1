import { describe, expect, it } from 'vitest';
import { fillMinutes } from '../../lib/minutes/fill';
import { instantiateTemplate, templateSchema } from '../../lib/minutes/template';
import { outline } from '../helpers/minutes-outline';

const template = templateSchema.parse({
  kind: 'regular',
  locale: 'vi',
  title: 't',
  preamble: [{ text: 'Chủ trì: đồng chí …' }, { text: 'CHI BỘ {CELL}', style: 'bold' }],
  sections: [
    {
      heading: 'I. MỞ ĐẦU',
      hint: 'Chủ trì điều hành.',
      sections: [{ heading: '1. Tuyên bố lý do', hint: 'Ghi mục đích.' }],
    },
    { heading: 'II. NỘI DUNG', hint: 'Ghi từng vấn đề.' },
  ],
  closing: [{ text: 'Cuộc họp kết thúc vào lúc … giờ', style: 'italic' }],
});
const doc = instantiateTemplate(template, { committee: 'A', cell: 'B', place: 'C', startsAt: '2026-01-01T08:00' });

describe('filling minutes', () => {
  it('replaces a section’s hint and empty paragraph with the given paragraphs', () => {
    const { doc: filled } = fillMinutes(doc, { sections: { '1. Tuyên bố lý do': ['Một.', 'Hai.'] } });
    expect(outline(filled)).toEqual([
      'paragraph Chủ trì: đồng chí …',
      'paragraph[bold] CHI BỘ B',
      'heading2 I. MỞ ĐẦU',
      'hint Chủ trì điều hành.',
      'heading3 1. Tuyên bố lý do',
      'paragraph Một.',
      'paragraph Hai.',
      'heading2 II. NỘI DUNG',
      'hint Ghi từng vấn đề.',
      'paragraph',
      'paragraph[italic] Cuộc họp kết thúc vào lúc … giờ',
    ]);
  });

  it('writes under a parent section without touching its subsections', () => {
    const { doc: filled } = fillMinutes(doc, { sections: { 'I. MỞ ĐẦU': ['Chung.'] } });
    expect(outline(filled).slice(2, 6)).toEqual([
      'heading2 I. MỞ ĐẦU',
      'paragraph Chung.',
      'heading3 1. Tuyên bố lý do',
      'hint Ghi mục đích.',
    ]);
  });

  it('replaces lines by their opening and keeps their style', () => {
    const { doc: filled } = fillMinutes(doc, {
      lines: {
        'Chủ trì:': 'Chủ trì: đồng chí Nguyễn Văn Hùng.',
        'Cuộc họp kết thúc': 'Cuộc họp kết thúc vào lúc 21 giờ.',
      },
    });
    expect(outline(filled)[0]).toBe('paragraph Chủ trì: đồng chí Nguyễn Văn Hùng.');
    expect(outline(filled).at(-1)).toBe('paragraph[italic] Cuộc họp kết thúc vào lúc 21 giờ.');
  });

  it('can drop every hint for a finished record', () => {
    const { doc: filled } = fillMinutes(doc, { dropHints: true });
    expect(outline(filled).filter((line) => line.startsWith('hint'))).toEqual([]);
  });

  it('reports the keys that matched nothing', () => {
    const { missing } = fillMinutes(doc, {
      sections: { 'III. KHÁC': ['x'], 'II. NỘI DUNG': ['y'] },
      lines: { 'Thư ký:': 'z' },
    });
    expect(missing).toEqual(['III. KHÁC', 'Thư ký:']);
  });

  it('leaves the original document unchanged', () => {
    const before = JSON.stringify(doc);
    fillMinutes(doc, { sections: { 'II. NỘI DUNG': ['y'] }, dropHints: true });
    expect(JSON.stringify(doc)).toBe(before);
  });
});
