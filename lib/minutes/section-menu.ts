/** A heading of the minutes that starts a section, as the live document holds it. */
export interface SectionHeading {
  sectionId: string;
  /** The heading's text, numbering included ("II. NỘI DUNG", "1. Tình hình chính trị…"). */
  title: string;
  /** The heading level, 2 for "I." and 3 for "1." in the shipped templates. */
  level: number;
}

export interface SectionMenuEntry {
  sectionId: string;
  /** The heading's text as written: its own number once, nothing added, nothing cut. */
  title: string;
  /** How many sections it lies inside: 0 for "I. MỞ ĐẦU", 1 for the "1." under it. */
  depth: number;
}

/**
 * The entries of the menu that moves the meeting along its sections. The
 * numbers of the template restart under each Roman numeral, so a flat list
 * read "1." again and again; each entry is placed under the section it
 * belongs to instead. Depth counts the enclosing headings, not the level
 * itself, so a skipped level (a heading 4 right under a heading 2) indents
 * one step, and a document whose first heading is a 3 starts at the margin.
 */
export function sectionMenu(headings: readonly SectionHeading[]): SectionMenuEntry[] {
  const open: number[] = [];
  return headings.map(({ sectionId, title, level }) => {
    while (open.length > 0 && open[open.length - 1]! >= level) open.pop();
    const depth = open.length;
    open.push(level);
    return { sectionId, title: title.replace(/\s+/g, ' ').trim(), depth };
  });
}
