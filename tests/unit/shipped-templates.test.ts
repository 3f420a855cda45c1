import { describe, expect, it } from 'vitest';
import { MEETING_KINDS } from '../../lib/domain';
import { nodeText } from '../../lib/minutes/fill';
import { instantiateTemplate, type MeetingTemplate, type TemplateSection } from '../../lib/minutes/template';
import { encodeInitialDocument } from '../../server/collab/initial-document';
import { readShippedTemplates } from '../../server/services/templates';
import { decodeMinutes, outline } from '../helpers/minutes-outline';

const templates = readShippedTemplates();
const byKind = new Map(templates.filter((t) => t.kind !== 'generic' || t.locale === 'en').map((t) => [t.kind, t]));
const vars = {
  committee: 'Đảng bộ phường Tân Định',
  cell: 'Chi bộ khu phố 3',
  place: 'Tân Định',
  startsAt: '2026-11-05T19:30',
};

function leaves(sections: readonly TemplateSection[]): TemplateSection[] {
  return sections.flatMap((s) => (s.sections && s.sections.length > 0 ? leaves(s.sections) : [s]));
}

function headings(sections: readonly TemplateSection[]): string[] {
  return sections.flatMap((s) => [s.heading, ...headings(s.sections ?? [])]);
}

function regular(): MeetingTemplate {
  const template = byKind.get('regular');
  if (!template) throw new Error('no regular template');
  return template;
}

describe('shipped templates', () => {
  it('ships a valid template for every meeting kind, the generic one in Vietnamese and in English', () => {
    expect(templates.map((t) => `${t.kind}/${t.locale}`).sort()).toEqual(
      [...MEETING_KINDS.map((kind) => `${kind}/vi`), 'generic/en'].sort(),
    );
  });

  it('leaves no fact to be typed: time, chair, minutes-taker and attendance come from the meeting', () => {
    for (const template of templates) {
      const text = JSON.stringify(template);
      expect(text, template.kind).not.toMatch(/… giờ … phút|đồng chí …\.|Chair: …|tổng số …/);
      for (const name of ['startTime', 'chair', 'secretary', 'endTime'])
        expect(text, `${template.kind}/${template.locale}: ${name}`).toContain(`{@${name}}`);
    }
  });

  it('turns {@fact} into fact nodes and leaves an unknown name as typed', () => {
    const template: MeetingTemplate = {
      ...regular(),
      preamble: [{ text: 'Chủ trì: đồng chí {@chair}; {@nothing}', style: 'plain' }],
      sections: [],
      closing: [],
    };
    expect(instantiateTemplate(template, vars).content?.[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Chủ trì: đồng chí ' },
        { type: 'fact', attrs: { name: 'chair', lang: 'vi' } },
        { type: 'text', text: '; {@nothing}' },
      ],
    });
  });

  it('gives every section where something is written a hint for new secretaries', () => {
    for (const template of templates) {
      for (const section of leaves(template.sections))
        expect(section.hint, `${template.kind}: ${section.heading}`).toBeTruthy();
    }
  });

  it.each(templates.map((t) => [`${t.kind}/${t.locale}`, t] as const))(
    'instantiates %s with every placeholder filled',
    (_kind, template) => {
      const text = outline(instantiateTemplate(template, vars)).join('\n');
      expect(text).not.toMatch(/\{\w+\}/);
    },
  );

  it.each(templates.map((t) => [`${t.kind}/${t.locale}`, t] as const))(
    'encodes %s as a Yjs document that decodes back to the same minutes',
    (_kind, template) => {
      const content = instantiateTemplate(template, vars);
      const decoded = decodeMinutes([encodeInitialDocument(content)]);
      expect(outline(decoded)).toEqual(outline(content));
      expect(nodeText(decoded)).toBe(nodeText(content));
    },
  );
});

describe('the regular meeting template', () => {
  it('opens with the party-document header, the title and the subtitle', () => {
    expect(outline(instantiateTemplate(regular(), vars)).slice(0, 7)).toEqual([
      'paragraph ĐẢNG BỘ PHƯỜNG TÂN ĐỊNH',
      'paragraph[bold] CHI BỘ KHU PHỐ 3',
      'paragraph *',
      'paragraph[bold] ĐẢNG CỘNG SẢN VIỆT NAM',
      'paragraph[italic] Tân Định, ngày 05 tháng 11 năm 2026',
      'heading1 BIÊN BẢN',
      'paragraph[bold] Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026',
    ]);
  });

  it('records start time, place, chair, minutes-taker, guests and attendance before the sections', () => {
    const lines = regular()
      .preamble.slice(7)
      .map((l) => l.text.split(':')[0]);
    expect(lines).toEqual(['Thời gian', 'Địa điểm', 'Chủ trì', 'Thư ký', 'Khách mời', 'Số đảng viên']);
  });

  it('follows the order of a regular meeting', () => {
    expect(regular().sections.map((s) => s.heading)).toEqual([
      'I. MỞ ĐẦU',
      'II. NỘI DUNG',
      'III. BIỂU QUYẾT VÀ KẾT LUẬN',
      'IV. KẾT THÚC',
    ]);
    const content = regular().sections[1]?.sections?.map((s) => s.heading);
    expect(content).toEqual([
      '1. Tình hình chính trị, tư tưởng và văn bản mới của cấp trên',
      '2. Kiểm điểm việc thực hiện nghị quyết tháng trước',
      '3. Nhiệm vụ, giải pháp tháng tới',
      '4. Công tác xây dựng Đảng',
      '5. Các vấn đề khác',
    ]);
  });

  it('reports attendance through the live attendance block, in the opening', () => {
    const opening = regular().sections[0]!;
    expect(opening.sections?.find((s) => s.heading.startsWith('4. Báo cáo tình hình đảng viên'))?.block).toBe(
      'attendance',
    );
  });

  it('ends with the end time and both signature blocks', () => {
    expect(regular().closing.map((l) => l.text)).toEqual([
      'Cuộc họp kết thúc vào lúc {@endTime} cùng ngày./.',
      'THƯ KÝ',
      '(Ký, ghi rõ họ tên)',
      'T/M CHI BỘ',
      'BÍ THƯ',
      '(Ký, ghi rõ họ tên)',
    ]);
  });

  it('shows the vote format in its hints', () => {
    const hints = leaves(regular().sections)
      .map((s) => s.hint)
      .join('\n');
    expect(hints).toContain('«x/y đồng chí có mặt tán thành (z%)»');
    expect(hints).toContain('«Đồng chí …: …»');
  });
});

describe('the other party templates', () => {
  it('gives a thematic meeting an introductory paper, contributions and a conclusion', () => {
    const all = headings(byKind.get('thematic')?.sections ?? []);
    expect(all).toEqual(
      expect.arrayContaining(['1. Trình bày đề dẫn', '2. Tham luận và thảo luận', '3. Kết luận chuyên đề']),
    );
  });

  it('reminds a combined meeting that it needs at least 120 minutes', () => {
    expect(JSON.stringify(byKind.get('combined'))).toContain('120 phút');
  });

  it('has the generic meeting record attendees, agenda, discussion, decisions, actions and the next meeting', () => {
    expect(byKind.get('generic')?.sections.map((s) => s.heading)).toEqual([
      '1. Attendees',
      '2. Agenda',
      '3. Discussion',
      '4. Decisions',
      '5. Action items',
      '6. Next meeting',
    ]);
  });
});
