import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { colorFor, rewriteAwarenessUpdate } from '../../server/collab/awareness-rewrite';

const identity = { id: 'user-1', name: 'Nguyễn Văn An', color: '#b91c1c' };

function updateFrom(state: Record<string, unknown> | null): { update: Uint8Array; clientId: number } {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return { update, clientId: doc.clientID };
}

function statesOf(update: Uint8Array): Map<number, Record<string, unknown>> {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awarenessProtocol.applyAwarenessUpdate(awareness, update, null);
  const states = new Map(awareness.getStates());
  awareness.destroy();
  return states;
}

describe('awareness rewriting', () => {
  it('replaces whatever user a client claims with the authenticated one', () => {
    const { update, clientId } = updateFrom({ user: { name: 'Bí thư giả', color: '#000' }, cursor: { anchor: 1 } });
    const result = rewriteAwarenessUpdate(update, identity, () => false, 16_384);
    const state = statesOf(result.update!).get(clientId)!;
    expect(state.user).toEqual(identity);
    expect(state.cursor).toEqual({ anchor: 1 });
    expect(result.clientIds).toEqual([clientId]);
  });

  it('drops entries for client ids owned by another connection', () => {
    const { update } = updateFrom({ cursor: null });
    expect(rewriteAwarenessUpdate(update, identity, () => true, 16_384).update).toBeNull();
  });

  it('drops oversized states and keeps removals', () => {
    const big = updateFrom({ blob: 'x'.repeat(5000) });
    expect(rewriteAwarenessUpdate(big.update, identity, () => false, 1000).update).toBeNull();
    const removal = updateFrom(null);
    expect(rewriteAwarenessUpdate(removal.update, identity, () => false, 1000).clientIds).toEqual([removal.clientId]);
  });

  it('gives each user a stable colour', () => {
    expect(colorFor('abc')).toBe(colorFor('abc'));
    expect(colorFor('abc')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
