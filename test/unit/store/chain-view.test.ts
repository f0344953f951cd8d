/**
 * The chain panel's list/graph choice survives a reload, and a damaged or unavailable
 * storage gives the list (the default) instead of an error.
 */

import { describe, expect, it } from 'vitest';
import { CHAIN_VIEW_KEY, loadChainView, saveChainView } from '../../../src/store/chain-view';

/** A Storage over a Map, or one whose every call throws (storage disabled). */
function storage(broken = false): Storage {
  const map = new Map<string, string>();
  const fail = (): never => {
    throw new DOMException('denied', 'SecurityError');
  };
  return {
    get length() {
      return map.size;
    },
    clear: () => (broken ? fail() : map.clear()),
    getItem: (k: string) => (broken ? fail() : (map.get(k) ?? null)),
    key: (i: number) => [...map.keys()][i] ?? null,
    removeItem: (k: string) => (broken ? fail() : void map.delete(k)),
    setItem: (k: string, v: string) => (broken ? fail() : void map.set(k, v)),
  };
}

describe('chain view choice', () => {
  it('is the list until the graph is chosen, then the graph', () => {
    const s = storage();
    expect(loadChainView(s)).toBe('list');
    expect(saveChainView(s, 'graph')).toBe(true);
    expect(s.getItem(CHAIN_VIEW_KEY)).toBe('graph');
    expect(loadChainView(s)).toBe('graph');
    saveChainView(s, 'list');
    expect(loadChainView(s)).toBe('list');
  });

  it('reads a foreign value, no storage or a throwing one as the list', () => {
    const s = storage();
    s.setItem(CHAIN_VIEW_KEY, '{"graph":true}');
    expect(loadChainView(s)).toBe('list');
    expect(loadChainView(undefined)).toBe('list');
    expect(loadChainView(storage(true))).toBe('list');
    expect(saveChainView(storage(true), 'graph')).toBe(false);
    expect(saveChainView(undefined, 'graph')).toBe(false);
  });
});
