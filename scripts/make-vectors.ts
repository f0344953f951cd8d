/**
 * Generates the BIND-signed test vectors under test/vectors/signed/ — run ONCE, then commit
 * the output (signatures are not deterministic for ECDSA, so re-running changes the files).
 *
 *   npx tsx scripts/make-vectors.ts
 *
 * It builds a small DNS tree, root (RSASHA256, NSEC) → lens. (ECDSAP256SHA256, NSEC3) →
 * one zone per algorithm/denial case, signs it with dnssec-keygen/dnssec-signzone (validity
 * 2026-01-01 to 2036-01-01), serves it with `named` on 127.0.0.1:53535, and records the raw
 * wire responses a collector would fetch (target, and DS + DNSKEY for every name on the way
 * down) into responses.json. Needs bind9 (named, dnssec-keygen, dnssec-signzone).
 */

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nameFromText, nameToWire } from '../src/dns/wire/name';
import { typeFromText } from '../src/dns/wire/types';

const OUT = join(import.meta.dirname, '..', 'test', 'vectors', 'signed');
const PORT = 53535;
const VALIDITY = ['-s', '20260101000000', '-e', '20360101000000'];

interface Case {
  readonly id: string;
  readonly algorithm: string;
  /** dnssec-signzone NSEC3 options, none for NSEC. */
  readonly nsec3?: readonly string[];
}

export const CASES: readonly Case[] = [
  { id: 'rsasha1-nsec', algorithm: 'RSASHA1' },
  { id: 'rsasha256-nsec', algorithm: 'RSASHA256' },
  { id: 'rsasha256-nsec3', algorithm: 'RSASHA256', nsec3: ['-3', 'beef', '-H', '5'] },
  { id: 'rsasha512-nsec', algorithm: 'RSASHA512' },
  { id: 'ecdsap256-nsec', algorithm: 'ECDSAP256SHA256' },
  {
    id: 'ecdsap256-nsec3-optout',
    algorithm: 'ECDSAP256SHA256',
    nsec3: ['-3', '-', '-H', '0', '-A'],
  },
  { id: 'ecdsap384-nsec', algorithm: 'ECDSAP384SHA384' },
  { id: 'ed25519-nsec', algorithm: 'ED25519' },
  { id: 'ed25519-nsec3', algorithm: 'ED25519', nsec3: ['-3', 'aabbccdd', '-H', '1'] },
  { id: 'ed448-nsec', algorithm: 'ED448' },
  { id: 'ed448-nsec3', algorithm: 'ED448', nsec3: ['-3', '-', '-H', '0'] },
];

const SOA = (origin: string): string =>
  `${origin} 3600 IN SOA ns1.lens. hostmaster.lens. 2026010101 7200 3600 1209600 300`;

function caseZone(c: Case, other: string): string {
  const o = `${c.id}.lens.`;
  return [
    SOA(o),
    `${o} 3600 IN NS ns1.lens.`,
    `${o} 3600 IN MX 10 mail.${o}`,
    `mail.${o} 3600 IN A 192.0.2.25`,
    `www.${o} 3600 IN A 192.0.2.80`,
    `www.${o} 3600 IN TXT "hello from ${c.id}"`,
    `*.wild.${o} 3600 IN A 192.0.2.99`,
    `cname.${o} 3600 IN CNAME www.${o}`,
    `alias.${o} 3600 IN CNAME www.${other}.lens.`,
    `a.b.${o} 3600 IN A 192.0.2.11`,
    `dn.${o} 3600 IN DNAME ${o}`,
    `deleg.${o} 3600 IN NS ns1.lens.`,
    '',
  ].join('\n');
}

