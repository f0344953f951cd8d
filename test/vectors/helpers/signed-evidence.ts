/**
 * Loads the BIND-signed vectors (test/vectors/signed, made by scripts/make-vectors.ts) and
 * turns them into validator input the way the collector will: the target response, plus
 * the DS and DNSKEY responses collected for names on the way down.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessage, readName, type Message } from '../../../src/dns/wire/message';
import { nameToText } from '../../../src/dns/wire/name';
import type { ResourceRecord } from '../../../src/dns/wire/record';
import { parseTrustAnchors, type TrustAnchors } from '../../../src/dnssec/anchors/trust-anchors';
import type { ZoneMaterial } from '../../../src/dnssec/chain';
import type { ValidationInput } from '../../../src/dnssec/validate';

export const SIGNED_DIR = join(import.meta.dirname, '..', 'signed');

/** 2027-01-01T00:00:00Z, inside the 2026–2036 validity window of the signed zones. */
export const SIGNED_NOW = Date.UTC(2027, 0, 1) / 1000;

export interface Scenario {
  readonly id: string;
  readonly qname: string;
  readonly qtype: string;
  readonly status: 'secure' | 'insecure' | 'bogus' | 'indeterminate';
  readonly kind?: string;
  readonly reason?: string;
}

export const scenarios: readonly Scenario[] = JSON.parse(
  readFileSync(join(SIGNED_DIR, 'scenarios.json'), 'utf8'),
) as Scenario[];

function load(): ReadonlyMap<string, Message> {
  const raw = JSON.parse(readFileSync(join(SIGNED_DIR, 'responses.json'), 'utf8')) as {
    responses: Record<string, string>;
  };
  const out = new Map<string, Message>();
  for (const [q, b64] of Object.entries(raw.responses)) {
    const m = parseMessage(new Uint8Array(Buffer.from(b64, 'base64')));
    if (!m.ok) throw new Error(`vector ${q}: ${m.error.message}`);
    out.set(q, m.value);
  }
  return out;
}

/** Every recorded response, keyed `"<name> <TYPE>"`. */
export const responses = load();

export function trustAnchors(): TrustAnchors {
  const r = parseTrustAnchors(readFileSync(join(SIGNED_DIR, 'trust-anchor.ds'), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function sectionsOf(m: Message): readonly ResourceRecord[] {
  return [...m.answer, ...m.authority];
}

/** All DS/DNSKEY responses as zone material (the validator uses what it needs). */
export function allMaterial(
  pool: ReadonlyMap<string, Message> = responses,
): readonly ZoneMaterial[] {
  const names = new Set<string>();
  for (const k of pool.keys()) {
    const [name, type] = k.split(' ');
    if (type === 'DS' || type === 'DNSKEY') names.add(name!);
  }
  return [...names].map((name) => {
    const ds = pool.get(`${name} DS`);
    const dnskey = pool.get(`${name} DNSKEY`);
    return {
      name,
      ...(ds ? { ds: sectionsOf(ds) } : {}),
      ...(dnskey ? { dnskey: sectionsOf(dnskey) } : {}),
    };
  });
}

/**
 * An authoritative server stops a CNAME chain at its zone's edge; a recursive resolver (what
 * the collector talks to) follows it. Append the recorded responses for the targets.
 */
function followChain(
  first: Message,
  qtype: string,
  pool: ReadonlyMap<string, Message>,
): readonly ResourceRecord[] {
  const records = [...sectionsOf(first)];
  let current = first;
  for (let i = 0; i < 8; i++) {
    const cname = current.answer.filter((rr) => rr.type === 5).at(-1);
    if (!cname) break;
    const next = readName(cname.rdata, 0);
    if (!next.ok) break;
    const following = pool.get(`${nameToText(next.value.name)} ${qtype}`);
    if (
      !following ||
      following.answer.some(
        (rr) =>
          rr.type === 5 &&
          records.some((r) => r.type === 5 && nameToText(r.owner) === nameToText(rr.owner)),
      )
    )
      break;
    records.push(...sectionsOf(following));
    current = following;
  }
  return records;
}

export function inputFor(
  s: Pick<Scenario, 'qname' | 'qtype'>,
  pool: ReadonlyMap<string, Message> = responses,
  now = SIGNED_NOW,
): ValidationInput {
  const target = pool.get(`${s.qname} ${s.qtype}`);
  if (!target) throw new Error(`no recorded response for ${s.qname} ${s.qtype}`);
  return {
    qname: s.qname,
    qtype: s.qtype,
    answer: followChain(target, s.qtype, pool),
    rcode: target.header.rcode,
    zones: allMaterial(pool),
    trustAnchors: trustAnchors(),
    now,
  };
}
