/**
 * Records each lab change (test/lab/changes.ts) as a pair of Evidence JSON files, the same
 * question before and after the change: test/fixtures/lab-pairs/<change>/before.json and
 * after.json, with the recording code of scripts/record-fixtures.ts, at the four plain
 * resolvers. They feed the unit tests of "what changed" (issue 15): a key rollover (roll),
 * a DS swap (dsswap), a lame delegation fixed (relame), a bogus zone fixed (fixme), a
 * working zone broken (breakme). Every change is reset afterwards. Needs a running lab.
 *
 *   npm run lab:record-pairs              # every change
 *   npm run lab:record-pairs -- roll      # just these
 *
 * Before each recording the resolvers have settled (settleLabResolvers: no cache holds the
 * other state), and a recording whose target answers at unbound and bind are not what the
 * state says is refused rather than written.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Evidence } from '../src/evidence/evidence';
import {
  applyLabChange,
  CHANGEABLE_ZONES,
  LAB_CHANGES,
  labChangeState,
  resetLabChanges,
  settleLabResolvers,
  type LabChange,
} from '../test/lab/changes';
import { labResolver, loadLabManifest, type LabManifest } from '../test/lab/manifest';
import { DEFAULT_SCENARIO_RESOLVERS } from '../test/lab/scenarios';
import { summarizeAnswer } from '../test/lab/wire';
import { recordEvidence, writeEvidence } from './record-fixtures';

export const PAIRS_DIR = resolve('test/fixtures/lab-pairs');

/** The validating resolvers whose target answer must match the zone's state. */
const CHECKED = ['unbound', 'bind'];

function expectedAnswer(change: LabChange): string {
  const zone = CHANGEABLE_ZONES.find((candidate) => candidate.name === change.zone);
  const state = zone?.states.find((candidate) => candidate.id === labChangeState(change.id));
  if (state === undefined) throw new Error(`${change.zone}: unknown state`);
  return state.answer;
}

/** Throws unless unbound and bind answered the target (CD=0) as the zone's state says. */
function checkRecording(manifest: LabManifest, change: LabChange, evidence: Evidence): void {
  const wanted = expectedAnswer(change);
  for (const id of CHECKED) {
    const url = labResolver(manifest, id).dohUrl;
    const exchange = evidence.exchanges.find(
      (x) => x.purpose === 'target' && !x.cd && x.resolver === url,
    );
    if (exchange?.response === undefined)
      throw new Error(`${change.id}: no target answer at ${id}`);
    const answer = summarizeAnswer(Buffer.from(exchange.response, 'base64'));
    const seen = answer.rcode === 'NOERROR' && answer.ad ? 'NOERROR, AD' : answer.rcode;
    if (seen !== wanted) throw new Error(`${change.id}: ${id} answered ${seen}, not ${wanted}`);
  }
}

async function record(manifest: LabManifest, change: LabChange, side: string): Promise<void> {
  await settleLabResolvers([change.id]);
  const resolvers = DEFAULT_SCENARIO_RESOLVERS.map((id) => labResolver(manifest, id));
  const question = { name: change.qname, type: change.qtype };
  const evidence = await recordEvidence(manifest, question, resolvers);
  checkRecording(manifest, change, evidence);
  const dir = join(PAIRS_DIR, change.id);
  mkdirSync(dir, { recursive: true });
  const summary = writeEvidence(join(dir, `${side}.json`), evidence);
  console.log(
    `${change.id.padEnd(8)} ${side.padEnd(6)} ${labChangeState(change.id).padEnd(9)} ${summary}`,
  );
}

async function main(): Promise<void> {
  const manifest = loadLabManifest();
  const wanted = process.argv.slice(2);
  const changes = LAB_CHANGES.filter((c) => wanted.length === 0 || wanted.includes(c.id));
  if (changes.length === 0) throw new Error(`no lab change called ${wanted.join(', ')}`);
  for (const change of changes) {
    await resetLabChanges([change.id]);
    try {
      await record(manifest, change, 'before');
      await applyLabChange(change.id);
      await record(manifest, change, 'after');
    } finally {
      await resetLabChanges([change.id]);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
