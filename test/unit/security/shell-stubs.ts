/**
 * Pastes commands into a real bash, as a person would paste them into a terminal, with
 * `dig`, `delv`, `curl` and `python3` replaced by stubs that only record their argv, and
 * `touch`, `rm`, `id`, `sh` and `bash` by canaries. PATH holds nothing else, the working
 * directory starts empty, and the shell is interactive (`-i`), so history expansion (`!`)
 * applies as it would in a terminal.
 *
 * What a run shows: which programs ran with which arguments, which files appeared in the
 * working directory, which canaries ran, and what bash said on stderr.
 */

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The programs the app's commands may call. */
export const STUBS = ['dig', 'delv', 'curl', 'python3'] as const;
/** Programs an injected command would reach for: any run of one is an attack that worked. */
export const CANARIES = ['touch', 'rm', 'id', 'sh', 'bash', 'cat', 'ls'] as const;

export interface Invocation {
  readonly program: string;
  readonly argv: readonly string[];
}

export interface PasteRun {
  /** Every stub and canary run, in the order they recorded themselves. */
  readonly invocations: readonly Invocation[];
  /** Files and directories that appeared in the (empty) working directory. */
  readonly created: readonly string[];
  /** The shell's own complaints (prompts and job-control notices removed). */
  readonly stderr: string;
}

const BASH = '/bin/bash';

/** Records `program`, the argument count and each argument, NUL-terminated. */
function stubScript(program: string): string {
  return [
    // dash starts faster than bash; the shell under test is the bash that reads the paste.
    '#!/bin/sh',
    `printf '%s\\0' '${program}' "$#" "$@" >> "$LENS_STUB_LOG"`,
    // python3 reads the pipe, as the real decoder would; read is a builtin.
    program === 'python3' ? 'while IFS= read -r _; do :; done' : '',
    '',
  ].join('\n');
}

function parseLog(bytes: string): Invocation[] {
  const fields = bytes.split('\0');
  const out: Invocation[] = [];
  let i = 0;
  while (i + 1 < fields.length) {
    const program = fields[i]!;
    const count = Number(fields[i + 1]);
    out.push({ program, argv: fields.slice(i + 2, i + 2 + count) });
    i += 2 + count;
  }
  return out;
}

function listAll(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${prefix}${entry.name}`;
    return entry.isDirectory() ? [path, ...listAll(join(dir, entry.name), `${path}/`)] : [path];
  });
}

/** The commands, one per line, pasted into an interactive bash with only the stubs on PATH. */
export function pasteIntoBash(commands: readonly string[]): PasteRun {
  const root = mkdtempSync(join(tmpdir(), 'lens-paste-'));
  try {
    const bin = join(root, 'bin');
    const work = join(root, 'work');
    const log = join(root, 'calls');
    mkdirSync(bin);
    mkdirSync(work);
    for (const program of [...STUBS, ...CANARIES]) {
      const path = join(bin, program);
      writeFileSync(path, stubScript(program));
      chmodSync(path, 0o755);
    }
    const run = spawnSync(BASH, ['--norc', '--noprofile', '-i'], {
      cwd: work,
      input: `${commands.join('\n')}\n`,
      env: {
        PATH: bin,
        HOME: root,
        HISTFILE: '/dev/null',
        PS1: '',
        PS2: '',
        LENS_STUB_LOG: log,
        TERM: 'dumb',
      },
      timeout: 60_000,
    });
    if (run.error) throw run.error;
    const stderr = run.stderr.toString();
    return {
      invocations: existsSync(log) ? parseLog(readFileSync(log, 'utf8')) : [],
      created: listAll(work),
      stderr: stderr
        .split('\n')
        .filter((line) => !/no job control|cannot set terminal process group|^exit$|^$/.test(line))
        .join('\n'),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
