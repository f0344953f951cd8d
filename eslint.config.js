import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { layerRules } from './eslint.layers.js';

export default ts.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'test/lab/run/', 'test-results/', 'dev-dist/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Ambient declarations of platform globals must use `declare var` (TypeScript's own lib style).
    files: ['**/*.d.ts'],
    rules: { 'no-var': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // The DNS, DNSSEC and diagnosis code must not use `any` (README, Standards).
    files: [
      'src/dns/**',
      'src/evidence/**',
      'src/dnssec/**',
      'src/diagnosis/**',
      'src/report/**',
      'src/net/**',
      'src/doh/**',
      'src/investigate/**',
    ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'localStorage',
        'indexedDB',
        'navigator',
      ],
    },
  },
  {
    // A function longer than a screen hides its steps (issue 13): split it, or say above it
    // why not with an eslint-disable-next-line comment that gives the reason.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  ...layerRules(),
);
