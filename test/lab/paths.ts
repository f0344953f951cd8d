/**
 * Files the lab writes. Everything generated lives under test/lab/run/ (gitignored) and is
 * recreated by every `lab:up`, so keys and signatures never age in the repository.
 */
import { existsSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAB_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = join(LAB_DIR, '..', '..');
/**
 * Where run/ really is. A git worktree may link its run/ to another checkout's, so that
 * one lab serves them all; the real path is what the lab's processes were started with,
 * and lab:down recognises them by it (processes.ts), and lab:up empties the directory
 * behind the link, not the link.
 */
const RUN_LINK = join(LAB_DIR, 'run');
/**
 * LAB_RUN_DIR puts everything elsewhere: zones-offline.ts builds the tree into a temporary
 * directory with it, without touching (or needing) a running lab.
 */
const RUN_OVERRIDE = process.env['LAB_RUN_DIR'];
export const RUN_DIR =
  RUN_OVERRIDE !== undefined && RUN_OVERRIDE !== ''
    ? RUN_OVERRIDE
    : existsSync(RUN_LINK)
      ? realpathSync(RUN_LINK)
      : RUN_LINK;

export const runPaths = {
  pids: join(RUN_DIR, 'pids'),
  logs: join(RUN_DIR, 'logs'),
  keys: join(RUN_DIR, 'keys'),
  zones: join(RUN_DIR, 'zones'),
  auth: join(RUN_DIR, 'auth'),
  bindResolver: join(RUN_DIR, 'bind-resolver'),
  /** Working directory of one Unbound instance. */
  unbound: (id: string): string => join(RUN_DIR, id),
  rootHints: join(RUN_DIR, 'root.hints'),
  /** The root DS set in presentation format: what tests and the app use as `ta=`. */
  trustAnchorDs: join(RUN_DIR, 'trust-anchor.ds'),
  /** The same anchor in named.conf `trust-anchors` syntax, for delv -a. */
  delvAnchors: join(RUN_DIR, 'trust-anchors.conf'),
  gatewayConfig: join(RUN_DIR, 'doh-gateway.json'),
  /** The registry of lab.: one record per child domain, served over RDAP. */
  registry: join(RUN_DIR, 'registry.json'),
  /** Keys, serials and current state of the changeable zones (changes.ts). */
  changes: join(RUN_DIR, 'changes.json'),
  /** Held (a directory, made atomically) while a change rewrites zones. */
  changesLock: join(RUN_DIR, 'changes.lock'),
  /** Loopback addresses lab:up added to `lo`, so lab:down removes exactly those. */
  addedAddresses: join(RUN_DIR, 'loopback-added.json'),
  manifest: join(RUN_DIR, 'lab.json'),
  readme: join(LAB_DIR, 'README.md'),
} as const;

/**
 * Writes a file whole: to a new file beside it, then renamed over the old one, so that a
 * process reading it meanwhile (the RDAP server, another change) never sees half of it.
 */
export function replaceFile(path: string, text: string): void {
  const next = `${path}.${process.pid}.new`;
  writeFileSync(next, text);
  renameSync(next, path);
}
