/**
 * run/changes.json: what a change needs to regenerate a changeable zone and `lab.` as
 * `lab:up` made them — the keys `lab:up` generated, the serial each zone was last
 * published with — and the state each changeable zone is in now.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ChangeableKeyId } from './changeable';
import { replaceFile, runPaths } from './paths';
import type { ZoneKey } from './signing';

export interface PublishedZone {
  /** SOA serial of the file `named` serves now; the next one must be higher. */
  readonly serial: number;
}

export interface ChangeableZoneRecord extends PublishedZone {
  /** The id of the state the zone is in (changeable.ts). */
  readonly state: string;
  readonly keys: Readonly<Partial<Record<ChangeableKeyId, ZoneKey>>>;
}

export interface ChangeState {
  /** `lab.`'s KSK and ZSK, to re-sign it when a delegation changes. */
  readonly tld: PublishedZone & { readonly keys: readonly ZoneKey[] };
  /** By absolute zone name. */
  readonly zones: Readonly<Record<string, ChangeableZoneRecord>>;
}

/** Reads run/changes.json; throws with the fix when the lab is not up (or older than it). */
export function loadChangeState(): ChangeState {
  if (!existsSync(runPaths.changes)) {
    throw new Error(
      `${runPaths.changes} is missing: start the lab with \`npm run lab:up\` (as root)`,
    );
  }
  return JSON.parse(readFileSync(runPaths.changes, 'utf8')) as ChangeState;
}

/** Written whole and renamed into place, so a reader never sees half of it. */
export function saveChangeState(state: ChangeState): void {
  replaceFile(runPaths.changes, `${JSON.stringify(state, null, 2)}\n`);
}
