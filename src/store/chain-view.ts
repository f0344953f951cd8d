/**
 * Which way the chain panel shows the chain of trust, the list or the graph (issue 17),
 * remembered in localStorage like the settings (settings.ts) but under its own key: a
 * view preference, not a setting that changes what a check asks. Reading is tolerant: a
 * foreign value or a storage that throws gives the list.
 */

export type ChainViewChoice = 'list' | 'graph';

export const CHAIN_VIEW_KEY = 'servfail-lens.chain-view';

export function loadChainView(storage: Storage | undefined): ChainViewChoice {
  try {
    return storage?.getItem(CHAIN_VIEW_KEY) === 'graph' ? 'graph' : 'list';
  } catch {
    // Storage can throw (disabled cookies, sandboxed frames): the list, as by default.
    return 'list';
  }
}

/** Remembers the choice; false when the browser would not store it (it lasts this page). */
export function saveChainView(storage: Storage | undefined, choice: ChainViewChoice): boolean {
  try {
    storage?.setItem(CHAIN_VIEW_KEY, choice);
    return storage !== undefined;
  } catch {
    return false;
  }
}