function run(cmd: string, args: readonly string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function keygen(dir: string, origin: string, algorithm: string): void {
  run('dnssec-keygen', ['-q', '-L', '3600', '-a', algorithm, '-f', 'KSK', origin], dir);
  run('dnssec-keygen', ['-q', '-L', '3600', '-a', algorithm, origin], dir);
}

function sign(dir: string, origin: string, file: string, extra: readonly string[] = []): string {
  run(
    'dnssec-signzone',
    [
      '-S',
      '-K',
      dir,
      '-d',
      dir,
      '-o',
      origin,
      ...VALIDITY,
      '-O',
      'full',
      '-f',
      `${file}.signed`,
      ...extra,
      file,
    ],
    dir,
  );
  return readFileSync(join(dir, `${file}.signed`), 'utf8');
}

function query(name: string, type: string): Promise<Uint8Array> {
  const qname = nameFromText(name);
  const qtype = typeFromText(type);
  if (!qname.ok || qtype === undefined) throw new Error(`bad question ${name} ${type}`);
  const wire = nameToWire(qname.value);
  const msg = new Uint8Array(12 + wire.length + 4 + 11);
  msg.set([0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  msg.set(wire, 12);
  let o = 12 + wire.length;
  msg.set([qtype >> 8, qtype & 255, 0, 1], o);
  o += 4;
  // OPT: root owner, type 41, UDP size 4096, DO bit (RFC 3225), no options.
  msg.set([0, 0, 41, 0x10, 0, 0, 0, 0x80, 0, 0, 0], o);
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      resolve(new Uint8Array(all.subarray(2, 2 + all.readUInt16BE(0))));
    });
    socket.connect(PORT, '127.0.0.1', () => {
      socket.write(Buffer.from([msg.length >> 8, msg.length & 255]));
      socket.end(Buffer.from(msg));
    });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lens-vectors-'));
  const zones: { origin: string; file: string }[] = [];
  for (const [i, c] of CASES.entries()) {
    const origin = `${c.id}.lens.`;
    keygen(dir, origin, c.algorithm);
    writeFileSync(join(dir, `${c.id}.db`), caseZone(c, CASES[(i + 1) % CASES.length]!.id));
    sign(dir, origin, `${c.id}.db`, c.nsec3 ?? []);
    zones.push({ origin, file: `${c.id}.db.signed` });
  }
  writeFileSync(
    join(dir, 'unsigned.db'),
    [
      SOA('unsigned.lens.'),
      'unsigned.lens. 3600 IN NS ns1.lens.',
      'www.unsigned.lens. 3600 IN A 192.0.2.7',
      '',
    ].join('\n'),
  );
  zones.push({ origin: 'unsigned.lens.', file: 'unsigned.db' });
  const dsOf = (origin: string): string => readFileSync(join(dir, `dsset-${origin}`), 'utf8');
  keygen(dir, 'lens.', 'ECDSAP256SHA256');
  const lens = [
    SOA('lens.'),
    'lens. 3600 IN NS ns1.lens.',
    'ns1.lens. 3600 IN A 127.0.0.1',
    'unsigned.lens. 3600 IN NS ns1.lens.',
    ...CASES.flatMap((c) => [`${c.id}.lens. 3600 IN NS ns1.lens.`, dsOf(`${c.id}.lens.`).trim()]),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'lens.db'), lens);
  sign(dir, 'lens.', 'lens.db', ['-3', 'c0ffee', '-H', '0']);
  zones.push({ origin: 'lens.', file: 'lens.db.signed' });
  keygen(dir, '.', 'RSASHA256');
  const root = [
    '. 3600 IN SOA ns1.lens. hostmaster.lens. 2026010101 7200 3600 1209600 300',
    '. 3600 IN NS ns1.lens.',
    'lens. 3600 IN NS ns1.lens.',
    'ns1.lens. 3600 IN A 127.0.0.1',
    dsOf('lens.').trim(),
    'example. 3600 IN NS ns1.lens.',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'root.db'), root);
  sign(dir, '.', 'root.db');
  zones.push({ origin: '.', file: 'root.db.signed' });

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const z of zones) {
    const name = z.origin === '.' ? 'root' : z.origin.slice(0, -1);
    mkdirSync(join(OUT, name), { recursive: true });
    writeFileSync(join(OUT, name, `${name}.zone`), readFileSync(join(dir, z.file), 'utf8'));
  }
  // The test trust anchor: the DS of the test root's KSK.
  writeFileSync(join(OUT, 'trust-anchor.ds'), dsOf('.'));

  const conf = [
    'controls { };',
    `options { directory "${dir}"; listen-on port ${PORT} { 127.0.0.1; }; listen-on-v6 { none; };`,
    '  recursion no; dnssec-validation no; pid-file none; minimal-responses no; };',
    ...zones.map((z) => `zone "${z.origin}" { type primary; file "${z.file}"; };`),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'named.conf'), conf);
  const named = spawn('named', ['-g', '-4', '-c', join(dir, 'named.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    named.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      if (/\.\d{3} running\s*$/m.test(log)) resolve();
    });
    named.on('exit', (code) => reject(new Error(`named exited ${code}\n${log}`)));
  });
  try {
    const questions = new Set<string>();
    const ask = (name: string, type: string): void => void questions.add(`${name} ${type}`);
    const chainOf = (name: string): void => {
      const labels = name.split('.').filter(Boolean);
      for (let i = 0; i <= labels.length; i++) {
        const n = i === 0 ? '.' : `${labels.slice(labels.length - i).join('.')}.`;
        ask(n, 'DNSKEY');
        if (n !== '.') ask(n, 'DS');
      }
    };
    for (const s of scenarios()) {
      ask(s.qname, s.qtype);
      chainOf(s.qname);
    }
    const responses: Record<string, string> = {};
    for (const q of [...questions].sort()) {
      const [name, type] = q.split(' ') as [string, string];
      responses[q] = Buffer.from(await query(name, type)).toString('base64');
    }
    writeFileSync(
      join(OUT, 'responses.json'),
      JSON.stringify({ port: PORT, responses }, null, 1) + '\n',
    );
    writeFileSync(join(OUT, 'scenarios.json'), JSON.stringify(scenarios(), null, 1) + '\n');
  } finally {
    named.kill('SIGTERM');
  }
  rmSync(dir, { recursive: true, force: true });
  execFileSync('npx', [
    'prettier',
    '--write',
    join(OUT, 'responses.json'),
    join(OUT, 'scenarios.json'),
  ]);
  console.log(`wrote ${readdirSync(OUT).length} entries to ${OUT}`);
}

