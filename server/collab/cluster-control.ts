import { randomUUID } from 'node:crypto';
import { log } from '../log';
import type { RedisBus } from './redis-bus';

/** How long a seal waits for the other instances to say they locked the document and stored its changes. */
const LOCK_ACK_TIMEOUT_MS = 2_000;

const CHANNEL = 'control';

/** Events that change what live connections may do, on every instance at once. */
type ControlEvent =
  | { kind: 'lock'; docId: string; requestId: string }
  | { kind: 'locked'; requestId: string }
  | { kind: 'unlock'; docId: string }
  | { kind: 'revalidate-document'; docId: string }
  | { kind: 'revalidate-user'; userId: string };

/** What this instance does when another one asks. */
export interface ControlHandlers {
  /** Locks the document here if it is loaded and resolves once its accepted changes are stored. */
  lock(docId: string): Promise<void>;
  unlock(docId: string): void;
  revalidateDocument(docId: string): Promise<void>;
  revalidateUser(userId: string): Promise<void>;
}

function parse(data: Uint8Array): (ControlEvent & { from: string }) | null {
  try {
    const value = JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>;
    if (typeof value.from !== 'string' || typeof value.kind !== 'string') return null;
    const text = (key: string) => typeof value[key] === 'string';
    switch (value.kind) {
      case 'lock':
        return text('docId') && text('requestId') ? (value as ControlEvent & { from: string }) : null;
      case 'locked':
        return text('requestId') ? (value as ControlEvent & { from: string }) : null;
      case 'unlock':
      case 'revalidate-document':
        return text('docId') ? (value as ControlEvent & { from: string }) : null;
      case 'revalidate-user':
        return text('userId') ? (value as ControlEvent & { from: string }) : null;
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/**
 * Control events between instances: a seal locks the document everywhere
 * (and waits until every instance has stored what it accepted, so the sealed
 * text is the whole of it), a revoked session or a removed member is
 * re-checked on every instance, a meeting's changed state on every instance
 * that serves it.
 */
export function createClusterControl(bus: RedisBus, handlers: ControlHandlers) {
  const waiting = new Map<string, { acked: number; onAck: () => void }>();

  function send(event: ControlEvent): Promise<number | null> {
    return bus.publish(CHANNEL, Buffer.from(JSON.stringify({ ...event, from: bus.peerId })));
  }

  async function receive(data: Uint8Array): Promise<void> {
    const event = parse(data);
    if (!event) {
      log.warn('cluster.bad_control_event', {});
      return;
    }
    if (event.from === bus.peerId) return;
    switch (event.kind) {
      case 'lock':
        await handlers.lock(event.docId);
        await send({ kind: 'locked', requestId: event.requestId });
        break;
      case 'locked': {
        const wait = waiting.get(event.requestId);
        if (wait) {
          wait.acked++;
          wait.onAck();
        }
        break;
      }
      case 'unlock':
        handlers.unlock(event.docId);
        break;
      case 'revalidate-document':
        await handlers.revalidateDocument(event.docId);
        break;
      case 'revalidate-user':
        await handlers.revalidateUser(event.userId);
        break;
    }
  }

  return {
    start: () =>
      bus.subscribe(CHANNEL, (data) => {
        receive(data).catch((error: unknown) => log.error('cluster.control_failed', { error: String(error) }));
      }),

    /**
     * Locks a document on every other instance and resolves when each has
     * answered, or after LOCK_ACK_TIMEOUT_MS. Returns how many were asked
     * and how many answered; with Redis away nobody is asked, and the other
     * instances' connections learn of the seal at their next re-check.
     */
    async lockElsewhere(docId: string): Promise<{ asked: number; answered: number }> {
      const requestId = randomUUID();
      let release = () => undefined as void;
      const entry = { acked: 0, onAck: () => release() };
      waiting.set(requestId, entry);
      try {
        const heard = await send({ kind: 'lock', docId, requestId });
        // Redis counts this instance among those that heard it.
        const asked = heard === null ? 0 : Math.max(0, heard - 1);
        if (entry.acked < asked) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, LOCK_ACK_TIMEOUT_MS);
            release = () => {
              if (entry.acked >= asked) {
                clearTimeout(timer);
                resolve();
              }
            };
          });
        }
        if (entry.acked < asked) log.warn('cluster.lock_unanswered', { docId, asked, answered: entry.acked });
        return { asked, answered: entry.acked };
      } finally {
        waiting.delete(requestId);
      }
    },

    unlockElsewhere: (docId: string) => void send({ kind: 'unlock', docId }),
    revalidateDocumentElsewhere: (docId: string) => void send({ kind: 'revalidate-document', docId }),
    revalidateUserElsewhere: (userId: string) => void send({ kind: 'revalidate-user', userId }),
  };
}
