import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { newId } from '../../../lib/random-id';

/** Blocks whose id names a row on the server (a task, an opinion): ids must stay unique. */
const ID_NODES = new Set(['task', 'opinion']);

/**
 * Keeps task and opinion ids unique. Pressing Enter inside a task splits it
 * into two tasks that share every attribute, copy-and-paste duplicates one:
 * the later copy gets a new id, so the server projects two tasks, not one
 * twice. Only local edits are checked; remote ones were checked where they
 * were made, and fixing them here too would race the other client.
 */
export const UniqueBlockIds = Extension.create({
  name: 'uniqueBlockIds',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('uniqueBlockIds'),
        appendTransaction(transactions, _oldState, state) {
          if (!transactions.some((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey))) return null;
          const seen = new Set<string>();
          let tr: ReturnType<typeof state.tr.setNodeMarkup> | null = null;
          state.doc.descendants((node, pos) => {
            if (!ID_NODES.has(node.type.name)) return true;
            const id: unknown = node.attrs.id;
            if (typeof id === 'string' && id.length > 0 && !seen.has(id)) {
              seen.add(id);
              return false;
            }
            tr = (tr ?? state.tr).setNodeMarkup(pos, undefined, { ...node.attrs, id: newId() });
            return false;
          });
          return tr;
        },
      }),
    ];
  },
});
