import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Password hashing, off the event loop: every meeting of the process shares
 * its one thread, and a quarter of a second of JavaScript bcrypt per sign-in
 * attempt held them all up. New hashes are argon2id from a native binding
 * that runs in libuv's thread pool. Hashes made before (bcrypt, "$2…") are
 * still accepted, checked in a worker thread, and replaced by an argon2id
 * hash at the next successful sign-in.
 */

/** argon2id parameters (OWASP's 19 MiB, 2 passes): about 30 ms of CPU per hash here, in the thread pool. */
// 2 is Algorithm.Argon2id, a const enum that isolated modules cannot read.
const ARGON2_OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashes computed at once. Off the event loop is not enough: twenty at once
 * on four pool threads took both cores of a small server from the meetings
 * for a third of a second. One fewer than the cores keeps one for the event
 * loop; a burst of sign-ins waits its turn instead.
 */
const MAX_CONCURRENT_HASHES = Math.max(1, availableParallelism() - 1);

const slots = createSlots(MAX_CONCURRENT_HASHES);

export function hashPassword(password: string): Promise<string> {
  return slots.run(() => hash(password, ARGON2_OPTIONS));
}

/** Runs at most `size` tasks at a time, the rest in arrival order. */
function createSlots(size: number) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (busy >= size) await new Promise<void>((resolve) => waiting.push(resolve));
      busy++;
      try {
        return await task();
      } finally {
        busy--;
        waiting.shift()?.();
      }
    },
  };
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is of an older kind and should be replaced now that the password is known. */
  rehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  if (stored.startsWith('$argon2')) {
    const ok = await slots.run(() => verify(stored, password)).catch(() => false);
    return { ok, rehash: false };
  }
  if (/^\$2[abxy]\$/.test(stored)) {
    const ok = await legacyBcrypt().compare(password, stored);
    return { ok, rehash: ok };
  }
  return { ok: false, rehash: false };
}

let dummyHash: Promise<string> | undefined;

/**
 * Compares against a throwaway hash when the email is unknown, so a wrong
 * email and a wrong password take the same time and reveal nothing.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not a password of anyone');
  const dummy = await dummyHash;
  await slots.run(() => verify(dummy, password)).catch(() => false);
  return false;
}

/** bcryptjs in a worker thread, started on first use; one comparison at a time is plenty for upgrades. */
interface LegacyBcrypt {
  compare(password: string, stored: string): Promise<boolean>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptjs);
parentPort.on('message', ({ id, password, stored }) => {
  bcrypt.compare(password, stored).then(
    (ok) => parentPort.postMessage({ id, ok }),
    () => parentPort.postMessage({ id, ok: false }),
  );
});
`;

let legacy: LegacyBcrypt | undefined;

function legacyBcrypt(): LegacyBcrypt {
  if (legacy) return legacy;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { bcryptjs: createRequire(import.meta.url).resolve('bcryptjs') },
  });
  // An idle worker must not keep the process (or a CLI command) alive.
  worker.unref();
  const waiting = new Map<number, (ok: boolean) => void>();
  let nextId = 1;
  worker.on('message', ({ id, ok }: { id: number; ok: boolean }) => {
    waiting.get(id)?.(ok);
    waiting.delete(id);
  });
  worker.on('error', () => {
    for (const resolve of waiting.values()) resolve(false);
    waiting.clear();
    legacy = undefined;
  });
  legacy = {
    compare(password, stored) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ id, password, stored });
      });
    },
  };
  return legacy;
}
