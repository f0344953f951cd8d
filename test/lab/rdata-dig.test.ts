/**
 * Our presentation text of RDATA equals BIND's `dig` on the same records. For every record
 * type in the lab recordings (test/fixtures/lab), a few of the recorded owner names are
 * asked again, live, of the lab's BIND resolver over UDP: once with our own query (wire
 * bytes read by src/dns/wire and printed by src/dns/rdata), once with `dig` with the same
 * flags (RD, CD, DO). Both answers come from the same cache, so the records are the same;
 * only TTLs and the order inside an RRset may differ, and neither is compared. Both of
 * dig's styles are checked: `+nosplit` against our one-line text, and dig's default
 * 56-column split of base64 and hex fields against our dig style.
 */
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIG_STYLE, ONE_LINE, rdataToText, type TextStyle } from '../../src/dns/rdata';
import { fromBase64 } from '../../src/dns/wire/encoding';
import { parseMessage, type Message } from '../../src/dns/wire/message';
import { nameToText } from '../../src/dns/wire/name';
import { RRTYPE, typeToText } from '../../src/dns/wire/types';
import { loadLabManifest } from './manifest';
import { buildQuery } from './wire';

const manifest = loadLabManifest();
const resolver =
  manifest.resolvers.find((r) => r.implementation === 'bind') ?? manifest.resolvers[0]!;
const [host, port] = resolver.udp.split(':') as [string, string];

/** Per type, up to three owner names that the recordings hold a record of that type for. */
function recordedQuestions(): readonly { readonly name: string; readonly type: string }[] {
  const owners = new Map<string, Set<string>>();
  for (const file of readdirSync('test/fixtures/lab').filter((f) => f.endsWith('.json'))) {
    const evidence = JSON.parse(readFileSync(join('test/fixtures/lab', file), 'utf8')) as {
      exchanges: readonly { response?: string }[];
    };
    for (const x of evidence.exchanges) {
      const wire = x.response === undefined ? undefined : fromBase64(x.response);
      const m = wire === undefined ? undefined : parseMessage(wire);
      if (!m?.ok) continue;
      for (const rr of [...m.value.answer, ...m.value.authority]) {
        const type = typeToText(rr.type);
        const set = owners.get(type) ?? new Set<string>();
        if (set.size < 3) set.add(nameToText(rr.owner));
        owners.set(type, set);
      }
    }
  }
  return [...owners].flatMap(([type, names]) => [...names].map((name) => ({ name, type })));
}

function ask(name: string, type: string): Promise<Message> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer from ${resolver.udp} for ${name} ${type}`));
    }, 5000);
    socket.on('message', (bytes) => {
      clearTimeout(timer);
      socket.close();
      const m = parseMessage(new Uint8Array(bytes));
      if (m.ok) resolve(m.value);
      else reject(new Error(m.error.message));
    });
    socket.send(buildQuery({ qname: name, qtype: type, cd: true }), Number(port), host);
  });
}

/** `owner TYPE rdata` lines of our reading, sorted: TTLs and RRset order left out. */
function ourLines(m: Message, style: TextStyle): readonly string[] {
  return [...m.answer, ...m.authority]
    .filter((rr) => rr.type !== RRTYPE.OPT)
    .map(
      (rr) =>
        `${nameToText(rr.owner)} ${typeToText(rr.type)} ${rdataToText(rr.type, rr.rdata, style)}`,
    )
    .sort();
}

/** dig's answer and authority lines, TTL and class left out, white space made single. */
function digLines(name: string, type: string, split: boolean): readonly string[] {
  const out = execFileSync(
    'dig',
    [
      `@${host}`,
      '-p',
      port,
      '+cd',
      '+dnssec',
      '+bufsize=1232',
      '+noall',
      '+answer',
      '+authority',
      '+nottlid',
      '+noclass',
      split ? '+split=56' : '+nosplit',
      name,
      type,
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  return out
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith(';'))
    .map((line) => line.trim().split(/\s+/).join(' '))
    .sort();
}

const questions = recordedQuestions();

describe(`RDATA text equals dig's (${resolver.id}, ${resolver.udp})`, () => {
  it('asks about the signed-zone types the recordings hold', () => {
    const types = new Set(questions.map((q) => q.type));
    // The recordings answer A, AAAA, NS, DS and DNSKEY questions; AAAA ones hold no AAAA.
    for (const t of ['A', 'CNAME', 'NS', 'SOA', 'DS', 'DNSKEY', 'RRSIG', 'NSEC', 'NSEC3']) {
      expect(types, t).toContain(t);
    }
  });

  it.each(questions)('$name $type', async ({ name, type }) => {
    const m = await ask(name, type);
    expect(m.header.tc, 'the answer fits in UDP').toBe(false);
    const ours = ourLines(m, ONE_LINE);
    expect(ours.length, 'the lab still has records there').toBeGreaterThan(0);
    // The resolver's cache may expire between the two queries; one retry covers it.
    for (const [style, split] of [
      [ONE_LINE, false],
      [DIG_STYLE, true],
    ] as const) {
      let dig = digLines(name, type, split);
      let mine = ourLines(m, style);
      if (dig.join('\n') !== mine.join('\n')) {
        mine = ourLines(await ask(name, type), style);
        dig = digLines(name, type, split);
      }
      expect(mine).toEqual(dig);
    }
  });
});
