'use client';

import { useEffect, useState } from 'react';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import type { SectionHeading } from '../../lib/minutes/section-menu';
import { useLiveMeeting } from './live-meeting-provider';

/** What a Y.XmlElement / Y.XmlText offers that this needs; yjs itself is not imported into panels. */
interface XmlNodeLike {
  nodeName?: string;
  getAttribute?: (name: string) => unknown;
  toArray?: () => XmlNodeLike[];
  toDelta?: () => { insert?: unknown }[];
}

function text(node: XmlNodeLike): string {
  if (node.toDelta)
    return node
      .toDelta()
      .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  return (node.toArray?.() ?? []).map(text).join('');
}

function readSections(nodes: XmlNodeLike[]): SectionHeading[] {
  const out: SectionHeading[] = [];
  for (const node of nodes) {
    if (node.nodeName !== 'heading' || !node.getAttribute) continue;
    const sectionId = node.getAttribute('sectionId');
    if (typeof sectionId !== 'string' || sectionId.length === 0) continue;
    out.push({ sectionId, title: text(node).trim(), level: Number(node.getAttribute('level')) || 1 });
  }
  return out;
}

/**
 * The minutes' sections (headings that carry a section id), in document
 * order, kept in step with the text as people type. The list is replaced
 * only when it changes, not on every keystroke.
 */
export function useSections(): SectionHeading[] {
  const { doc } = useLiveMeeting();
  const [sections, setSections] = useState<SectionHeading[]>([]);
  useEffect(() => {
    if (!doc) return;
    const fragment = meetingDoc.minutes(doc);
    let last = '';
    const update = () => {
      const next = readSections(fragment.toArray() as unknown as XmlNodeLike[]);
      const key = JSON.stringify(next);
      if (key === last) return;
      last = key;
      setSections(next);
    };
    update();
    fragment.observeDeep(update);
    return () => fragment.unobserveDeep(update);
  }, [doc]);
  return sections;
}
