/**
 * Evidence for the report tests: a small hand-made one, lab-like ones built from the
 * BIND-signed responses in test/vectors/signed (real RRSIG and DNSKEY octets, so link sizes
 * measured on them are honest), and random ones from a seeded generator.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Evidence, Exchange, EvidenceResolver } from '../../../src/evidence/evidence';
import { prng } from '../../helpers/prng';
import { EXCHANGE_PURPOSES, TRANSPORT_ERROR_CLASSES } from '../../../src/evidence/codec';

export { prng };

export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** A NOERROR/SERVFAIL-style header followed by filler, enough for rcode decoding. */
export function header(rcode: number, flags = 0x8180): Uint8Array {
  return Uint8Array.of(0, 0, (flags >> 8) & 0xff, (flags & 0xf0) | rcode, 0, 0, 0, 0, 0, 0, 0, 0);
}

export const GOOGLE: EvidenceResolver = { url: 'https://dns.google/dns-query', label: 'Google' };
export const CLOUDFLARE: EvidenceResolver = {
  url: 'https://cloudflare-dns.com/dns-query',
  label: 'Cloudflare',
};

/** Two resolvers, CD=0 and CD=1 each, one timeout: the smallest interesting evidence. */
export function smallEvidence(): Evidence {
  const base = 1_790_000_000_000;
  const x = (
    i: number,
    resolver: EvidenceResolver,
    cd: boolean,
    extra: Partial<Exchange>,
  ): Exchange => ({
    id: `x${i}`,
    resolver: resolver.url,
    question: { name: 'www.example.com.', type: 'A' },
    cd,
    do: true,
    purpose: 'target',
    wave: 1,
    startedAt: base + i,
    durationMs: 30 + i,
    ...extra,
  });
  const ok = { httpStatus: 200, contentType: 'application/dns-message' };
  return {
    version: 1,
    question: { name: 'www.example.com.', type: 'A' },
    resolvers: [GOOGLE, CLOUDFLARE],
    trustAnchors: [],
    startedAt: base,
    finishedAt: base + 900,
    exchanges: [
      x(0, GOOGLE, false, { ...ok, response: b64(header(2)) }),
      x(1, GOOGLE, true, { ...ok, response: b64(header(0, 0x8190)) }),
      x(2, CLOUDFLARE, false, { ...ok, response: b64(header(2)) }),
      x(3, CLOUDFLARE, true, {
        error: { class: 'timeout', message: 'no answer within 4000 ms' },
      }),
    ],
  };
}

const SIGNED = join(import.meta.dirname, '..', '..', 'vectors', 'signed', 'responses.json');
const recorded = (JSON.parse(readFileSync(SIGNED, 'utf8')) as { responses: Record<string, string> })
  .responses;

/** A recorded response by `"<name> <TYPE>"`, with its header flags replaced. */
function response(key: string, flags?: number): Uint8Array {
  const text = recorded[key];
  if (text === undefined) throw new Error(`no recorded response for ${key}`);
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  if (flags !== undefined) {
    bytes[2] = (flags >> 8) & 0xff;
    bytes[3] = (bytes[3]! & 0x0f) | (flags & 0xf0);
  }
  return bytes;
}

const LAB_RESOLVERS: readonly EvidenceResolver[] = [
  { url: 'http://127.0.0.1:8053/dns-query', label: 'Unbound (lab)' },
  { url: 'http://127.0.0.1:8054/dns-query', label: 'BIND (lab)' },
  { url: 'http://127.0.0.1:8055/dns-query', label: 'Unbound, no validation (lab)' },
  { url: 'http://127.0.0.1:8056/dns-query', label: 'BIND, no validation (lab)' },
  { url: 'https://dns.google/dns-query', label: 'Google' },
  { url: 'https://cloudflare-dns.com/dns-query', label: 'Cloudflare' },
];

/**
 * What the planner asks for `www.<zone>` A in the lab (investigate/plan.ts): the target
 * with CD=0 and CD=1 at six resolvers, DNSKEY and DS of every zone on the way down from the
 * first resolver, then a second wave about neighbouring names, up to `count` exchanges.
 */
