import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { log } from '../log';
import { decodePeerMessages, encodePeerMessages, type PeerEnvelope, type PeerMessage } from './peer-messages';
import type { RedisBus } from './redis-bus';
import { PRESENCE_FANOUT_MS, REMOTE_ORIGIN, type Room } from './room';

/**
 * An update another instance applied and has not yet said it stored: this
 * instance stores it itself after `adoptAfterMs` (COLLAB_ADOPT_AFTER_MS; the
 * other one may have died before its commit), so an edit is stored once
 * normally and at least once always. Storing an update twice is harmless:
 * Yjs applies it once.
 */
interface HeldUpdate {
  from: string;
  seq: number;
  update: Uint8Array;
  receivedAt: number;
}

interface PeeredDocument {
  room: Room | null;
  /** Messages that arrived while the document was loading, applied once it is. */
  early: PeerEnvelope[];
  /** Sequence number of this instance's last published update. */
  seq: number;
  /** Updates of other instances not yet announced as stored. */
  held: HeldUpdate[];
}

/** What the room registry does for the peers. */
export interface PeerHost {
  /** Stores an update of another instance that was never announced as stored. */
  store(room: Room, update: Uint8Array): void;
  /** What this instance can call saved changed without a commit of its own (another instance stored its updates). */
  savedChanged(room: Room): void;
}

export interface FanoutCounters {
  updates_published_total: number;
  updates_received_total: number;
  updates_adopted_total: number;
  catch_ups_total: number;
  bad_messages_total: number;
}

const channelOf = (docId: string) => `doc:${docId}`;

/**
 * The live documents this instance shares with other instances over the
 * bus: each instance publishes what its own clients change and stores only
 * that; it applies what others publish and relays it to its clients. When
 * an instance loads a document, and when Redis comes back after an outage,
 * instances exchange state vectors and send each other what is missing.
 */
