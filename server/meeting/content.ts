import { createHash } from 'node:crypto';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { canonicalJson } from '../../lib/rules/canonical';
import type { Meeting } from '../db/schema';

type JsonNode = { type?: string; text?: string; attrs?: Record<string, unknown>; content?: JsonNode[] };

/** The minutes (or agenda) fragment as ProseMirror JSON; unknown nodes are kept as they are. */
export function fragmentJson(doc: Y.Doc, field: 'minutes' | 'agenda'): JsonNode {
  return { type: 'doc', content: yXmlFragmentToProsemirrorJSON(meetingDoc[field](doc)).content ?? [] } as JsonNode;
}

const byKey = <T>(map: Y.Map<T>) =>
  Array.from(map.entries())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, v]) => v);

/**
 * Everything that makes up the record of a meeting, in a canonical shape:
 * the immutable facts of the meeting, the minutes and agenda, and the
 * structured live state. Hashing it seals the minutes.
 */
export function meetingContent(meeting: Pick<Meeting, 'id' | 'kind' | 'title' | 'starts_at' | 'place'>, doc: Y.Doc) {
  return {
    meeting: {
      id: meeting.id,
      kind: meeting.kind,
      title: meeting.title,
      startsAt: meeting.starts_at,
      place: meeting.place,
    },
    minutes: fragmentJson(doc, 'minutes'),
    agenda: fragmentJson(doc, 'agenda'),
    session: Object.fromEntries(Array.from(meetingDoc.session(doc).entries()).sort(([a], [b]) => (a < b ? -1 : 1))),
    attendance: byKey(meetingDoc.attendance(doc)),
    speakers: byKey(meetingDoc.speakers(doc)),
    votes: byKey(meetingDoc.votes(doc)),
    ballots: byKey(meetingDoc.ballots(doc)),
    review: meetingDoc.review(doc).toArray(),
  };
}

/** SHA-256 (hex) of the canonical JSON of a meeting's content. */
export function contentHash(content: unknown): { json: string; hash: string } {
  const json = canonicalJson(content);
  return { json, hash: createHash('sha256').update(json, 'utf8').digest('hex') };
}

/** The plain text of a ProseMirror JSON node, blocks separated by new lines (for search). */
export function plainTextOf(node: JsonNode): string {
  if (node.type === 'text') return node.text ?? '';
  const inner = (node.content ?? []).map(plainTextOf);
  const isInline = (node.content ?? []).every((child) => child.type === 'text' || child.type === 'hardBreak');
  return inner.join(isInline ? '' : '\n');
}
