import { Buffer } from 'node:buffer';
import { decode } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../src/dns/message';
import { buildQuery } from '../../../src/dns/query';

describe('buildQuery', () => {
  it.each([
    ['example.com.', 'A', false, true, 1],
    ['example.com', 'AAAA', true, true, 28],
    ['_dmarc.example.com.', 'TXT', false, false, 16],
    ['.', 'DNSKEY', true, true, 48],
    ['xn--bcher-kva.example.', 'HTTPS', false, true, 65],
    ['svc.example.', 'SVCB', false, true, 64],
    ['example.', 'TYPE65534', false, true, 65534],
    ['*.example.com.', 'CAA', false, true, 257],
  ])('%s %s cd=%s do=%s round-trips', (name, type, cd, dnssecOk, typeCode) => {
    const bytes = buildQuery({ name, type, cd, do: dnssecOk });
    expect(bytes).toBeInstanceOf(Uint8Array);
    const r = decodeMessage(bytes);
    if (!r.ok) throw new Error(r.error.message);
    const m = r.message;
    // RFC 8484 §4.1: ID 0; a recursive query; CD as asked; one question of class IN.
    expect(m.id).toBe(0);
    expect(m.flags).toEqual({
      qr: false,
      aa: false,
      tc: false,
      rd: true,
      ra: false,
      z: false,
      ad: false,
      cd,
    });
    expect(m.opcodeName).toBe('QUERY');
    expect(m.question).toEqual([
      {
        name: name.endsWith('.') ? name : `${name}.`,
        type,
        typeCode,
        class: 'IN',
        classCode: 1,
      },
    ]);
    expect(m.counts).toEqual({ question: 1, answer: 0, authority: 0, additional: 1 });
    // EDNS(0) with DO as asked and a 1232-octet payload.
    expect(m.opt).toEqual({
      udpPayloadSize: 1232,
      extendedRcode: 0,
      version: 0,
      dnssecOk,
      z: 0,
      options: [],
    });
    expect(m.warnings).toEqual([]);
  });

  it('defaults to DO=1, CD=0, 1232 octets, and is what dns-packet reads back', () => {
    const bytes = buildQuery({ name: 'example.com.', type: 'A' });
    expect(Buffer.from(bytes).toString('hex')).toBe(
      '000001000001000000000001076578616d706c6503636f6d0000010001' + '0000290' + '4d0000080000000',
    );
    const other = decode(Buffer.from(bytes));
    expect(other.id).toBe(0);
    expect(other.flags).toBe(0x0100);
  });

  it('honours another payload size', () => {
    const r = decodeMessage(buildQuery({ name: 'example.com.', type: 'A', payload: 4096 }));
    expect(r.ok && r.message.opt?.udpPayloadSize).toBe(4096);
  });

  it.each([
    ['a..b.', 'A'],
    [`${'a'.repeat(64)}.com.`, 'A'],
    ['ex ample.com.', 'A'],
    ['bücher.example.', 'A'],
    ['esc\\.aped.example.', 'A'],
    ['example.com.', 'NOSUCHTYPE'],
    ['example.com.', 70000],
  ])('throws RangeError for %s %s (a programmer error)', (name, type) => {
    expect(() => buildQuery({ name, type })).toThrow(RangeError);
  });
});