export interface Scenario {
  readonly id: string;
  readonly qname: string;
  readonly qtype: string;
  readonly status: 'secure' | 'insecure';
  readonly kind?: string;
  readonly reason?: string;
}

/** What each case zone answers, and what a validator must conclude. */
export function scenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (const c of CASES) {
    const o = `${c.id}.lens.`;
    const optOut = c.nsec3?.includes('-A') ?? false;
    const add = (
      id: string,
      qname: string,
      qtype: string,
      status: Scenario['status'],
      kind?: string,
      reason?: string,
    ): void =>
      void out.push({
        id: `${c.id}/${id}`,
        qname,
        qtype,
        status,
        ...(kind ? { kind } : {}),
        ...(reason ? { reason } : {}),
      });
    add('www-a', `www.${o}`, 'A', 'secure', 'positive');
    add('apex-mx', o, 'MX', 'secure', 'positive');
    add('apex-dnskey', o, 'DNSKEY', 'secure', 'positive');
    add('ds-at-parent', o, 'DS', 'secure', 'positive');
    add('nxdomain', `nx.${o}`, 'A', 'secure', 'nxdomain');
    add('nodata', `www.${o}`, 'AAAA', 'secure', 'nodata');
    add('wildcard', `x.wild.${o}`, 'A', 'secure', 'wildcard');
    add('wildcard-nodata', `x.wild.${o}`, 'AAAA', 'secure', 'wildcard-nodata');
    add('cname', `cname.${o}`, 'A', 'secure', 'positive');
    add('cross-zone-cname', `alias.${o}`, 'A', 'secure', 'positive');
    add('dname', `www.dn.${o}`, 'A', 'secure', 'positive');
    add('empty-non-terminal', `b.${o}`, 'A', 'secure', 'nodata');
    add('unsigned-delegation', `www.deleg.${o}`, 'A', 'insecure', undefined, 'no-ds');
    add(
      'unsigned-delegation-ds',
      `deleg.${o}`,
      'DS',
      optOut ? 'insecure' : 'secure',
      'nodata',
      optOut ? 'nsec3-opt-out' : undefined,
    );
  }
  out.push({
    id: 'lens/unsigned-tld-child',
    qname: 'www.unsigned.lens.',
    qtype: 'A',
    status: 'insecure',
    reason: 'no-ds',
  });
  out.push({
    id: 'root/nxdomain-tld',
    qname: 'nosuchtld.',
    qtype: 'A',
    status: 'secure',
    kind: 'nxdomain',
  });
  out.push({
    id: 'lens/nxdomain',
    qname: 'nosuch.lens.',
    qtype: 'A',
    status: 'secure',
    kind: 'nxdomain',
  });
  return out;
}

if (process.argv[1]?.endsWith('make-vectors.ts')) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
