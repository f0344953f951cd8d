/**
 * The lab's long-running processes: started detached with their output in run/logs/, and
 * known afterwards only through the PID files in run/pids/.
 *
 * Stopping never goes by process name: only PIDs from those files are signalled, and only
 * when /proc shows the process still runs a command that mentions the lab's run directory
 * (a recycled PID belongs to someone else).
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { join } from 'node:path';
import { RUN_DIR, runPaths } from './paths';

export interface LabProcess {
  readonly name: string;
  readonly pid: number;
}

export interface StartRequest {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
}

function pidFile(name: string): string {
  return join(runPaths.pids, `${name}.pid`);
}

export function logFile(name: string): string {
  return join(runPaths.logs, `${name}.log`);
}

/** Starts a process in its own session, detached from ours, and records its PID. */
export function startDetached(request: StartRequest): LabProcess {
  mkdirSync(runPaths.pids, { recursive: true });
  mkdirSync(runPaths.logs, { recursive: true });
  const log = openSync(logFile(request.name), 'a');
  try {
    const child = spawn(request.command, [...request.args], {
      cwd: request.cwd,
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new Error(`could not start ${request.command}`);
    child.unref();
    writeFileSync(pidFile(request.name), `${child.pid}\n`);
    return { name: request.name, pid: child.pid };
  } finally {
    closeSync(log);
  }
}

/** Every process with a PID file, whether or not it still runs. */
export function recordedProcesses(): LabProcess[] {
  if (!existsSync(runPaths.pids)) return [];
  return readdirSync(runPaths.pids)
    .filter((file) => file.endsWith('.pid'))
    .sort()
    .flatMap((file) => {
      const pid = Number(readFileSync(join(runPaths.pids, file), 'utf8').trim());
      return Number.isInteger(pid) && pid > 1 ? [{ name: file.slice(0, -'.pid'.length), pid }] : [];
    });
}

/**
 * Whether the PID still runs one of our commands. A zombie (state Z: exited, not yet
 * reaped by an init that may never reap it) counts as gone.
 */
export function isRunning(target: LabProcess): boolean {
  try {
    const stat = readFileSync(`/proc/${target.pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const cmdline = readFileSync(`/proc/${target.pid}/cmdline`, 'utf8');
    return cmdline.includes(RUN_DIR);
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}

/** SIGTERM, then SIGKILL after `graceMs`; removes the PID file once the process is gone. */
export async function stopProcess(target: LabProcess, graceMs = 5000): Promise<void> {
  if (isRunning(target)) {
    process.kill(target.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isRunning(target) && Date.now() < deadline) await sleep(50);
    if (isRunning(target)) {
      process.kill(target.pid, 'SIGKILL');
      while (isRunning(target)) await sleep(50);
    }
  }
  rmSync(pidFile(target.name), { force: true });
}

/** The last lines of a process's log, for error messages. */
export function logTail(name: string, lines = 15): string {
  try {
    return readFileSync(logFile(name), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
