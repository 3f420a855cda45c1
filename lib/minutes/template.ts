import { z } from '../zod-setup';
import { MEETING_KINDS } from '../domain';
import { END_SECTION_ID } from '../editor/nodes';
import { isFactName, type DocumentLanguage } from './facts';

/**
 * Meeting templates are data: JSON documents (shipped in server/templates,
 * stored in the templates table, editable by an administrator) turned into
 * the minutes' first content here. Text may use {placeholders}, see
 * TemplateVariables.
 */
const lineSchema = z.object({
  text: z.string().max(500),
  style: z.enum(['plain', 'bold', 'italic', 'title']).default('plain'),
});

/**
 * Live blocks a section can hold: the attendance block (rendered from the
 * attendance marks) and the review of earlier meetings' unfinished tasks.
 */
const SECTION_BLOCKS = ['attendance', 'review'] as const;
export type SectionBlock = (typeof SECTION_BLOCKS)[number];

type SectionInput = {
  heading: string;
  hint?: string | undefined;
  block?: SectionBlock | undefined;
  sections?: SectionInput[] | undefined;
};
const sectionSchema: z.ZodType<SectionInput> = z.lazy(() =>
  z.object({
    heading: z.string().min(1).max(300),
    hint: z.string().max(1000).optional(),
    block: z.enum(SECTION_BLOCKS).optional(),
    sections: z.array(sectionSchema).max(50).optional(),
  }),
);

export const templateSchema = z.object({
  kind: z.enum(MEETING_KINDS),
  locale: z.enum(['vi', 'en']),
  /** The meeting's title, e.g. "sinh hoạt chi bộ thường kỳ tháng {month} năm {year}". */
  title: z.string().min(1).max(300),
  /** Lines above the sections: the document header, "BIÊN BẢN", the subtitle. */
  preamble: z.array(lineSchema).max(30).default([]),
  sections: z.array(sectionSchema).min(1).max(50),
  /** Lines after the sections: closing time, signature blocks. */
  closing: z.array(lineSchema).max(30).default([]),
});
export type MeetingTemplate = z.infer<typeof templateSchema>;
export type TemplateSection = SectionInput;

export interface TemplateVariables {
  committee: string;
  cell: string;
  place: string;
  /** Local start date and time as stored, "YYYY-MM-DDTHH:mm". */
  startsAt: string;
  /** Thematic meetings: the topic, when it was given. */
  topic?: string | undefined;
}

/** A ProseMirror (Tiptap) JSON node as the minutes use it. */
export type PMNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  text?: string;
  marks?: { type: string }[];
};

/** Unit words that party-document headers print before the unit's name. */
const UNIT_WORDS = ['đảng bộ', 'đảng ủy', 'đảng uỷ', 'chi bộ'];

/**
 * The upper-case name for the document header. The template prints the unit
 * word itself ("ĐẢNG BỘ {COMMITTEE}"), and people name their organisations
 * both ways ("Đảng bộ phường Tân Định" or "phường Tân Định"), so a leading
 * unit word is dropped here rather than printed twice.
 */
export function headerName(name: string): string {
  return unitName(name).toLocaleUpperCase('vi');
}

/** An organisation's name without its leading unit word, in the letters it was typed in ("phường Tân Định"). */
export function unitName(name: string): string {
  const normal = name.normalize('NFC').trim();
  const lower = normal.toLocaleLowerCase('vi');
  const word = UNIT_WORDS.find((w) => lower.startsWith(w + ' '));
  return (word ? normal.slice(word.length) : normal).trim();
}

