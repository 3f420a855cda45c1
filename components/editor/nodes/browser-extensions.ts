import type { AnyExtension } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { minutesExtensions } from '../../../lib/editor/extensions';
import { AttendanceBlock, Fact, Opinion, ReviewBlock, Task, VoteResult } from '../../../lib/editor/nodes';
import { AttendanceBlockView } from './attendance-block-view';
import { FactView } from './fact-view';
import { OpinionView } from './opinion-view';
import { ReviewBlockView } from './review-block-view';
import { TaskView } from './task-view';
import { ProtectedBlocks } from './protected-blocks';
import { VoteResultView } from './vote-result-view';

/** The structured nodes with their interactive views; same names and schema as the shared ones. */
const WITH_VIEWS: Record<string, AnyExtension> = {
  opinion: Opinion.extend({
    addNodeView() {
      return ReactNodeViewRenderer(OpinionView);
    },
    addKeyboardShortcuts() {
      return {
        // An opinion is one block attributed by the server: Enter cannot split it into a second one.
        // At its end Enter starts an ordinary paragraph below it; inside, a new line.
        Enter: ({ editor }) => {
          const { $from, empty } = editor.state.selection;
          if ($from.parent.type.name !== 'opinion') return false;
          if (empty && $from.parentOffset === $from.parent.content.size) {
            const after = $from.after();
            return editor
              .chain()
              .insertContentAt(after, { type: 'paragraph' })
              .setTextSelection(after + 1)
              .run();
          }
          return editor.commands.setHardBreak();
        },
      };
    },
  }),
  task: Task.extend({
    addNodeView() {
      return ReactNodeViewRenderer(TaskView);
    },
  }),
  voteResult: VoteResult.extend({
    addNodeView() {
      return ReactNodeViewRenderer(VoteResultView);
    },
  }),
  attendanceBlock: AttendanceBlock.extend({
    addNodeView() {
      return ReactNodeViewRenderer(AttendanceBlockView);
    },
  }),
  fact: Fact.extend({
    addNodeView() {
      return ReactNodeViewRenderer(FactView, { as: 'span' });
    },
  }),
  reviewBlock: ReviewBlock.extend({
    addNodeView() {
      return ReactNodeViewRenderer(ReviewBlockView);
    },
  }),
};

/**
 * The minutes schema as the browser edits it: the shared extensions, with
 * the structured nodes swapped by name for ones that render live views.
 */
export function browserMinutesExtensions(): AnyExtension[] {
  return [...minutesExtensions().map((extension) => WITH_VIEWS[extension.name] ?? extension), ProtectedBlocks];
}
