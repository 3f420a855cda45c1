'use client';

import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';

/**
 * "Đồng chí <name>: …" — the name is fixed (it names who spoke and is set
 * when the chair gives the floor), the opinion after it is ordinary text. The
 * prefix belongs to the document, not to the interface, so it reads as the
 * printed minutes do (lib/editor/nodes.ts) in whichever language the reader chose.
 */
export function OpinionView({ node }: ReactNodeViewProps) {
  const name = String(node.attrs.speakerName ?? '');
  return (
    <NodeViewWrapper
      className="minutes-opinion"
      data-testid="opinion-node"
      data-opinion-id={node.attrs.id ?? undefined}
      data-speaker-id={node.attrs.speakerId ?? undefined}
    >
      <strong className="opinion-speaker" contentEditable={false} suppressContentEditableWarning>
        {`Đồng chí ${name}: `}
      </strong>
      <NodeViewContent<'span'> as="span" className="opinion-text" />
    </NodeViewWrapper>
  );
}