/** Replaces {name} placeholders; unknown names are left as typed so a typo stays visible. */
export function fillPlaceholders(text: string, vars: TemplateVariables): string {
  const [date = '', time = ''] = vars.startsAt.split('T');
  const [year = '', month = '', day = ''] = date.split('-');
  const values: Record<string, string> = {
    committee: vars.committee,
    COMMITTEE: headerName(vars.committee),
    cell: vars.cell,
    CELL: headerName(vars.cell),
    place: vars.place,
    day,
    month: String(Number(month) || month),
    year,
    time: time.slice(0, 5),
    date: `${day}/${month}/${year}`,
    topic: vars.topic ?? '…',
  };
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function textNode(text: string, marks?: string[]): PMNode[] {
  if (text.length === 0) return [];
  return [{ type: 'text', text, ...(marks && marks.length > 0 ? { marks: marks.map((type) => ({ type })) } : {}) }];
}

/**
 * A line's text with its {@fact} places turned into fact nodes (their text
 * comes from the meeting's data, lib/minutes/facts.ts); an unknown fact name
 * stays as typed, so a typo in an edited template stays visible.
 */
function lineContent(text: string, marks: string[], lang: DocumentLanguage): PMNode[] {
  const out: PMNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{@(\w+)\}/g)) {
    if (!isFactName(match[1])) continue;
    out.push(...textNode(text.slice(last, match.index), marks));
    out.push({ type: 'fact', attrs: { name: match[1], lang } });
    last = match.index + match[0].length;
  }
  out.push(...textNode(text.slice(last), marks));
  return out;
}

function lineToNode(line: z.infer<typeof lineSchema>, vars: TemplateVariables, lang: DocumentLanguage): PMNode {
  const text = fillPlaceholders(line.text, vars);
  if (line.style === 'title') return { type: 'heading', attrs: { level: 1 }, content: lineContent(text, [], lang) };
  const marks = line.style === 'bold' ? ['bold'] : line.style === 'italic' ? ['italic'] : [];
  return { type: 'paragraph', content: lineContent(text, marks, lang) };
}

const BLOCK_NODES: Record<SectionBlock, string> = { attendance: 'attendanceBlock', review: 'reviewBlock' };

/**
 * A section becomes a heading (with a stable id from its position, "s-2-1"
 * for the first item of the second section), its hint, its live block and
 * either its subsections or an empty paragraph to type in.
 */
function sectionToNodes(section: TemplateSection, path: number[], vars: TemplateVariables): PMNode[] {
  const level = Math.min(path.length + 1, 4);
  const sectionId = `s-${path.join('-')}`;
  const nodes: PMNode[] = [
    { type: 'heading', attrs: { level, sectionId }, content: textNode(fillPlaceholders(section.heading, vars)) },
  ];
  if (section.hint) nodes.push({ type: 'hint', content: textNode(fillPlaceholders(section.hint, vars)) });
  if (section.block) nodes.push({ type: BLOCK_NODES[section.block] });
  if (section.sections && section.sections.length > 0) {
    section.sections.forEach((child, i) => nodes.push(...sectionToNodes(child, [...path, i + 1], vars)));
  } else {
    // An empty paragraph under each leaf section: the place to start typing.
    nodes.push({ type: 'paragraph' });
  }
  return nodes;
}

/** The meeting's title with placeholders filled. */
export function templateTitle(template: MeetingTemplate, vars: TemplateVariables): string {
  return fillPlaceholders(template.title, vars);
}

/** Turns a template into a ProseMirror (Tiptap) JSON document for the minutes. */
export function instantiateTemplate(template: MeetingTemplate, vars: TemplateVariables): PMNode {
  const content: PMNode[] = [
    ...template.preamble.map((line) => lineToNode(line, vars, template.locale)),
    ...template.sections.flatMap((section, i) => sectionToNodes(section, [i + 1], vars)),
    ...template.closing.map((line, i) => {
      const node = lineToNode(line, vars, template.locale);
      // Marks where the closing begins: blocks placed in the last section stay above the signatures.
      return i === 0 ? { ...node, attrs: { ...node.attrs, sectionId: END_SECTION_ID } } : node;
    }),
  ];
  return { type: 'doc', content };
}