export function createDocumentPeers(
  bus: RedisBus,
  host: PeerHost,
  adoptAfterMs: number,
  onDelivery?: (ms: number) => void,
) {
  const documents = new Map<string, PeeredDocument>();
  const counters: FanoutCounters = {
    updates_published_total: 0,
    updates_received_total: 0,
    updates_adopted_total: 0,
    catch_ups_total: 0,
    bad_messages_total: 0,
  };

  /** Messages of this turn per document, published together once the turn ends. */
  const outgoing = new Map<string, PeerMessage[]>();
  function publish(docId: string, message: PeerMessage): void {
    const queued = outgoing.get(docId);
    if (queued) return void queued.push(message);
    outgoing.set(docId, [message]);
    if (outgoing.size === 1) setImmediate(flushOutgoing);
  }
  function flushOutgoing(): void {
    const now = Date.now();
    for (const [docId, messages] of outgoing)
      void bus.publish(channelOf(docId), encodePeerMessages(bus.peerId, messages, now));
    outgoing.clear();
  }

  function receive(docId: string, data: Uint8Array): void {
    const entry = documents.get(docId);
    if (!entry) return;
    let envelope: PeerEnvelope;
    try {
      envelope = decodePeerMessages(data);
    } catch (error) {
      counters.bad_messages_total++;
      log.warn('fanout.bad_message', { docId, error: String(error) });
      return;
    }
    if (envelope.from === bus.peerId) return;
    if (!entry.room) entry.early.push(envelope);
    else handle(entry, entry.room, envelope);
  }

  function handle(entry: PeeredDocument, room: Room, { from, sentAt, messages }: PeerEnvelope): void {
    for (const message of messages) handleOne(entry, room, from, sentAt, message);
  }

  function handleOne(entry: PeeredDocument, room: Room, from: string, sentAt: number, message: PeerMessage): void {
    try {
      switch (message.type) {
        case 'update':
          counters.updates_received_total++;
          onDelivery?.(Date.now() - sentAt);
          entry.held.push({ from, seq: message.seq, update: message.update, receivedAt: performance.now() });
          Y.applyUpdate(room.doc, message.update, REMOTE_ORIGIN);
          break;
        case 'catch-up':
          counters.catch_ups_total++;
          Y.applyUpdate(room.doc, message.update, REMOTE_ORIGIN);
          break;
        case 'awareness':
          awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, REMOTE_ORIGIN);
          break;
        case 'committed': {
          const before = entry.held.length;
          entry.held = entry.held.filter((held) => held.from !== from || held.seq > message.seq);
          if (entry.held.length !== before) host.savedChanged(room);
          break;
        }
        case 'sync':
          publish(room.docId, { type: 'catch-up', update: Y.encodeStateAsUpdate(room.doc, message.stateVector) });
          if (message.wantsReply)
            publish(room.docId, { type: 'sync', stateVector: Y.encodeStateVector(room.doc), wantsReply: false });
          break;
      }
    } catch (error) {
      counters.bad_messages_total++;
      log.warn('fanout.message_failed', { docId: room.docId, type: message.type, error: String(error) });
    }
  }

  /** Stores held updates older than `olderThanMs` (all of them with 0). */
  function adopt(entry: PeeredDocument, olderThanMs: number): void {
    if (!entry.room || entry.held.length === 0) return;
    const cutoff = performance.now() - olderThanMs;
    const keep: HeldUpdate[] = [];
    for (const held of entry.held) {
      if (held.receivedAt <= cutoff) {
        counters.updates_adopted_total++;
        host.store(entry.room, held.update);
      } else keep.push(held);
    }
    entry.held = keep;
  }

  /** Presence changes not yet published, per room. */
  const presence = new Map<Room, Set<number>>();
  let presenceTimer: NodeJS.Timeout | null = null;
  function flushPresence(): void {
    presenceTimer = null;
    for (const room of Array.from(presence.keys())) {
      // A room unloaded meanwhile has a destroyed awareness; its leavers were published at its detach.
      if (documents.get(room.docId)?.room === room) flushPresenceOf(room);
      else presence.delete(room);
    }
  }

  function flushPresenceOf(room: Room): void {
    const ids = presence.get(room);
    presence.delete(room);
    if (!ids) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(room.awareness, Array.from(ids));
    publish(room.docId, { type: 'awareness', update });
  }

  const sweep = setInterval(() => {
    for (const entry of documents.values()) adopt(entry, adoptAfterMs);
  }, 1_000);
  sweep.unref();

  return {
    counters,

    /**
     * Starts hearing a document before it is loaded from the database, so
     * nothing published between the read and the subscription is missed.
     */
    async attach(docId: string): Promise<void> {
      if (documents.has(docId)) return;
      documents.set(docId, { room: null, early: [], seq: 0, held: [] });
      await bus.subscribe(channelOf(docId), (data) => receive(docId, data));
    },

    /** The document is loaded: apply what came meanwhile and ask the others for what they have beyond it. */
    ready(room: Room): void {
      const entry = documents.get(room.docId);
      if (!entry) return;
      entry.room = room;
      for (const envelope of entry.early.splice(0)) handle(entry, room, envelope);
      publish(room.docId, { type: 'sync', stateVector: Y.encodeStateVector(room.doc), wantsReply: true });
    },

    /** Stores what others have not announced yet, and stops hearing the document. */
    detach(docId: string): void {
      const entry = documents.get(docId);
      if (!entry) return;
      adopt(entry, 0);
      if (entry.room && presence.has(entry.room)) flushPresenceOf(entry.room);
      documents.delete(docId);
      bus.unsubscribe(channelOf(docId));
    },

    /** Stores every held update of a document now (sealing). */
    adoptAll(docId: string): void {
      const entry = documents.get(docId);
      if (entry) adopt(entry, 0);
    },

    /** Publishes a change this instance's clients made (or it made itself); returns its sequence number. */
    publishUpdate(room: Room, update: Uint8Array): number {
      const entry = documents.get(room.docId);
      if (!entry) return 0;
      entry.seq++;
      counters.updates_published_total++;
      publish(room.docId, { type: 'update', seq: entry.seq, update });
      return entry.seq;
    },

    /** The sequence number of this instance's last published update of a document. */
    lastSeq(docId: string): number {
      return documents.get(docId)?.seq ?? 0;
    },

    /**
     * Presence changed here: published at most once per PRESENCE_FANOUT_MS
     * per document, as the room sends it to its own clients, with the
     * states as they are then.
     */
    publishPresence(room: Room, changed: readonly number[]): void {
      let ids = presence.get(room);
      if (!ids) presence.set(room, (ids = new Set()));
      for (const id of changed) ids.add(id);
      presenceTimer ??= setTimeout(flushPresence, PRESENCE_FANOUT_MS);
    },

    /** Every update of this instance up to `seq` is stored. */
    committed(docId: string, seq: number): void {
      if (seq > 0 && documents.has(docId)) publish(docId, { type: 'committed', seq });
    },

    /** Updates of other instances this one holds that nobody has announced as stored. */
    unsaved(docId: string): Uint8Array[] {
      return documents.get(docId)?.held.map((held) => held.update) ?? [];
    },

    /** After an outage: ask every peer again for what this instance missed. */
    resync(): void {
      for (const entry of documents.values()) {
        if (entry.room)
          publish(entry.room.docId, {
            type: 'sync',
            stateVector: Y.encodeStateVector(entry.room.doc),
            wantsReply: true,
          });
      }
    },

    /** Publishes what is queued (the last commits' notices) and stops the timers: shutdown. */
    stop(): void {
      flushPresence();
      flushOutgoing();
      clearInterval(sweep);
      if (presenceTimer) clearTimeout(presenceTimer);
    },
  };
}

export type DocumentPeers = ReturnType<typeof createDocumentPeers>;
