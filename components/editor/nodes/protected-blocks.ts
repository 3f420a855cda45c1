import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ReplaceAroundStep, ReplaceStep, type Step } from '@tiptap/pm/transform';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { NODES_WITH_SERVER_ATTRIBUTES, SERVER_BLOCKS } from '../../../lib/meeting-doc/write-rules';

/**
 * Keeps the editor's own edits within what the server accepts
 * (lib/meeting-doc/write-rules.ts): the blocks the server places (an
 * opinion's attribution, a vote result, the attendance and review blocks)
 * cannot be deleted, replaced, moved or pasted, and a copied task loses its
 * id (the server gives each new task one). The server refuses an update that
 * does any of this anyway; this only spares the user a refused change.
 * Remote changes are never filtered: they were checked where they came from.
 */

/** Whether a step removes, re-creates or re-attributes a server block of the document it applies to. */
function touchesServerBlock(step: Step, doc: PMNode): boolean {
  if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) {
    const { from, to, slice } = step as ReplaceStep & { from: number; to: number; slice: Slice };
    let inserted = false;
    slice.content.descendants((node) => {
      if (SERVER_BLOCKS.has(node.type.name)) inserted = true;
      return !inserted;
    });
    if (inserted) return true;
    let removed = false;
    doc.nodesBetween(from, to, (node, pos) => {
      if (removed) return false;
      // Changing text inside an opinion is fine; taking away its start (the block itself) is not.
      if (SERVER_BLOCKS.has(node.type.name) && from <= pos && pos < to) removed = true;
      else if (SERVER_BLOCKS.has(node.type.name) && node.type.name !== 'opinion')
        removed = from < pos + node.nodeSize && to > pos;
      return !removed;
    });
    return removed;
  }
  // Attribute steps (setNodeMarkup on a server block) are refused; marks on text are not.
  const json = step.toJSON() as { stepType?: string; pos?: number };
  if ((json.stepType === 'attr' || json.stepType === 'nodeAttrs') && typeof json.pos === 'number') {
    const node = doc.nodeAt(json.pos);
    return node !== null && NODES_WITH_SERVER_ATTRIBUTES.has(node.type.name) && node.type.name !== 'task';
  }
  return false;
}

function allowed(tr: Transaction): boolean {
  if (!tr.docChanged || tr.getMeta(ySyncPluginKey)) return true;
  return !tr.steps.some((step, i) => touchesServerBlock(step, tr.docs[i]!));
}

/**
 * Copies of blocks are the user's text: an opinion pasted becomes a
 * paragraph, live blocks are dropped, task ids and section ids go.
 */
function cleanCopies(fragment: Fragment): Fragment {
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    const name = node.type.name;
    if (name === 'opinion') {
      const paragraph = node.type.schema.nodes.paragraph!;
      const prefix = node.type.schema.text(`Đồng chí ${String(node.attrs.speakerName ?? '')}: `);
      nodes.push(paragraph.create(null, Fragment.from(prefix).append(node.content)));
    } else if (SERVER_BLOCKS.has(name)) {
      // Rendered from live state; a copy would show nothing of its own.
    } else if (name === 'task') {
      nodes.push(node.type.create({ ...node.attrs, id: null }, node.content, node.marks));
    } else if (node.attrs.sectionId != null) {
      // A section id names one heading of the minutes; its copy is a new block.
      nodes.push(node.type.create({ ...node.attrs, sectionId: null }, cleanCopies(node.content), node.marks));
    } else if (node.isLeaf) {
      nodes.push(node);
    } else {
      nodes.push(node.copy(cleanCopies(node.content)));
    }
  });
  return Fragment.fromArray(nodes);
}

export const ProtectedBlocks = Extension.create({
  name: 'protectedBlocks',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('protectedBlocks'),
        filterTransaction: allowed,
        props: {
          transformPasted: (slice) => new Slice(cleanCopies(slice.content), slice.openStart, slice.openEnd),
        },
      }),
    ];
  },
});
