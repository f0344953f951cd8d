import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage, readName } from '../../../src/dns/wire/message';
import { nameToText } from '../../../src/dns/wire/name';
import { recordToText } from '../../../src/dns/rdata';
import { WIRE_ERROR_CODES } from '../../../src/dns/wire/result';
import { responses, SIGNED_DIR } from '../../vectors/helpers/signed-evidence';
import { prng, randomBytes } from '../../helpers/prng';

const header = [0x12, 0x34, 0x81, 0x00, 0, 1, 0, 1, 0, 0, 0, 0];

describe('wire messages', () => {
  it('parses a compressed response and expands names inside RDATA (RFC 3597 §4)', () => {
    // Question www.ex. A; answer: pointer to the question name, CNAME → pointer again.
    const msg = Uint8Array.from([
      ...header,
      3,
      119,
      119,
      119,
      2,
      101,
      120,
      0,
      0,
      1,
      0,
      1,
      0xc0,
      12,
      0,
      5,
      0,
      1,
      0,
      0,
      14,
      16,
      0,
      6,
      3,
      102,
      111,
      111,
      0xc0,
      16,
    ]);
    const r = parseMessage(msg);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.answer).toHaveLength(1);
    expect(recordToText(r.value.answer[0]!)).toBe('www.ex. 3600 IN CNAME foo.ex.');
    expect([...r.value.answer[0]!.rdata]).toEqual([3, 102, 111, 111, 2, 101, 120, 0]);
  });

  it('rejects pointer loops and forward pointers', () => {
    expect(readName(Uint8Array.from([0xc0, 0]), 0)).toMatchObject({
      ok: false,
      error: { code: 'bad-pointer' },
    });
    expect(readName(Uint8Array.from([1, 97, 0xc0, 0]), 0)).toMatchObject({
      ok: false,
      error: { code: 'bad-pointer' },
    });
    expect(readName(Uint8Array.from([0xc0, 5, 0, 0, 0, 0]), 0)).toMatchObject({
      ok: false,
      error: { code: 'bad-pointer' },
    });
  });

  it('rejects extended label types and over-long names', () => {
    expect(readName(Uint8Array.from([0x41, 0]), 0)).toMatchObject({
      ok: false,
      error: { code: 'bad-label-type' },
    });
    const long = new Uint8Array(300);
    for (let i = 0; i < 290; i += 2) [long[i], long[i + 1]] = [1, 97];
    expect(readName(long, 0)).toMatchObject({ ok: false, error: { code: 'name-too-long' } });
  });

  it('parses every recorded vector response', () => {
    for (const [q, m] of responses) {
      expect(nameToText(m.question[0]!.name).toLowerCase(), q).toBe(q.split(' ')[0]!.toLowerCase());
    }
  });

  it('never throws on random bytes: a message or a typed error', () => {
    const rand = prng(4);
    for (let i = 0; i < 3000; i++) {
      const bytes = randomBytes(rand, Math.floor(rand() * 200));
      if (bytes.length > 12 && rand() < 0.5) bytes.set(header.slice(0, 4), 0);
      const r = parseMessage(bytes);
      if (!r.ok) expect(WIRE_ERROR_CODES).toContain(r.error.code);
    }
  });

  it('never throws on truncated or corrupted real responses', () => {
    const rand = prng(7);
    let errors = 0;
    for (const b64 of rawResponses().slice(0, 60)) {
      const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
      for (let cut = 0; cut < bytes.length; cut += 7) {
        const r = parseMessage(bytes.subarray(0, cut));
        if (!r.ok) errors++;
      }
      for (let k = 0; k < 30; k++) {
        const copy = bytes.slice();
        copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
        const r = parseMessage(copy);
        if (r.ok) r.value.answer.forEach(recordToText);
        else expect(WIRE_ERROR_CODES).toContain(r.error.code);
      }
    }
    expect(errors).toBeGreaterThan(0);
  });
});

function rawResponses(): string[] {
  const raw = JSON.parse(readFileSync(join(SIGNED_DIR, 'responses.json'), 'utf8')) as {
    responses: Record<string, string>;
  };
  return Object.values(raw.responses);
}
