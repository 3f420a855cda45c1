import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { meetingDoc, type AttendanceEntry, type SpeakerRequest, type VoteRecord } from '../../lib/meeting-doc/layout';
import { instantiateTemplate, templateSchema } from '../../lib/minutes/template';
import { encodeInitialDocument } from '../../server/collab/initial-document';
import { checkUpdate, type GuardVerdict, type WriteScope } from '../../server/collab/update-guard';
import { insertInSection, listSections } from '../../server/meeting/doc-edits';
import { growDocument } from '../big-document';
import { percentiles, type Percentiles } from '../measure';

/**
 * The cost of the server's check of every incoming document update
 * (server/collab/update-guard.ts, checkUpdate), measured in this process on
 * the code of this checkout, on a meeting in progress: the regular-meeting
 * template as a meeting is created with it, grown by typing to about
 * DOCUMENT_BYTES, with members marked present, opinions given the floor and
 * votes with their result blocks, as the server's operations write them.
 */

/** Encoded size the minutes are grown to by typing: a long meeting's minutes. */
const DOCUMENT_BYTES = 64 * 1024;
/** Checks run before the timed ones in each pass of a case (JIT, first allocations). */
const WARMUP_CHECKS = 200;
/** Each case is run this many times over. */
const PASSES = 5;
/** A minutes-taker moves to another paragraph after this many characters. */
const CHARACTERS_PER_PARAGRAPH = 80;
/** Changes an offline client carries when it comes back (case 4). */
const OFFLINE_CHANGES = 200;
/** Size of the pasted paragraph (case 3), in characters of Vietnamese text. */
const PASTE_CHARACTERS = 2000;
/** Distinct pastes and offline clients, checked in turn. */
const VARIANTS = 8;

/** What a minutes-taker's connection may write (server/collab/authorize.ts gives it from the policy). */
const EDITOR_SCOPE: WriteScope = new Set(['minutes']);

export type GuardCaseKey =
  'typedCharacter' | 'typedInOpinion' | 'pastedParagraph' | 'offlineSync' | 'reconnectSync' | 'forgedVote';

export interface GuardCase {
  key: GuardCaseKey;
  title: string;
  /** The verdict every check of the case gave. */
  verdict: GuardVerdict['kind'];
  /** Median encoded size of the updates checked (bytes). */
  updateBytes: number;
  /** Time per checkUpdate call, in µs, every pass pooled. */
  us: Percentiles;
  /**
   * Mean time per check of the fastest pass, in µs: the mean cost, rare slow
   * checks and garbage collection included, with the least of the time other
   * work on a shared machine takes the core away (which only ever adds).
   */
  meanUs: number;
}

export interface UpdateGuardResult {
  /** Encoded size of the server's document the checks ran against. */
  documentBytes: number;
  /** Timed checks per case in each pass. */
  checksPerCase: number;
  passes: number;
  cases: GuardCase[];
}

const WORDS = (
  'đồng chí phát biểu nhất trí với báo cáo đề nghị chi bộ quan tâm công tác phát triển đảng viên mới ' +
  'vận động nhân dân giữ gìn vệ sinh môi trường tham gia đóng góp quỹ khuyến học của khu phố'
).split(' ');

