/**
 * Which parts of a meeting's document a client may write. The server's
 * update guard (server/collab/update-guard.ts) enforces these rules on every
 * incoming update; the editor (components/editor/nodes/protected-blocks.ts)
 * follows the same rules so that an ordinary edit never produces an update
 * the server refuses.
 *
 * Clients co-edit text: the minutes, and the agenda for those who prepare
 * the meeting. Everything structured (attendance, speakers, votes, ballots,
 * the session, the review) lives in other root types that only server
 * operations write, and so do the blocks below inside the minutes.
 */

/** Root types a client may ever write; the policy narrows this per connection. */
export const CLIENT_ROOTS = ['minutes', 'agenda'] as const;
export type ClientRoot = (typeof CLIENT_ROOTS)[number];

/**
 * Blocks only the server places in the minutes (when the chair gives the
 * floor, opens a vote, or a meeting is created from its template, with the
 * facts of the meeting in its lines): a client may not create, remove, move
 * or re-attribute them.
 */
export const SERVER_BLOCKS: ReadonlySet<string> = new Set([
  'opinion',
  'voteResult',
  'attendanceBlock',
  'reviewBlock',
  'fact',
]);

/**
 * Server blocks whose whole content is the server's: they are rendered from
 * live structured state, so nothing inside them is typed. An opinion is not
 * among them: its text ("Đồng chí …: <what was said>") is written by the
 * minutes-taker.
 */
export const SEALED_BLOCKS: ReadonlySet<string> = new Set(['voteResult', 'attendanceBlock', 'reviewBlock', 'fact']);

/**
 * Attributes only the server writes, by node name: the attribution of an
 * opinion (who spoke) and the ids that name rows in the database (a task's
 * id is given by the server when the task block appears).
 */
const SERVER_ATTRIBUTES: Readonly<Record<string, readonly string[] | 'all'>> = {
  opinion: 'all',
  voteResult: 'all',
  attendanceBlock: 'all',
  reviewBlock: 'all',
  fact: 'all',
  task: ['id'],
};

/** Whether attribute `key` of a `nodeName` element is written by the server only. */
export function isServerAttribute(nodeName: string, key: string): boolean {
  const rule = SERVER_ATTRIBUTES[nodeName];
  return rule === 'all' || (rule !== undefined && rule.includes(key));
}

/** Node names that carry an attribute only the server writes (the editor keeps them off copies). */
export const NODES_WITH_SERVER_ATTRIBUTES: ReadonlySet<string> = new Set(Object.keys(SERVER_ATTRIBUTES));
