/**
 * Every shell command is built by src/dns/shell-command.ts, which quotes what came from DNS,
 * a link or the search box. A command pieced together anywhere else (a template literal or
 * a string starting with `dig `, `delv ` or `curl `) would skip that quoting: this test
 * reads every source file and fails on one. The `ShellCommand` brand on `Fix.commands`
 * makes the same demand of the type checker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../../src');
const BUILDER = 'dns/shell-command.ts';

/** A string or template literal that starts a command line (not a CSS class list). */
const HANDMADE = /(?<!class=)[`'"](?:dig|delv|curl|drill|kdig|host|nslookup) /;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

describe('one builder for shell commands', () => {
  const files = sources(SRC).map((path) => ({
    file: relative(SRC, path),
    text: readFileSync(path, 'utf8'),
  }));

  it('reads the sources (the builder among them)', () => {
    expect(files.map((f) => f.file)).toContain(BUILDER);
    expect(files.length).toBeGreaterThan(100);
  });

  it('finds no command line written outside src/dns/shell-command.ts', () => {
    const found = files
      .filter((f) => f.file !== BUILDER)
      .flatMap(({ file, text }) =>
        text
          .split('\n')
          .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
          .filter(({ line }) => HANDMADE.test(line))
          .map(({ line, at }) => `${at}: ${line.trim()}`),
      );
    expect(found).toEqual([]);
  });

  it('would find one (the pattern matches what the lame card used to build)', () => {
    for (const line of [
      '.map((ns) => `dig @${ns} ${zone} NS +norec`)',
      "commands: ['dig +trace ' + name]",
      'const c = "curl -sS " + url;',
      '`delv @${server} ${name}`',
    ]) {
      expect(line).toMatch(HANDMADE);
    }
    expect('<pre class="dig mono">').not.toMatch(HANDMADE);
  });
});