/** A deterministic generator, so every run checks the same updates. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(rand: () => number, characters: number): string {
  let out = '';
  while (out.length < characters) out += (out ? ' ' : '') + WORDS[Math.floor(rand() * WORDS.length)]!;
  return out.slice(0, characters);
}

/** The server's document of a regular meeting in progress. */
function meetingInProgress(rand: () => number): Y.Doc {
  const file = path.join(import.meta.dirname, '..', '..', 'server', 'templates', 'regular.json');
  const template = templateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const content = instantiateTemplate(template, {
    committee: 'Đảng bộ phường Đo Tải',
    cell: 'Chi bộ khu phố Đo Tải',
    place: 'Nhà văn hóa khu phố',
    startsAt: '2026-12-05T19:30',
  });
  const created = encodeInitialDocument(content);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, created);
  Y.applyUpdate(doc, growDocument(created, DOCUMENT_BYTES));
  const sections = listSections(doc).map((s) => s.sectionId);
  const at = '2026-12-05T12:30:00.000Z';
  doc.transact(() => {
    const attendance = meetingDoc.attendance(doc);
    for (let i = 0; i < 25; i++) {
      const entry: AttendanceEntry = { userId: `u-${i}`, name: `Đảng viên ${i}`, status: 'present', at, by: 'u-0' };
      attendance.set(entry.userId, i % 9 === 8 ? { ...entry, status: 'absent_with_reason', reason: 'ốm' } : entry);
    }
    const session = meetingDoc.session(doc);
    session.set('state', 'in_progress');
    session.set('chairId', 'u-0');
    session.set('secretaryId', 'u-1');
    session.set('startedAt', at);
    const speakers = meetingDoc.speakers(doc);
    for (let i = 0; i < 8; i++) {
      const section = sections[Math.floor(rand() * sections.length)];
      // As giveFloor leaves it: an empty opinion block the minutes-taker types into.
      insertInSection(doc, section, 'opinion', {
        id: `op-${i}`,
        speakerId: `u-${i + 2}`,
        speakerName: `Đảng viên ${i + 2}`,
      });
      const request: SpeakerRequest = {
        id: `r-${i}`,
        userId: `u-${i + 2}`,
        name: `Đảng viên ${i + 2}`,
        requestedAt: at,
        state: 'done',
        opinionId: `op-${i}`,
      };
      speakers.set(request.id, request);
    }
    for (let i = 0; i < 2; i++) {
      const vote: VoteRecord = {
        id: `v-${i}`,
        subject: 'resolution',
        title: `Nghị quyết ${i + 1}`,
        method: 'show_of_hands',
        state: 'closed',
        openedAt: at,
        openedBy: 'u-0',
        closedAt: at,
        counts: { for: 20, against: 1, other: 1 },
        passed: true,
      };
      meetingDoc.votes(doc).set(vote.id, vote);
      insertInSection(doc, sections[sections.length - 2 + i], 'voteResult', { voteId: vote.id });
    }
  });
  return doc;
}

/**
 * A client holding everything the server holds; `change` returns the update
 * its edit sends: the transaction's own update, as y-websocket sends it from
 * the document's update event (only what the transaction inserted and
 * deleted, not the document's whole delete set).
 */
function clientOf(server: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return {
    doc,
    minutes: meetingDoc.minutes(doc),
    change(edit: () => void): Uint8Array {
      let sent: Uint8Array | null = null;
      const capture = (update: Uint8Array) => (sent = update);
      doc.on('update', capture);
      doc.transact(edit);
      doc.off('update', capture);
      if (!sent) throw new Error('the edit changed nothing');
      return sent;
    },
  };
}

const elements = (fragment: Y.XmlFragment, name: string) =>
  fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === name);

/** Paragraphs holding text (the typed minutes), by index in the fragment. */
function textParagraphs(fragment: Y.XmlFragment): Y.XmlText[] {
  return elements(fragment, 'paragraph')
    .map((p) => p.get(0))
    .filter((t): t is Y.XmlText => t instanceof Y.XmlText && t.length > 0);
}

/** The text of an element, created with the first keystroke as the editor does when it is empty. */
function typeAtEnd(element: Y.XmlElement, character: string): void {
  const text = element.get(0);
  if (text instanceof Y.XmlText) text.insert(text.length, character);
  else element.insert(0, [new Y.XmlText(character)]);
}

/** One check, timed; throws when the verdict is not the expected one (the case would measure another path). */
function timedCheck(server: Y.Doc, update: Uint8Array, expected: GuardVerdict['kind']): number {
  const started = performance.now();
  const verdict = checkUpdate(server, update, EDITOR_SCOPE);
  const us = (performance.now() - started) * 1000;
  if (verdict.kind !== expected) {
    const reason = verdict.kind === 'refuse' ? ` (${verdict.reason})` : '';
    throw new Error(`update guard: expected ${expected}, got ${verdict.kind}${reason}`);
  }
  return us;
}

