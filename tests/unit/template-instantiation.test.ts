import { describe, expect, it } from 'vitest';
import {
  fillPlaceholders,
  headerName,
  instantiateTemplate,
  templateSchema,
  templateTitle,
  type TemplateVariables,
} from '../../lib/minutes/template';
import { outline } from '../helpers/minutes-outline';

const vars: TemplateVariables = {
  committee: 'Đảng bộ phường Tân Định',
  cell: 'Chi bộ khu phố 3',
  place: 'Nhà văn hóa khu phố 3',
  startsAt: '2026-03-05T19:30',
};

const template = templateSchema.parse({
  kind: 'regular',
  locale: 'vi',
  title: 'Sinh hoạt chi bộ thường kỳ tháng {month} năm {year}',
  preamble: [
    { text: 'ĐẢNG BỘ {COMMITTEE}' },
    { text: 'CHI BỘ {CELL}', style: 'bold' },
    { text: '{place}, ngày {day} tháng {month} năm {year}', style: 'italic' },
    { text: 'BIÊN BẢN', style: 'title' },
  ],
  sections: [
    {
      heading: 'I. MỞ ĐẦU',
      hint: 'Do chủ trì điều hành.',
      sections: [{ heading: '1. Tuyên bố lý do', hint: 'Ghi mục đích.' }, { heading: '2. Giới thiệu đại biểu' }],
    },
    { heading: 'II. NỘI DUNG', sections: [{ heading: '1. Tình hình', sections: [{ heading: 'a) Thời sự' }] }] },
  ],
  closing: [{ text: 'Bắt đầu lúc {time} ngày {date}.' }, { text: '' }],
});

describe('placeholders', () => {
  it('fills the date parts, the time and the names', () => {
    expect(fillPlaceholders('{day}|{month}|{year}|{time}|{date}|{place}|{committee}|{cell}', vars)).toBe(
      '05|3|2026|19:30|05/03/2026|Nhà văn hóa khu phố 3|Đảng bộ phường Tân Định|Chi bộ khu phố 3',
    );
  });

  it('leaves an unknown placeholder as typed so the typo stays visible', () => {
    expect(fillPlaceholders('tháng {thang} năm {year}', vars)).toBe('tháng {thang} năm 2026');
  });

  it('reads the time from a full ISO start as well', () => {
    expect(fillPlaceholders('{time} {date}', { ...vars, startsAt: '2026-12-05T07:05:00.000Z' })).toBe(
      '07:05 05/12/2026',
    );
  });
});

describe('header names', () => {
  // Guards against "ĐẢNG BỘ ĐẢNG BỘ PHƯỜNG …" when the name already starts with the unit word.
  it('drops a leading unit word that the header prints itself', () => {
    expect(headerName('Đảng bộ phường Tân Định')).toBe('PHƯỜNG TÂN ĐỊNH');
    expect(headerName('Chi bộ khu phố 3')).toBe('KHU PHỐ 3');
    expect(headerName('Đảng ủy xã Hòa Bình')).toBe('XÃ HÒA BÌNH');
  });

  it('upper-cases a name given without the unit word', () => {
    expect(headerName('phường Tân Định')).toBe('PHƯỜNG TÂN ĐỊNH');
  });

  it('treats decomposed Vietnamese text like precomposed text', () => {
    expect(headerName('Đảng bộ phường Tân Định'.normalize('NFD'))).toBe('PHƯỜNG TÂN ĐỊNH');
  });

  it('keeps a name that merely begins like a unit word', () => {
    expect(headerName('Chi bộ')).toBe('CHI BỘ');
  });
});

describe('instantiation', () => {
  const doc = instantiateTemplate(template, vars);

  it('turns the preamble into styled lines with the header filled in', () => {
    expect(outline(doc).slice(0, 4)).toEqual([
      'paragraph ĐẢNG BỘ PHƯỜNG TÂN ĐỊNH',
      'paragraph[bold] CHI BỘ KHU PHỐ 3',
      'paragraph[italic] Nhà văn hóa khu phố 3, ngày 05 tháng 3 năm 2026',
      'heading1 BIÊN BẢN',
    ]);
  });

  it('turns sections into nested headings, hints, and an empty paragraph under each leaf', () => {
    expect(outline(doc).slice(4, -2)).toEqual([
      'heading2 I. MỞ ĐẦU',
      'hint Do chủ trì điều hành.',
      'heading3 1. Tuyên bố lý do',
      'hint Ghi mục đích.',
      'paragraph',
      'heading3 2. Giới thiệu đại biểu',
      'paragraph',
      'heading2 II. NỘI DUNG',
      'heading3 1. Tình hình',
      'heading4 a) Thời sự',
      'paragraph',
    ]);
  });

  it('puts the closing lines last, an empty line as an empty paragraph', () => {
    expect(outline(doc).slice(-2)).toEqual(['paragraph Bắt đầu lúc 19:30 ngày 05/03/2026.', 'paragraph']);
    expect(doc.content?.at(-1)).toEqual({ type: 'paragraph', content: [] });
  });

  it('gives the meeting its title from the template', () => {
    expect(templateTitle(template, vars)).toBe('Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026');
  });
});

describe('template validation', () => {
  it('refuses a template without sections', () => {
    expect(templateSchema.safeParse({ kind: 'regular', locale: 'vi', title: 'x', sections: [] }).success).toBe(false);
  });

  it('refuses an unknown meeting kind', () => {
    expect(
      templateSchema.safeParse({ kind: 'party', locale: 'vi', title: 'x', sections: [{ heading: 'I' }] }).success,
    ).toBe(false);
  });
});

describe('structure the live meeting relies on', () => {
  it('gives every section heading a stable id from its position and marks where the closing begins', async () => {
    const { readShippedTemplates } = await import('../../server/services/templates');
    const { instantiateTemplate } = await import('../../lib/minutes/template');
    const regular = readShippedTemplates().find((t) => t.kind === 'regular')!;
    const doc = instantiateTemplate(regular, {
      committee: 'Đảng bộ phường A',
      cell: 'Chi bộ 1',
      place: 'Nhà văn hóa',
      startsAt: '2026-12-05T19:30',
    });
    const content = doc.content ?? [];
    const ids = content.filter((n) => n.type === 'heading' && n.attrs?.sectionId).map((n) => n.attrs!.sectionId);
    expect(ids).toContain('s-1-4');
    expect(ids).toContain('s-2-2');
    expect(new Set(ids).size).toBe(ids.length);
    const attendanceAt = content.findIndex((n) => n.type === 'attendanceBlock');
    const reviewAt = content.findIndex((n) => n.type === 'reviewBlock');
    expect(content.findLastIndex((n, i) => i < attendanceAt && n.type === 'heading')).toBe(
      content.findIndex((n) => n.attrs?.sectionId === 's-1-4'),
    );
    expect(content.findLastIndex((n, i) => i < reviewAt && n.type === 'heading')).toBe(
      content.findIndex((n) => n.attrs?.sectionId === 's-2-2'),
    );
    const end = content.findIndex((n) => n.attrs?.sectionId === 'end');
    expect(end).toBeGreaterThan(reviewAt);
    expect(JSON.stringify(content[end])).toContain('Cuộc họp kết thúc');
  });
});
