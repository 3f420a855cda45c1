import { fromBase64, toBase64 } from 'lib0/buffer';
import { savedVectorKey } from '../offline';

/**
 * The server's last "saved" state vector of a meeting, kept in localStorage
 * per user, so that a page reloaded without a network can still tell whether
 * every local change had reached the server before the connection was lost.
 */
export function loadSavedVector(userId: string, meetingId: string): Uint8Array | null {
  try {
    const stored = window.localStorage.getItem(savedVectorKey(userId, meetingId));
    return stored ? fromBase64(stored) : null;
  } catch {
    return null;
  }
}

export function storeSavedVector(userId: string, meetingId: string, vector: Uint8Array): void {
  try {
    window.localStorage.setItem(savedVectorKey(userId, meetingId), toBase64(vector));
  } catch {
    // Storage full or disabled: the status is then only known while connected.
  }
}
