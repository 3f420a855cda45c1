import { yDocToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { MINUTES_FIELD } from '../../lib/domain';
import { nodeText } from '../../lib/minutes/fill';
import type { PMNode } from '../../lib/minutes/template';
import type { DocStore } from '../../server/db/doc-store';

/** The minutes of Yjs updates as ProseMirror JSON, read the way the editor binding reads them. */
export function decodeMinutes(updates: readonly Uint8Array[]): PMNode {
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, update);
    return yDocToProsemirrorJSON(doc, MINUTES_FIELD) as PMNode;
  } finally {
    doc.destroy();
  }
}

/** The stored minutes of a meeting (snapshot plus log) as ProseMirror JSON. */
export async function storedMinutesJson(store: DocStore, docId: string): Promise<PMNode> {
  const stored = await store.load(docId);
  return decodeMinutes([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((u) => u.data)]);
}

/**
 * One line per top-level block: "heading2 I. MỞ ĐẦU", "paragraph[bold] THƯ KÝ",
 * "hint …". Compares documents by what a reader sees, ignoring default attributes.
 */
export function outline(doc: PMNode): string[] {
  return (doc.content ?? []).map((node) => {
    const level = node.type === 'heading' ? String(node.attrs?.level ?? '') : '';
    const marks = node.content?.[0]?.marks?.map((m) => m.type).join(',');
    return `${node.type}${level}${marks ? `[${marks}]` : ''} ${nodeText(node)}`.trimEnd();
  });
}