/**
 * Runs a case PASSES times; `pass` checks its updates and returns each
 * check's time. The first WARMUP_CHECKS of a pass are not counted.
 */
function measure(
  key: GuardCaseKey,
  title: string,
  updates: readonly Uint8Array[],
  verdict: GuardVerdict['kind'],
  pass: () => number[],
): GuardCase {
  const all: number[] = [];
  const passMeans: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    const counted = pass().slice(WARMUP_CHECKS);
    all.push(...counted);
    passMeans.push(counted.reduce((sum, us) => sum + us, 0) / counted.length);
  }
  return {
    key,
    title,
    verdict,
    updateBytes: percentiles(updates.map((u) => u.length)).p50,
    us: percentiles(all),
    meanUs: Math.min(...passMeans),
  };
}

/** A copy of the server's document, as it would be loaded from the database. */
function copyOf(server: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return doc;
}

/**
 * Typing, one character per change as the editor sends it, into the blocks
 * `pick` chooses, CHARACTERS_PER_PARAGRAPH characters each. Each pass checks
 * the changes in order on a fresh copy of the server's document and applies
 * each after its check, as the server does, so every check sees the document
 * the one before left.
 */
function typing(
  key: GuardCaseKey,
  title: string,
  server: Y.Doc,
  pick: (minutes: Y.XmlFragment, turn: number) => Y.XmlElement,
  checks: number,
): GuardCase {
  const client = clientOf(server);
  const updates: Uint8Array[] = [];
  let target = pick(client.minutes, 0);
  for (let run = 0; run < WARMUP_CHECKS + checks; run++) {
    if (run > 0 && run % CHARACTERS_PER_PARAGRAPH === 0) target = pick(client.minutes, run / CHARACTERS_PER_PARAGRAPH);
    updates.push(client.change(() => typeAtEnd(target, run % 7 === 6 ? ' ' : String.fromCharCode(97 + (run % 26)))));
  }
  client.doc.destroy();
  return measure(key, title, updates, 'accept', () => {
    const doc = copyOf(server);
    const times = updates.map((update) => {
      const us = timedCheck(doc, update, 'accept');
      Y.applyUpdate(doc, update);
      return us;
    });
    doc.destroy();
    return times;
  });
}

/** Updates checked in turn against the server's document, never applied (each stays new to it). */
function repeated(
  key: GuardCaseKey,
  title: string,
  server: Y.Doc,
  updates: Uint8Array[],
  verdict: GuardVerdict['kind'],
  checks: number,
): GuardCase {
  return measure(key, title, updates, verdict, () =>
    Array.from({ length: WARMUP_CHECKS + checks }, (_, run) =>
      timedCheck(server, updates[run % updates.length]!, verdict),
    ),
  );
}

/** A ~2 KB paragraph pasted after a typed one, with the bold and italic runs a pasted text brings. */
function pasteUpdate(server: Y.Doc, rand: () => number): Uint8Array {
  const client = clientOf(server);
  const paragraphs = elements(client.minutes, 'paragraph');
  const after = paragraphs[Math.floor(rand() * paragraphs.length)]!;
  const index = client.minutes.toArray().indexOf(after) + 1;
  const update = client.change(() => {
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    client.minutes.insert(index, [paragraph]);
    text.insert(0, sentence(rand, PASTE_CHARACTERS));
    for (let at = 0; at + 40 < text.length; at += 400)
      text.format(at, 30, at % 800 === 0 ? { bold: true } : { italic: true });
  });
  client.doc.destroy();
  return update;
}

/**
 * What a client that typed OFFLINE_CHANGES changes offline sends when it comes
 * back: its sync step 2, everything the server lacks, as one update. The
 * changes are typing in a few paragraphs, with backspaces, a new paragraph
 * and a word made bold.
 */
