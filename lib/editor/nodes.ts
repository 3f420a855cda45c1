import { Extension, Node, mergeAttributes } from '@tiptap/core';
import type { TaskStatus } from '../rules/tasks';

/**
 * Structured blocks of the minutes. They are ordinary nodes of the shared
 * document, co-edited live with the text, with stable ids in their attributes
 * so the server can project them into rows. This file holds the schema only;
 * the browser adds interactive node views (components/editor/nodes).
 */

const jsonAttribute = <T>(name: string, fallback: T) => ({
  default: fallback,
  parseHTML: (element: HTMLElement) => {
    const raw = element.getAttribute(`data-${name}`);
    if (raw === null) return fallback;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return fallback;
    }
  },
  renderHTML: (attributes: Record<string, unknown>) => ({
    [`data-${name}`]: JSON.stringify(attributes[name] ?? fallback),
  }),
});

/** A string attribute `key`, kept in HTML (copies, clipboard) as data-<kebab-case key>. */
const stringAttribute = (key: string, fallback: string | null = null, keepOnSplit = true) => {
  const html = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return {
    default: fallback,
    keepOnSplit,
    parseHTML: (element: HTMLElement) => element.getAttribute(html) ?? fallback,
    renderHTML: (attributes: Record<string, unknown>) =>
      attributes[key] == null ? {} : { [html]: String(attributes[key]) },
  };
};

/**
 * Gives headings a stable section id, so opinions and vote results can be
 * placed "in the current section". The first closing line of the minutes
 * (end time, signatures) carries the id "end", so nothing is placed below it.
 */
export const SectionIds = Extension.create({
  name: 'sectionIds',
  addGlobalAttributes() {
    // A section id names one heading: the block split off it is a new one, without an id.
    return [{ types: ['heading', 'paragraph'], attributes: { sectionId: stringAttribute('sectionId', null, false) } }];
  },
});

/** The sectionId of the first closing line. */
export const END_SECTION_ID = 'end';

/** "Đồng chí <name>: …": one member's opinion, attributed to them. */
export const Opinion = Node.create({
  name: 'opinion',
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes() {
    return {
      id: stringAttribute('id'),
      speakerId: stringAttribute('speakerId'),
      speakerName: stringAttribute('speakerName', ''),
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-opinion]', contentElement: 'span.opinion-text' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      'div',
      mergeAttributes(HTMLAttributes, { 'data-opinion': '', class: 'minutes-opinion' }),
      [
        'strong',
        { contenteditable: 'false', class: 'opinion-speaker' },
        `Đồng chí ${String(node.attrs.speakerName ?? '')}: `,
      ],
      ['span', { class: 'opinion-text' }, 0],
    ];
  },
});

export interface TaskAssignee {
  userId: string;
  name: string;
}

export interface TaskAttributes {
  /** Given by the server when the task block reaches it; null until then. */
  id: string | null;
  assignees: TaskAssignee[];
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  status: TaskStatus;
}

/**
 * A task of the resolution: text, assignees chosen from the cell's members, a
 * due date and a status. Its id names its row in the database, so the server
 * gives it: a task split off another (Enter) or pasted starts without one.
 */
export const Task = Node.create({
  name: 'task',
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes() {
    return {
      id: stringAttribute('id', null, false),
      assignees: jsonAttribute<TaskAssignee[]>('assignees', []),
      dueDate: stringAttribute('dueDate'),
      status: stringAttribute('status', 'not_started'),
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-task]', contentElement: 'span.task-text' }];
  },
  renderHTML({ HTMLAttributes }) {
    return [
      'div',
      mergeAttributes(HTMLAttributes, { 'data-task': '', class: 'minutes-task' }),
      ['span', { class: 'task-text' }, 0],
    ];
  },
});

/**
 * A block rendered from live structured state rather than typed: an atom
 * the server or the editor places, identified by a data attribute.
 */
function liveBlock(
  name: string,
  dataAttribute: string,
  className: string,
  attributes: Record<string, ReturnType<typeof stringAttribute>> = {},
) {
  return Node.create({
    name,
    group: 'block',
    atom: true,
    selectable: true,
    addAttributes() {
      return attributes;
    },
    parseHTML() {
      return [{ tag: `div[${dataAttribute}]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return ['div', mergeAttributes(HTMLAttributes, { [dataAttribute]: '', class: className })];
    },
  });
}

/** Where a vote's result is shown: counts, base, percentage and outcome, rendered from the live vote record. */
export const VoteResult = liveBlock('voteResult', 'data-vote-result', 'minutes-vote', {
  voteId: stringAttribute('voteId'),
});

/** The attendance block: counts and names, rendered from the live attendance marks. */
export const AttendanceBlock = liveBlock('attendanceBlock', 'data-attendance-block', 'minutes-attendance');

/** The review of last month's resolution: unfinished tasks of earlier meetings, kept in step by the server. */
export const ReviewBlock = liveBlock('reviewBlock', 'data-review-block', 'minutes-review');

/**
 * A fact of the meeting inside a line of the minutes ("Chủ trì: đồng chí
 * <chair>"): an inline atom the template places, whose text is drawn from the
 * meeting's data in the document's language (lib/minutes/facts.ts).
 */
export const Fact = Node.create({
  name: 'fact',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: false,
  addAttributes() {
    return { name: stringAttribute('name'), lang: stringAttribute('lang', 'vi') };
  },
  parseHTML() {
    return [{ tag: 'span[data-fact]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { 'data-fact': '', class: 'minutes-fact' })];
  },
});

export const STRUCTURED_NODES = [SectionIds, Opinion, Task, VoteResult, AttendanceBlock, ReviewBlock, Fact];
