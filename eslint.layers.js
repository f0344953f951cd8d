/**
 * The layers of src/ and which may import which (README, "Layout"). Each layer may import
 * only the layers listed for it; the lint fails on an import that runs the wrong way, so a
 * pure layer can never start depending on the UI, the transport or the test tree.
 *
 *   dns ← evidence ← dnssec ← diagnosis          (pure, tested in Node)
 *   dns, evidence ← doh, rdap                       (transport, beside them)
 *   investigate (plans and collects) ← worker
 *   report, store ← ui (on top)
 */
export const LAYERS = {
  dns: [],
  evidence: ['dns'],
  dnssec: ['dns', 'evidence'],
  diagnosis: ['dns', 'evidence', 'dnssec'],
  net: [],
  doh: ['dns', 'evidence', 'net'],
  rdap: ['dns', 'evidence', 'net', 'doh'],
  investigate: ['dns', 'evidence', 'dnssec', 'net', 'doh', 'rdap'],
  report: ['dns', 'evidence', 'dnssec', 'diagnosis'],
  store: ['dns', 'evidence', 'dnssec', 'diagnosis', 'report'],
  worker: ['dns', 'evidence', 'dnssec', 'diagnosis', 'net', 'doh', 'rdap', 'investigate', 'report'],
  // The service worker's background check of watches (issue 15): DoH, the store, a notice.
  sw: ['dns', 'evidence', 'net', 'doh', 'report', 'store'],
  ui: [
    'dns',
    'evidence',
    'dnssec',
    'diagnosis',
    'net',
    'doh',
    'rdap',
    'investigate',
    'report',
    'store',
    'worker',
  ],
};

/** Packages that touch the browser or the UI: never imported below the worker. */
const BROWSER_PACKAGES = ['svelte', 'svelte/*', 'idb', 'comlink', 'workbox-window', 'virtual:*'];

/** Layers that must run in Node without a browser (design.md: pure modules). */
const PURE = new Set(['dns', 'evidence', 'dnssec', 'diagnosis', 'report']);

const names = Object.keys(LAYERS);

/** One ESLint config block per layer, forbidding imports of every layer it may not use. */
export function layerRules() {
  return names.map((layer) => {
    const forbidden = names.filter((other) => other !== layer && !LAYERS[layer].includes(other));
    const patterns = [
      {
        // A relative import climbing out of this layer into a forbidden one.
        regex: forbidden.length === 0 ? '^$' : `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
        message: `src/${layer} may import only ${
          LAYERS[layer].length === 0 ? 'itself' : LAYERS[layer].join(', ')
        } (eslint.layers.js).`,
      },
      {
        regex: '^(\\.\\./)+(test|scripts)(/|$)',
        message: 'Application code never reaches into test/ or scripts/: the build provides data.',
      },
    ];
    if (PURE.has(layer)) {
      patterns.push({
        group: BROWSER_PACKAGES,
        message: `src/${layer} is pure: it runs in Node and imports nothing from the browser or the UI.`,
      });
    }
    return {
      files: [`src/${layer}/**`],
      rules: { 'no-restricted-imports': ['error', { patterns }] },
    };
  });
}