function offlineSyncUpdate(server: Y.Doc, rand: () => number): Uint8Array {
  const client = clientOf(server);
  const texts = textParagraphs(client.minutes);
  let text = texts[Math.floor(rand() * texts.length)]!;
  let caret = Math.floor(rand() * text.length);
  for (let change = 0; change < OFFLINE_CHANGES; change++) {
    const roll = rand();
    client.doc.transact(() => {
      if (change === OFFLINE_CHANGES / 2) {
        const paragraph = new Y.XmlElement('paragraph');
        const fresh = new Y.XmlText();
        paragraph.insert(0, [fresh]);
        const parent = text.parent as Y.XmlElement;
        client.minutes.insert(client.minutes.toArray().indexOf(parent) + 1, [paragraph]);
        text = fresh;
        caret = 0;
      } else if (roll < 0.03) {
        text = texts[Math.floor(rand() * texts.length)]!;
        caret = Math.floor(rand() * text.length);
      } else if (roll < 0.05 && caret >= 5) {
        text.format(caret - 5, 5, { bold: true });
      } else if (roll < 0.15 && caret > 0) {
        text.delete(--caret, 1);
      } else {
        text.insert(caret++, change % 7 === 6 ? ' ' : String.fromCharCode(97 + (change % 26)));
      }
    });
  }
  const update = Y.encodeStateAsUpdate(client.doc, Y.encodeStateVector(server));
  client.doc.destroy();
  return update;
}

/**
 * What a client that holds the document and changed nothing sends when it
 * reconnects: its sync step 2 against the server's state vector, which
 * carries no new item but, as Yjs encodes it, the document's whole delete set.
 */
function reconnectSyncUpdate(server: Y.Doc): Uint8Array {
  const client = clientOf(server);
  const update = Y.encodeStateAsUpdate(client.doc, Y.encodeStateVector(server));
  client.doc.destroy();
  return update;
}

/** A client writing a closed, passed vote into the votes map: the guard refuses it whole. */
function forgedVoteUpdate(server: Y.Doc, i: number): Uint8Array {
  const client = clientOf(server);
  const forged: VoteRecord = {
    id: `forged-${i}`,
    subject: 'resolution',
    title: 'Nghị quyết giả',
    method: 'show_of_hands',
    state: 'closed',
    openedAt: '2026-12-05T12:40:00.000Z',
    openedBy: 'u-0',
    counts: { for: 22, against: 0, other: 0 },
    passed: true,
  };
  const update = client.change(() => meetingDoc.votes(client.doc).set(forged.id, forged));
  client.doc.destroy();
  return update;
}

/** Runs the cases, `checks` timed checks each per pass. */
export function runUpdateGuardCost(checks: number): UpdateGuardResult {
  const rand = random(7);
  const server = meetingInProgress(rand);
  const documentBytes = Y.encodeStateAsUpdate(server).length;
  const paragraphs = (minutes: Y.XmlFragment) => textParagraphs(minutes).map((t) => t.parent as Y.XmlElement);
  const nth = <T>(list: T[], turn: number) => list[(turn * 37) % list.length]!;
  const pastes = Array.from({ length: VARIANTS }, () => pasteUpdate(server, rand));
  const offline = Array.from({ length: VARIANTS }, () => offlineSyncUpdate(server, rand));
  const forged = Array.from({ length: VARIANTS }, (_, i) => forgedVoteUpdate(server, i));
  const cases: GuardCase[] = [
    typing('typedCharacter', 'one typed character in a paragraph', server, (m, t) => nth(paragraphs(m), t), checks),
    typing(
      'typedInOpinion',
      'one typed character in an opinion',
      server,
      (m, t) => nth(elements(m, 'opinion'), t),
      checks,
    ),
    repeated(
      'pastedParagraph',
      `a pasted paragraph of ${PASTE_CHARACTERS} characters`,
      server,
      pastes,
      'accept',
      checks,
    ),
    repeated(
      'offlineSync',
      `sync step 2 of an offline client, ${OFFLINE_CHANGES} changes`,
      server,
      offline,
      'accept',
      checks,
    ),
    repeated(
      'reconnectSync',
      'sync step 2 of a reconnecting client, no changes',
      server,
      [reconnectSyncUpdate(server)],
      'accept',
      checks,
    ),
    repeated('forgedVote', 'a forged vote (refused)', server, forged, 'refuse', checks),
  ];
  server.destroy();
  return { documentBytes, checksPerCase: checks, passes: PASSES, cases };
}
