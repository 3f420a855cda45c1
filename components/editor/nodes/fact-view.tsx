'use client';

import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { BLANK, factText, isFactName, type DocumentLanguage } from '../../../lib/minutes/facts';
import { useFactData } from '../../meeting/use-fact-data';

/**
 * A fact of the meeting inside a line of the minutes, drawn live from the
 * meeting's data in the document's language; a blank ("…") until it is known.
 */
export function FactView({ node }: ReactNodeViewProps) {
  const data = useFactData();
  const name = node.attrs.name as unknown;
  const lang: DocumentLanguage = node.attrs.lang === 'en' ? 'en' : 'vi';
  const text = isFactName(name) ? factText(name, lang, data) : null;
  return (
    <NodeViewWrapper
      as="span"
      className={`minutes-fact${text === null ? ' minutes-fact--blank' : ''}`}
      data-testid="minutes-fact"
      data-fact={String(name)}
      data-known={text === null ? 'false' : 'true'}
    >
      {text ?? BLANK}
    </NodeViewWrapper>
  );
}