export function labEvidence(zone: string, count = 40): Evidence {
  const base = 1_790_000_000_000;
  const target = `www.${zone}`;
  const keys: { key: string; resolver: number; cd: boolean; purpose: Exchange['purpose'] }[] = [];
  LAB_RESOLVERS.forEach((_, r) => {
    keys.push({ key: `${target} A`, resolver: r, cd: false, purpose: 'target' });
    keys.push({ key: `${target} A`, resolver: r, cd: true, purpose: 'target' });
  });
  const labels = target.slice(0, -1).split('.');
  const chain = ['.', ...labels.map((_, i) => `${labels.slice(labels.length - 1 - i).join('.')}.`)];
  for (const name of chain) {
    keys.push({ key: `${name} DNSKEY`, resolver: 0, cd: true, purpose: 'dnskey' });
    if (name !== '.') keys.push({ key: `${name} DS`, resolver: 0, cd: true, purpose: 'ds' });
  }
  const more = Object.keys(recorded).filter((k) => k.endsWith(zone.slice(0, -1) + '. A'));
  for (let i = 0; keys.length < count && more.length > 0; i++) {
    const key = more[i % more.length]!;
    keys.push({ key, resolver: i % LAB_RESOLVERS.length, cd: i % 2 === 1, purpose: 'cname' });
  }
  const exchanges = keys.slice(0, count).map(({ key, resolver, cd, purpose }, i): Exchange => {
    const [name, type] = key.split(' ') as [string, string];
    const validating = resolver !== 2 && resolver !== 3 && !cd;
    return {
      id: `x${i}`,
      resolver: LAB_RESOLVERS[resolver]!.url,
      question: { name, type },
      cd,
      do: true,
      purpose,
      wave: purpose === 'cname' ? 2 : 1,
      startedAt: base + (purpose === 'cname' ? 180 : 2) + (i % 7),
      durationMs: 12 + ((i * 37) % 90),
      httpStatus: 200,
      contentType: 'application/dns-message',
      response: b64(response(key, (validating ? 0x81a0 : 0x8180) | (cd ? 0x10 : 0))),
    };
  });
  return {
    version: 1,
    question: { name: target, type: 'A' },
    resolvers: LAB_RESOLVERS,
    trustAnchors: [readFileSync(join(SIGNED, '..', 'trust-anchor.ds'), 'utf8').trim()],
    startedAt: base,
    finishedAt: base + 420,
    exchanges,
  };
}

/** `count` exchanges whose responses are all different recorded messages (no repeats). */
export function distinctEvidence(count: number): Evidence {
  const base = labEvidence('rsasha256-nsec.lens.', 1);
  const keys = Object.keys(recorded).filter((k) => /rsa|ecdsa|ed/.test(k));
  return {
    ...base,
    exchanges: keys.slice(0, count).map((key, i) => ({
      ...base.exchanges[0]!,
      id: `x${i}`,
      question: { name: key.split(' ')[0]!, type: key.split(' ')[1]! },
      response: b64(response(key)),
    })),
  };
}

/** Random but valid Evidence: every optional field present or not, odd strings included. */
export function randomEvidence(random: () => number): Evidence {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const text = (max: number): string =>
    Array.from({ length: Math.floor(random() * max) }, () =>
      String.fromCodePoint(pick([0x41, 0x7a, 0x3c, 0x60, 0xe9, 0x4e2d, 0x1f600, 0x20, 0x2e])),
    ).join('');
  const resolvers = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => ({
    url: `https://r${i}.example/dns-query?x=${i}`,
    label: text(12),
  }));
  const base = Math.floor(random() * 2e12);
  const exchanges = Array.from({ length: Math.floor(random() * 12) }, (_, i): Exchange => {
    const bytes = Uint8Array.from({ length: Math.floor(random() * 300) }, () =>
      Math.floor(random() * 256),
    );
    return {
      id: `id-${i}-${Math.floor(random() * 1000)}`,
      resolver: pick(resolvers).url,
      question: { name: pick(['.', 'example.', 'a.b.example.', 'x\\032y.example.']), type: 'A' },
      cd: random() < 0.5,
      do: random() < 0.5,
      purpose: pick(EXCHANGE_PURPOSES),
      wave: 1 + Math.floor(random() * 3),
      startedAt: random() < 0.9 ? base + Math.floor(random() * 5000) : base + random(),
      durationMs: Math.floor(random() * 5000),
      ...(random() < 0.7 ? { httpStatus: pick([200, 400, 503]) } : {}),
      ...(random() < 0.6
        ? { contentType: pick(['application/dns-message', 'text/html', '1']) }
        : {}),
      ...(random() < 0.7 ? { response: b64(bytes) } : {}),
      ...(random() < 0.3
        ? { error: { class: pick(TRANSPORT_ERROR_CLASSES), message: text(40) } }
        : {}),
    };
  });
  return {
    version: 1,
    question: { name: 'a.b.example.', type: pick(['A', 'DNSKEY', 'TYPE65534']) },
    resolvers,
    trustAnchors: random() < 0.5 ? [] : [text(50) || 'x'],
    startedAt: base,
    finishedAt: base + Math.floor(random() * 9000),
    exchanges,
  };
}
