/**
 * Looking at a changeable zone from outside, for the changes' tests: what a resolver or an
 * authoritative server answers, decoded, with the key tags (RFC 4034 Appendix B) of the DS
 * set, of the DNSKEY set and of the keys that sign the DNSKEY set.
 */
import { keyTag } from '../../src/dnssec/key-tag';
import { forwardQuery } from './doh-forward';
import { AUTH_PORT, authServer, RESOLVER_HOST } from './topology';
import { buildQuery, decodeMessage, summarizeAnswer, type DecodedMessage } from './wire';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Seen {
  readonly message: DecodedMessage;
  readonly ede: readonly number[];
}

async function askAt(host: string, port: number, qname: string, qtype: string, cd: boolean) {
  const bytes = await forwardQuery({ host, port }, buildQuery({ qname, qtype, cd }), 5000);
  return { message: decodeMessage(bytes), ede: summarizeAnswer(bytes).ede.map((e) => e.code) };
}

/** One question to a lab resolver on 127.0.0.1 over UDP (TCP when truncated), DO=1. */
export function askResolver(port: number, qname: string, qtype: string, cd = false): Promise<Seen> {
  return askAt(RESOLVER_HOST, port, qname, qtype, cd);
}

/** One question to an authoritative server of the lab (`tld`: 127.53.0.2, `child`: .3). */
export function askAuthority(server: 'tld' | 'child', qname: string, qtype: string): Promise<Seen> {
  return askAt(authServer(server).address, AUTH_PORT, qname, qtype, false);
}

/** `NOERROR, AD`, `NOERROR` or the rcode: the grain the changes are described in. */
export function outcome(seen: Seen): string {
  const { rcode, ad } = seen.message;
  return rcode === 'NOERROR' && ad ? 'NOERROR, AD' : rcode;
}

const sorted = (tags: readonly number[]): number[] => [...tags].sort((a, b) => a - b);

/** Key tags of the DS records in the answer. */
export function dsTags(seen: Seen): number[] {
  return sorted(
    seen.message.answers
      .filter((record) => record.type === 'DS')
      .map((record) => Number(record.data.split(' ')[0])),
  );
}

/** `<flags> 3 <alg> <base64>` (wire.ts) → the DNSKEY RDATA (RFC 4034 §2.1). */
function dnskeyRdata(data: string): Uint8Array {
  const [flags, protocol, algorithm, key] = data.split(' ');
  const publicKey = Buffer.from(key ?? '', 'base64');
  const flagValue = Number(flags);
  return Uint8Array.from([
    flagValue >> 8,
    flagValue & 0xff,
    Number(protocol),
    Number(algorithm),
    ...publicKey,
  ]);
}

/** Key tags of the DNSKEY records in the answer, KSKs (flags 257) and ZSKs apart. */
export function dnskeyTags(seen: Seen): { ksk: number[]; zsk: number[] } {
  const keys = seen.message.answers.filter((record) => record.type === 'DNSKEY');
  const tags = (flags: string) =>
    sorted(
      keys
        .filter((record) => record.data.startsWith(`${flags} `))
        .map((r) => keyTag(dnskeyRdata(r.data))),
    );
  return { ksk: tags('257'), zsk: tags('256') };
}

/** Key tags of the RRSIGs over the given type in the answer. */
export function signerTags(seen: Seen, covered: string): number[] {
  return sorted(
    seen.message.answers
      .filter((record) => record.type === 'RRSIG' && record.data.startsWith(`${covered} `))
      .map((record) => Number(record.data.split(' ')[6])),
  );
}

/** Expiration times (epoch seconds) of the RRSIGs over the given type in the answer. */
export function expirations(seen: Seen, covered: string): number[] {
  return seen.message.answers
    .filter((record) => record.type === 'RRSIG' && record.data.startsWith(`${covered} `))
    .map((record) => Number(record.data.split(' ')[4]));
}

/**
 * Asks until `done` holds of the value, every 250 ms, for at most `limitMs`; returns the
 * value and how long it took, or throws with the last value seen.
 */
export async function until<T>(
  what: string,
  ask: () => Promise<T>,
  done: (value: T) => boolean,
  limitMs: number,
): Promise<{ value: T; afterMs: number }> {
  const started = Date.now();
  for (;;) {
    const value = await ask();
    if (done(value)) return { value, afterMs: Date.now() - started };
    if (Date.now() - started > limitMs) {
      throw new Error(`${what}: still ${JSON.stringify(value)} after ${limitMs} ms`);
    }
    await sleep(250);
  }
}
