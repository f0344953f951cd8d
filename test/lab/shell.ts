/**
 * Runs one system tool (dnssec-keygen, ip, delv …) and returns its standard output.
 * Arguments are passed as a list, never through a shell.
 */
import { execFile } from 'node:child_process';

export interface RunOptions {
  readonly cwd?: string;
  /** Milliseconds before the tool is killed. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit status; 0 on success. */
  readonly status: number;
}

/** Runs the tool and resolves even when it fails, so callers can read its complaint. */
export function runTool(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(
      command,
      [...args],
      { cwd: options.cwd, timeout: options.timeoutMs ?? 60_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolvePromise({
          stdout,
          stderr: error !== null && stderr === '' ? error.message : stderr,
          status,
        });
      },
    );
  });
}

/** Runs the tool and throws with its stderr when it exits non-zero. */
export async function runToolOrThrow(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  const result = await runTool(command, args, options);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}
