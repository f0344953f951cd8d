/**
 * `npx tsx test/lab/zones-offline.ts [--keep]`: builds the lab's whole tree with the code
 * `lab:up` runs (tree.ts: keys, signed zones, `lab.` with the registry's delegations) into a
 * temporary directory, starts no server, and checks what was written with BIND's own tools:
 * named-checkzone loads every zone, dnssec-verify every signed one, and each zone's DS set
 * in `lab.` must lead to a key that signs the zone's DNSKEY set. The early-warning zones
 * (issue 16) are then checked for the one thing each carries. `--keep` leaves the directory.
 *
 * Paths come from LAB_RUN_DIR, set before paths.ts is first imported: every lab module is
 * imported dynamically below, so a running lab's test/lab/run/ is never written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool, runToolOrThrow } from './shell';

const dir = mkdtempSync(join(tmpdir(), 'lab-zones-'));
process.env['LAB_RUN_DIR'] = dir;

const { RUN_DIR } = await import('./paths');
if (RUN_DIR !== dir) throw new Error(`paths.ts chose ${RUN_DIR}, not ${dir}: refusing to build`);
const { buildTree, TLD } = await import('./tree');
const { LAB_ZONES } = await import('./zones');
type LabZone = (typeof LAB_ZONES)[number];

/** dnssec-verify on a signed zone; its complaint only when it fails. */
async function verifySigned(name: string, file: string): Promise<void> {
  const verify = await runTool('dnssec-verify', ['-q', '-o', name, file]);
  check(
    verify.status === 0,
    `${name} dnssec-verify${verify.status === 0 ? '' : `: ${verify.stderr.trim()}`}`,
  );
}

/** One record of `named-checkzone -D` output: owner, type and RDATA fields, upper-cased. */
interface Rr {
  readonly owner: string;
  readonly type: string;
  readonly rdata: readonly string[];
}

async function dumpZone(name: string, file: string): Promise<Rr[]> {
  const text = await runToolOrThrow('named-checkzone', ['-q', '-D', '-o', '-', name, file]);
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // owner TTL class type rdata…, one record a line in the canonical dump.
      const [owner = '', , , type = '', ...rdata] = line.trim().split(/\s+/);
      return { owner: owner.toLowerCase(), type: type.toUpperCase(), rdata };
    });
}

/** `<tag> <alg> <type> <DIGEST>` of DS-like records, comparable across tools. */
const dsKey = (fields: readonly string[]): string =>
  [...fields.slice(0, 3), fields.slice(3).join('').toUpperCase()].join(' ');

/** The DS (digest type 1 and 2) of every DNSKEY in the signed file, ZSKs included. */
async function dnskeyDigests(zone: string, file: string): Promise<Set<string>> {
  const lines = await Promise.all(
    ['-1', '-2'].map((digest) =>
      runToolOrThrow('dnssec-dsfromkey', ['-A', digest, '-f', file, zone]),
    ),
  );
  return new Set(
    lines
      .join('\n')
      .split('\n')
      .filter((line) => line.includes(' DS '))
      .map((line) => dsKey(line.trim().split(/\s+/).slice(3))),
  );
}

const problems: string[] = [];
function check(ok: boolean, what: string): void {
  if (!ok) problems.push(what);
  else console.log(`  ok  ${what}`);
}

/** The key tags whose RRSIGs cover the zone's DNSKEY RRset. */
function dnskeySigners(records: readonly Rr[], zone: string): Set<string> {
  return new Set(
    records
      .filter((r) => r.owner === zone && r.type === 'RRSIG' && r.rdata[0] === 'DNSKEY')
      .map((r) => r.rdata[6] ?? ''),
  );
}

function rdataOf(records: readonly Rr[], zone: string, type: string): string[][] {
  return records.filter((r) => r.owner === zone && r.type === type).map((r) => [...r.rdata]);
}

interface Checked {
  readonly zone: LabZone;
  readonly records: readonly Rr[];
  readonly parentDs: readonly string[][];
  readonly digests: Set<string>;
  readonly signers: Set<string>;
}

