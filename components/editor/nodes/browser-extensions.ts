import type { AnyExtension } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { minutesExtensions } from '../../../lib/editor/extensions';
import { AttendanceBlock, Opinion, ReviewBlock, Task, VoteResult } from '../../../lib/editor/nodes';
import { AttendanceBlockView } from './attendance-block-view';
import { OpinionView } from './opinion-view';
import { ReviewBlockView } from './review-block-view';
import { TaskView } from './task-view';
import { UniqueBlockIds } from './unique-block-ids';
import { VoteResultView } from './vote-result-view';

/** The structured nodes with their interactive views; same names and schema as the shared ones. */
const WITH_VIEWS: Record<string, AnyExtension> = {
  opinion: Opinion.extend({
    addNodeView() {
      return ReactNodeViewRenderer(OpinionView);
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
  return [...minutesExtensions().map((extension) => WITH_VIEWS[extension.name] ?? extension), UniqueBlockIds];
}
