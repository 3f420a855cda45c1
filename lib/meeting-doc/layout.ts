import type * as Y from 'yjs';
import type { MeetingState } from '../domain';
import type { AttendanceMark } from '../rules/attendance';
import type { VoteCounts, VoteRule } from '../rules/votes';
import type { TaskStatus } from '../rules/tasks';

/**
 * The shared types inside a meeting's Y.Doc. The minutes and the agenda are
 * Tiptap fragments co-edited as text; the structured live state lives in
 * maps whose values are plain JSON objects (each key is one record, last
 * writer wins per record). Structured records are written by the server
 * after it has checked the input and the permission policy
 * (server/operations); browsers render them live, and the server refuses any
 * update of theirs that writes them (lib/meeting-doc/write-rules.ts).
 */
export const DOC_FIELDS = {
  minutes: 'minutes',
  agenda: 'agenda',
  /** userId → AttendanceEntry */
  attendance: 'attendance',
  /** requestId → SpeakerRequest */
  speakers: 'speakers',
  /** voteId → VoteRecord */
  votes: 'votes',
  /** `${voteId}:${userId}` → Ballot: a present member's own confirmation of a vote */
  ballots: 'ballots',
  /** fixed keys of SessionState */
  session: 'session',
  /** index → ReviewItem: last month's unfinished tasks, kept in step by the server until the meeting starts */
  review: 'review',
} as const;

export interface AttendanceEntry extends AttendanceMark {
  userId: string;
  name: string;
  /** ISO time the mark was made (a late arrival's time of arrival). */
  at: string;
  by: string;
}

export type SpeakerState = 'waiting' | 'speaking' | 'done' | 'withdrawn';

export interface SpeakerRequest {
  id: string;
  userId: string;
  name: string;
  requestedAt: string;
  state: SpeakerState;
  /** The chair, when the chair put the member on the list (a hand raised in the room). */
  addedBy?: string;
  /** The opinion block created in the minutes when the floor was given. */
  opinionId?: string;
}

export const VOTE_SUBJECTS = ['resolution', 'conclusion', 'minutes', 'other'] as const;
export type VoteSubject = (typeof VOTE_SUBJECTS)[number];
export const VOTE_METHODS = ['show_of_hands', 'secret_ballot', 'confirmation'] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];

export interface VoteRecord {
  id: string;
  subject: VoteSubject;
  /** What is voted on, as the chair stated it. */
  title: string;
  method: VoteMethod;
  state: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
  closedAt?: string;
  /** Recorded counts (the hands the minutes-taker counted, or tallied from confirmations when closed). */
  counts?: VoteCounts;
  /** Where the counts come from: hands counted in the room (the record of a show of hands), or confirmations. */
  countedFrom?: 'hands' | 'confirmations';
  /** Every time the chair reopened the vote after closing it, and who: the record keeps them. */
  reopenings?: { at: string; by: string }[];
  /** The quoted "other opinions". */
  otherOpinions?: string;
  /** The rule in force when the vote was closed, and the numbers it was measured against. */
  rule?: VoteRule;
  present?: number;
  base?: number;
  percent?: number;
  passed?: boolean;
}

export type BallotChoice = 'for' | 'against' | 'other';
export interface Ballot {
  voteId: string;
  userId: string;
  choice: BallotChoice;
  at: string;
}

/**
 * The session map. `state`, `chairId`, `secretaryId`, `presenterId`,
 * `startedAt` and `endedAt` mirror the meetings row, their one home
 * (server/meeting/state.ts writes them); the rest are live facts of the
 * meeting that operations write here.
 */
export interface SessionState {
  state?: MeetingState;
  startedAt?: string;
  endedAt?: string;
  chairId?: string;
  secretaryId?: string;
  /** Thematic meetings: the member presenting the introductory paper. */
  presenterId?: string;
  /** When the minutes-taker finished reading the minutes back. */
  readBackAt?: string;
  /** The section under discussion (a heading's sectionId): new opinions and vote results go there. */
  currentSectionId?: string;
}

export interface ReviewItem {
  taskId: string;
  text: string;
  assignees: { userId: string; name: string }[];
  dueDate: string | null;
  status: TaskStatus;
  meetingId: string;
  meetingTitle: string;
}

/** Typed accessors: one place that knows the field names and value shapes. */
export const meetingDoc = {
  attendance: (doc: Y.Doc) => doc.getMap<AttendanceEntry>(DOC_FIELDS.attendance),
  speakers: (doc: Y.Doc) => doc.getMap<SpeakerRequest>(DOC_FIELDS.speakers),
  votes: (doc: Y.Doc) => doc.getMap<VoteRecord>(DOC_FIELDS.votes),
  ballots: (doc: Y.Doc) => doc.getMap<Ballot>(DOC_FIELDS.ballots),
  session: (doc: Y.Doc) => doc.getMap<string>(DOC_FIELDS.session),
  review: (doc: Y.Doc) => doc.getArray<ReviewItem>(DOC_FIELDS.review),
  minutes: (doc: Y.Doc) => doc.getXmlFragment(DOC_FIELDS.minutes),
  agenda: (doc: Y.Doc) => doc.getXmlFragment(DOC_FIELDS.agenda),
};

/** The session state as one object. */
export function readSession(doc: Y.Doc): SessionState {
  return Object.fromEntries(meetingDoc.session(doc).entries()) as SessionState;
}