/** What each early-warning zone exists to show (zones.ts, EARLY_WARNING_ZONES). */
function checkWarningZone({ zone, records, parentDs, digests, signers }: Checked): void {
  const name = zone.name;
  const published = parentDs.filter((ds) => digests.has(dsKey(ds)));
  const cds = rdataOf(records, name, 'CDS');
  const cdnskey = rdataOf(records, name, 'CDNSKEY');
  switch (name) {
    case 'nsec3-iter.lab.': {
      const param = rdataOf(records, name, 'NSEC3PARAM').map((r) => r.join(' '));
      check(param.join() === '1 0 10 AABBCCDD', `${name} NSEC3PARAM ${param.join()}`);
      const nsec3 = records.filter((r) => r.type === 'NSEC3');
      check(
        nsec3.length > 0 && nsec3.every((r) => r.rdata[2] === '10' && r.rdata[3] === 'AABBCCDD'),
        `${name} all ${nsec3.length} NSEC3 records: 10 iterations, salt AABBCCDD`,
      );
      break;
    }
    case 'rsasha1.lab.': {
      const algorithms = new Set(rdataOf(records, name, 'DNSKEY').map((r) => r[2]));
      check([...algorithms].join() === '5', `${name} DNSKEY algorithms ${[...algorithms]}`);
      check(
        parentDs.every((ds) => ds[1] === '5'),
        `${name} DS algorithm 5`,
      );
      break;
    }
    case 'sha1-ds.lab.':
      check(
        parentDs.length === 1 && parentDs[0]?.[2] === '1' && published.length === 1,
        `${name} lab. holds one DS, digest type 1, of a published key`,
      );
      break;
    case 'leftover-ds.lab.': {
      const leftover = parentDs.filter((ds) => !digests.has(dsKey(ds)));
      check(
        parentDs.length === 2 && published.length === 1 && leftover.length === 1,
        `${name} lab. holds 2 DS: 1 of a published key, 1 (tag ${leftover[0]?.[0]}) of none`,
      );
      break;
    }
    case 'cds-ok.lab.':
      check(
        cds.length === 1 && cds.every((c) => parentDs.some((ds) => dsKey(ds) === dsKey(c))),
        `${name} CDS ${cds.map((c) => c[0]).join()} = the DS in lab.`,
      );
      check(
        cds.every((c) => signers.has(c[0] ?? '')) && cdnskey.length === 1,
        `${name} the CDS key signs the DNSKEY set; one CDNSKEY`,
      );
      break;
    case 'cds-bad.lab.':
      check(
        cds.length === 1 &&
          cds.every((c) => digests.has(dsKey(c)) && !signers.has(c[0] ?? '')) &&
          cds.every((c) => !parentDs.some((ds) => dsKey(ds) === dsKey(c))),
        `${name} CDS ${cds.map((c) => c[0]).join()}: a published key that does not sign the DNSKEY set (signers ${[...signers]}), not the DS in lab.`,
      );
      check(cdnskey.length === 1 && cdnskey[0]?.[0] === '256', `${name} one CDNSKEY, flags 256`);
      break;
    default:
      check(cds.length === 0 && cdnskey.length === 0, `${name} publishes no CDS or CDNSKEY`);
  }
}

async function checkZone(zone: LabZone, file: string, tldRecords: readonly Rr[]): Promise<void> {
  const records = await dumpZone(zone.name, file);
  console.log(`  ok  ${zone.name} loads (named-checkzone, ${records.length} records)`);
  if (zone.signing === null) return;
  if (zone.signing.validity === 'current') {
    await verifySigned(zone.name, file);
  }
  const parentDs = rdataOf(tldRecords, zone.name, 'DS');
  const digests = await dnskeyDigests(zone.name, file);
  const signers = dnskeySigners(records, zone.name);
  if (zone.ds !== 'unrelated-key' && zone.ds !== 'none') {
    // RFC 4035 §5.2: a DS must match a DNSKEY that signs the zone's DNSKEY RRset.
    const usable = parentDs.filter((ds) => digests.has(dsKey(ds)) && signers.has(ds[0] ?? ''));
    check(usable.length > 0, `${zone.name} a DS in lab. leads to a key signing the DNSKEY set`);
  }
  checkWarningZone({ zone, records, parentDs, digests, signers });
}

try {
  const started = Date.now();
  const tree = await buildTree(new Date());
  console.log(`built ${tree.zones.length} zones in ${Date.now() - started} ms under ${dir}`);
  const tld = tree.zones.find((served) => served.name === TLD);
  if (tld === undefined) throw new Error('no lab. zone built');
  const tldRecords = await dumpZone(TLD, tld.file);
  for (const served of tree.zones) {
    if (served.file.endsWith('.signed') && !LAB_ZONES.some((z) => z.name === served.name)) {
      await verifySigned(served.name, served.file);
    }
  }
  for (const zone of LAB_ZONES) {
    const served = tree.zones.find((candidate) => candidate.name === zone.name);
    if (served !== undefined) await checkZone(zone, served.file, tldRecords);
  }
  if (problems.length > 0) {
    console.error(`zones-offline: ${problems.length} problems:\n${problems.join('\n')}`);
    process.exitCode = 1;
  } else console.log('zones-offline: every check passed');
} finally {
  if (process.argv.includes('--keep')) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
