import { fromBase64, toBase64 } from 'lib0/buffer';

/**
 * The server's last "saved" state vector of a meeting, kept in localStorage,
 * so that a page reloaded without a network can still tell whether every
 * local change had reached the server before the connection was lost.
 */
const keyOf = (meetingId: string) => `bienban:saved:${meetingId}`;

export function loadSavedVector(meetingId: string): Uint8Array | null {
  try {
    const stored = window.localStorage.getItem(keyOf(meetingId));
    return stored ? fromBase64(stored) : null;
  } catch {
    return null;
  }
}

export function storeSavedVector(meetingId: string, vector: Uint8Array): void {
  try {
    window.localStorage.setItem(keyOf(meetingId), toBase64(vector));
  } catch {
    // Storage full or disabled: the status is then only known while connected.
  }
}
