/**
 * The watch, as one chunk loaded when a live check view is drawn: none of it (nor the
 * store's hashing it uses) is part of the app shell a first visit loads.
 */
export { WatchController } from './watch.svelte';
export { default as WatchPanel } from './WatchPanel.svelte';
