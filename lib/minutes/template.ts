import { z } from 'zod';
import { MEETING_KINDS } from '../domain';

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

type SectionInput = { heading: string; hint?: string | undefined; sections?: SectionInput[] | undefined };
const sectionSchema: z.ZodType<SectionInput> = z.lazy(() =>
  z.object({
    heading: z.string().min(1).max(300),
    hint: z.string().max(1000).optional(),
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
}

/** A ProseMirror (Tiptap) JSON node as the minutes use it. */
export type PMNode = { type: string; attrs?: Record<string, unknown>; content?: PMNode[]; text?: string; marks?: { type: string }[] };

/** Unit words that party-document headers print before the unit's name. */
const UNIT_WORDS = ['đảng bộ', 'đảng ủy', 'đảng uỷ', 'chi bộ'];

/**
 * The upper-case name for the document header. The template prints the unit
 * word itself ("ĐẢNG BỘ {COMMITTEE}"), and people name their organisations
 * both ways ("Đảng bộ phường Tân Định" or "phường Tân Định"), so a leading
 * unit word is dropped here rather than printed twice.
 */
export function headerName(name: string): string {
  const normal = name.normalize('NFC').trim();
  const lower = normal.toLocaleLowerCase('vi');
  const word = UNIT_WORDS.find((w) => lower.startsWith(w + ' '));
  return (word ? normal.slice(word.length) : normal).trim().toLocaleUpperCase('vi');
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
  };
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function textNode(text: string, marks?: string[]): PMNode[] {
  if (text.length === 0) return [];
  return [{ type: 'text', text, ...(marks && marks.length > 0 ? { marks: marks.map((type) => ({ type })) } : {}) }];
}

function lineToNode(line: z.infer<typeof lineSchema>, vars: TemplateVariables): PMNode {
  const text = fillPlaceholders(line.text, vars);
  if (line.style === 'title') return { type: 'heading', attrs: { level: 1 }, content: textNode(text) };
  const marks = line.style === 'bold' ? ['bold'] : line.style === 'italic' ? ['italic'] : [];
  return { type: 'paragraph', content: textNode(text, marks) };
}

function sectionToNodes(section: TemplateSection, depth: number, vars: TemplateVariables): PMNode[] {
  const level = Math.min(depth + 2, 4);
  const nodes: PMNode[] = [{ type: 'heading', attrs: { level }, content: textNode(fillPlaceholders(section.heading, vars)) }];
  if (section.hint) nodes.push({ type: 'hint', content: textNode(fillPlaceholders(section.hint, vars)) });
  if (section.sections && section.sections.length > 0) {
    for (const child of section.sections) nodes.push(...sectionToNodes(child, depth + 1, vars));
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
    ...template.preamble.map((line) => lineToNode(line, vars)),
    ...template.sections.flatMap((section) => sectionToNodes(section, 0, vars)),
    ...template.closing.map((line) => lineToNode(line, vars)),
  ];
  return { type: 'doc', content };
}
