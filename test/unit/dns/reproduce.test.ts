import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../src/dns/message';
import { curlCommand, digCommand, shellQuote } from '../../../src/dns/reproduce';

describe('digCommand', () => {
  it.each([
    [
      { resolver: 'https://dns.google/dns-query', name: 'example.com.', type: 'A', cd: true },
      'dig @dns.google +https-get=/dns-query example.com. A +dnssec +cd',
    ],
    [
      { resolver: 'https://cloudflare-dns.com/dns-query', name: 'example.com.', type: 'DNSKEY' },
      'dig @cloudflare-dns.com +https-get=/dns-query example.com. DNSKEY +dnssec',
    ],
    [
      {
        resolver: 'https://doh.example:8443/q?x=1',
        name: '_dmarc.example.com.',
        type: 'TXT',
        do: false,
      },
      "dig @doh.example -p 8443 '+https-get=/q?x=1' _dmarc.example.com. TXT",
    ],
    [
      { resolver: 'http://127.0.0.1:8053/dns-query', name: 'bogus.lab.', type: 'A', cd: false },
      'dig @127.0.0.1 -p 8053 +http-plain-get=/dns-query bogus.lab. A +dnssec',
    ],
    [
      { resolver: 'http://[::1]:8053/dns-query', name: '*.example.com.', type: 'A' },
      "dig @::1 -p 8053 +http-plain-get=/dns-query '*.example.com.' A +dnssec",
    ],
  ])('%o', (options, command) => {
    expect(digCommand(options)).toBe(command);
  });
});

describe('curlCommand', () => {
  it('sends the same query bytes with a GET and pipes them to a decoder', () => {
    const command = curlCommand({
      resolver: 'https://dns.google/dns-query',
      name: 'example.com.',
      type: 'A',
      cd: true,
    });
    expect(command).toBe(
      "curl -sS -H 'accept: application/dns-message' " +
        "'https://dns.google/dns-query?dns=AAABEAABAAAAAAABB2V4YW1wbGUDY29tAAABAAEAACkE0AAAgAAAAA' | " +
        "python3 -c 'import sys, dns.message; print(dns.message.from_wire(sys.stdin.buffer.read()))'",
    );
    const dns = /dns=([A-Za-z0-9_-]+)/.exec(command)?.[1] ?? '';
    const r = decodeMessage(Uint8Array.from(Buffer.from(dns, 'base64url')));
    expect(r.ok && [r.message.id, r.message.flags.cd, r.message.opt?.dnssecOk]).toEqual([
      0,
      true,
      true,
    ]);
  });

  it('appends to an existing query string', () => {
    expect(curlCommand({ resolver: 'https://doh.example/q?x=1', name: 'a.', type: 'A' })).toContain(
      "'https://doh.example/q?x=1&dns=",
    );
  });
});

describe('shellQuote', () => {
  it.each([
    ['example.com.', 'example.com.'],
    ['', "''"],
    ['*.example.com.', "'*.example.com.'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['a b', "'a b'"],
  ])('%s → %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });

  it('round-trips through a real POSIX shell', () => {
    for (const word of ["it's", '$(echo x)', '`x`', 'a\nb', '"q"', '\\', '*']) {
      const echoed = execFileSync('/bin/sh', ['-c', `printf '%s' ${shellQuote(word)}`]).toString();
      expect(echoed).toBe(word);
    }
  });
});
