/**
 * One change at a time: run/changes.lock, a directory (mkdir is atomic), holds the PID of
 * the process making a change. Two changes at once would each read run/changes.json and
 * run/registry.json, write `lab.` with their own serial, and the second would undo the first.
 * A lock whose process has gone is taken over.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPaths } from './paths';
import { setTimeout as sleep } from 'node:timers/promises';

const HOLDER = 'pid';
/** A lock without a PID this long after it was made belongs to a process that died in between. */
const ORPHAN_MS = 5000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderGone(): boolean {
  try {
    const pid = Number(readFileSync(join(runPaths.changesLock, HOLDER), 'utf8').trim());
    return !Number.isInteger(pid) || pid <= 0 || !isAlive(pid);
  } catch {
    try {
      return Date.now() - statSync(runPaths.changesLock).mtimeMs > ORPHAN_MS;
    } catch {
      return false;
    }
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(runPaths.changesLock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  writeFileSync(join(runPaths.changesLock, HOLDER), `${process.pid}\n`);
  return true;
}

/** Runs `work` holding the lock; waits up to `timeoutMs` for another change to finish. */
export async function withChangeLock<T>(work: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (!tryLock()) {
    if (holderGone()) {
      rmSync(runPaths.changesLock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`another lab change still holds ${runPaths.changesLock}`);
    }
    await sleep(100);
  }
  try {
    return await work();
  } finally {
    rmSync(runPaths.changesLock, { recursive: true, force: true });
  }
}
