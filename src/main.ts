import { mount } from 'svelte';
import { parseRoute } from './report/route';
import App from './ui/App.svelte';
import { dropIfUnadopted, startEarlyRun, storedSettings, type EarlyRun } from './ui/early-run';
import { lensWorker } from './ui/worker-bridge';
import './ui/global.css';

/**
 * How long drawing the page may wait for the worker of a live link's check to start. A
 * worker is started by this thread, so drawing first would hold its queries back by the
 * whole draw; the wait is about the worker script's compile time, and capped in case it
 * never comes.
 */
const DRAW_WAIT_MS = 150;

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');

function draw(into: HTMLElement, early: EarlyRun | null): void {
  mount(App, { target: into });
  // Views start their runs in effects, which run before this timer: what is left is unwanted.
  if (early !== null) setTimeout(() => dropIfUnadopted(early), 0);
}

// A live link's check starts now, before the page is drawn: its queries leave while the page
// draws itself, and its check view adopts the run (early-run.ts).
const early = startEarlyRun(parseRoute(location.hash, location.search), storedSettings());
if (early === null) draw(target, null);
else void lensWorker.whenStarted(DRAW_WAIT_MS).then(() => draw(target, early));
