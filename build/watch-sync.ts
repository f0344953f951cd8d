/**
 * A Vite plugin that builds the service worker's watch script (src/sw/watch-sync.ts) as one
 * classic script, `watch-sync.js` beside `sw.js`: the worker vite-plugin-pwa generates
 * (generateSW) loads it with workbox's `importScripts`, which takes classic scripts only,
 * so it is bundled apart from the app (an IIFE with its own copy of what it imports)
 * instead of sharing the app's ES module chunks.
 */
import { resolve } from 'node:path';
import { build, type Plugin, type Rollup } from 'vite';

/** The file name, relative to the service worker (vite.config.ts `importScripts`). */
export const WATCH_SYNC_SCRIPT = 'watch-sync.js';

const ENTRY = resolve(import.meta.dirname, '../src/sw/watch-sync.ts');

/** The entry's code, built on its own: no plugins of the app, no file written. */
async function buildScript(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      emptyOutDir: false,
      lib: {
        entry: ENTRY,
        formats: ['iife'],
        name: 'servfailLensWatchSync',
        fileName: () => WATCH_SYNC_SCRIPT,
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (chunk === undefined) throw new Error(`${ENTRY} built to nothing`);
  return chunk.code;
}

export function watchSyncScript(): Plugin {
  return {
    name: 'servfail-lens:watch-sync',
    apply: 'build',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: WATCH_SYNC_SCRIPT, source: await buildScript() });
    },
  };
}
