import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

// `base: './'` keeps every asset URL relative, so the built app works under any path
// (a GitHub Pages project folder, a sub-directory on an intranet host, file-less previews).
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
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
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
});
