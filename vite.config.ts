import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { exampleRecordings } from './build/example-recordings.ts';
import { precompress } from './build/precompress.ts';
import { WATCH_SYNC_SCRIPT, watchSyncScript } from './build/watch-sync.ts';

/**
 * The built page's Content-Security-Policy (CSP Level 3), one directive per line so each
 * says why. It is delivered in a `<meta http-equiv>` tag because the app is a static page
 * on hosts that may not let us set headers; README "Hosting: headers to set" gives the
 * header form, which adds what a meta tag cannot carry (`frame-ancestors`, §6.4.2) and,
 * unlike the meta tag, also covers the Web Worker that makes the DoH and RDAP requests
 * (a dedicated worker takes its policy from its own response, not from the page's meta).
 */
export const CONTENT_SECURITY_POLICY: readonly (readonly [string, string])[] = [
  // Anything not named below (frames, fonts, media, prefetch) is refused.
  ['default-src', "'none'"],
  // Only the bundle's own modules: no inline script, no eval (Vite emits neither, and
  // vite-plugin-pwa's registration is our own import of workbox-window, not an inline snippet).
  ['script-src', "'self'"],
  // Svelte's component CSS is emitted as files; the build has no <style> elements and no
  // style attributes (class: and CSSOM only), so no 'unsafe-inline'.
  ['style-src', "'self'"],
  // The favicon and the header logo; nothing is drawn into data: or blob: images.
  ['img-src', "'self'"],
  // DoH resolvers and RDAP registries are any https origin the person names. Plain http is
  // allowed by the app only for loopback (src/doh/resolvers.ts: 127.0.0.0/8, localhost names,
  // [::1]). CSP cannot say all of that: a host wildcard covers only a leftmost DNS label
  // (CSP3 §2.3.1 host-part), so each 127.x address is its own expression, and the grammar has
  // no IPv6 literal (Chromium 156 ignores `http://[::1]:*` with a console error). README
  // "Hosting: headers to set" says what this means for the other loopback addresses.
  ['connect-src', "'self' https: http://127.0.0.1:* http://localhost:* http://*.localhost:*"],
  // The analysis worker and the service worker are files of this app.
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  // No <base> may redirect the relative asset URLs (base: './').
  ['base-uri', "'none'"],
  // The app has no forms that submit anywhere (every form handles submit in script).
  ['form-action', "'none'"],
];

export const CSP_META_CONTENT = CONTENT_SECURITY_POLICY.map(
  ([name, value]) => `${name} ${value}`,
).join('; ');

/**
 * Puts the CSP meta tag right after <meta charset> in the build only: a policy applies only
 * to what follows it, so it must precede every script and stylesheet. The dev server needs
 * inline styles and its HMR client, so `npm run dev` runs without a policy.
 */
function contentSecurityPolicy(): Plugin {
  const escaped = CSP_META_CONTENT.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  const tag = `<meta http-equiv="Content-Security-Policy" content="${escaped}" />`;
  return {
    name: 'servfail-lens:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
        if (charset === null)
          throw new Error('index.html lacks <meta charset>: the CSP goes after it');
        const end = charset.index + charset[0].length;
        return `${html.slice(0, end)}\n    ${tag}${html.slice(end)}`;
      },
    },
  };
}

// `base: './'` keeps every asset URL relative, so the built app works under any path
// (a GitHub Pages project folder, a sub-directory on an intranet host, file-less previews).
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    contentSecurityPolicy(),
    exampleRecordings(),
    // The service worker's background check of watches (issue 15), a classic script.
    watchSyncScript(),
    // The app shell works offline (saved results, examples, evidence links); live checks need
    // the network. `prompt`: a new version waits until the person chooses to reload
    // (src/ui/pwa/sw-bridge.svelte.ts registers it with workbox-window).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // The glob below already precaches the icons; listing them twice only adds noise.
      includeManifestIcons: false,
      manifest: {
        name: 'SERVFAIL Lens',
        short_name: 'SERVFAIL Lens',
        description:
          'Find out why a domain returns SERVFAIL: a broken DNSSEC chain, a lame delegation or one resolver. Runs in your browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        // One pair only (the manifest has no media queries); index.html's theme-color metas
        // carry the light (#ffffff) and dark (#121417) page colours.
        theme_color: '#0b5fd0',
        background_color: '#ffffff',
        lang: 'en',
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'maskable-512x512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // The app shell only (the plugin adds manifest.webmanifest itself). Source maps stay
        // out of the precache.
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        navigateFallback: 'index.html',
        // DoH answers must never come from a cache: a check reports what resolvers say now.
        // Cross-origin requests never match the precache or the navigation route, and no
        // runtime caching is configured; a same-origin DoH front (the lab) is excluded too.
        navigateFallbackDenylist: [/\/dns-query/, /\/resolve/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        // Periodic Background Sync of watches and their notifications' clicks (src/sw/).
        importScripts: [WATCH_SYNC_SCRIPT],
      },
    }),
    // .br and .gz copies of the text files, written after the service worker, served by
    // `vite preview` (`npm start`) to clients that accept them (build/precompress.ts).
    precompress(),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
});
