import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../src/dns/message';
import {
  commandName,
  curlCommand,
  digCommand,
  digOverDoh,
  shellQuote,
} from '../../../src/dns/shell-command';
import { nameFromText, namesEqual, nameToText } from '../../../src/dns/wire/name';

describe('digOverDoh', () => {
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
      "dig @::1 -p 8053 +http-plain-get=/dns-query '\\*.example.com.' A +dnssec",
    ],
    [
      { resolver: 'https://dns.example/dns-query', name: '$(id).example.', type: 'TYPE65534' },
      "dig @dns.example +https-get=/dns-query '\\$\\(id\\).example.' TYPE65534 +dnssec",
    ],
    [
      { resolver: "https://x'$(id)/p a\u202E", name: 'a.', type: '-fpasswd' },
      "dig '@x\\'\\''\\$\\(id\\).' +https-get=/p%20a%E2%80%AE a. -t -fpasswd +dnssec",
    ],
  ])('%o', (options, command) => {
    expect(digOverDoh(options)).toBe(command);
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
    const dns = /dns=([A-Za-z0-9_-]+)/.exec(command ?? '')?.[1] ?? '';
    const r = decodeMessage(Uint8Array.from(Buffer.from(dns, 'base64url')));
    expect(r.ok && [r.message.id, r.message.flags.cd, r.message.opt?.dnssecOk]).toEqual([
      0,
      true,
      true,
    ]);
  });

  it('gives no command for a question the app cannot encode (only a link carries one)', () => {
    const resolver = 'https://dns.google/dns-query';
    expect(curlCommand({ resolver, name: 'a\\$b.example.', type: 'A' })).toBeUndefined();
    expect(curlCommand({ resolver, name: 'example.', type: 'NOSUCHTYPE' })).toBeUndefined();
  });

  it('percent-encodes what a URL from a link may carry beyond printable ASCII', () => {
    const command = curlCommand({ resolver: "https://x/q'\n\u202E", name: 'a.', type: 'A' });
    expect(command).toMatch(
      /^curl -sS -H 'accept: application\/dns-message' 'https:\/\/x\/q'\\''%0A%E2%80%AE\?dns=/,
    );
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

describe('shellQuote refuses NUL', () => {
  it('throws rather than let a shell cut the word short', () => {
    expect(() => shellQuote('a\0b')).toThrow(RangeError);
  });
});

describe('commandName', () => {
  it.each([
    ['a plain name', 'www.example.com.', 'www.example.com.'],
    ['the root', '.', '.'],
    ['a relative name, made absolute', 'example.com', 'example.com.'],
    ['underscores, hyphens', '_dmarc.my-host.example.', '_dmarc.my-host.example.'],
    ['a wildcard', '*.example.', '\\*.example.'],
    ['a backtick and $( )', 'a`b$(c).example.', 'a\\`b\\$\\(c\\).example.'],
    ['; | & < >', 'a;b|c&d<e>f.', 'a\\;b\\|c\\&d\\<e\\>f.'],
    ['quotes and a backslash', `q'"\\\\.`, `q\\'\\"\\\\.`],
    ['globs, braces, ~ # ! ^', '?[x]{y}~#!^.', '\\?\\[x\\]\\{y\\}\\~\\#\\!\\^.'],
    ['an escaped dot and space kept', 'a\\.b\\032c.', 'a\\.b\\032c.'],
    ['a leading hyphen (dig option)', '-f.example.', '\\-f.example.'],
    ['a leading plus (dig option)', '+trace.example.', '\\+trace.example.'],
    ['an inner hyphen stays', 'a.-b.example.', 'a.-b.example.'],
    ['a leading @ (dig server)', '@evil.example.', '\\@evil.example.'],
    ['control octets', 'a\\010b\\000.', 'a\\010b\\000.'],
    ['raw Unicode (not presentation)', 'bidi\u202E.evil', 'bidi\\226\\128\\174.evil.'],
    ['raw line break (not presentation)', 'a\nb.', 'a\\010b.'],
  ])('%s', (_, text, shown) => {
    expect(commandName(text)).toBe(shown);
  });

  it('writes every name as one printable ASCII word that reads back as the same name', () => {
    const label = fc.uint8Array({ minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 5 }), (labels) => {
        const text = commandName(nameToText(labels));
        // Printable ASCII, one word; outside letters, digits and `._+=%,/:-` only escapes.
        expect(text).toMatch(/^[!-~]+$/);
        expect(text.replace(/\\([0-9]{3}|[!-~])/g, '')).toMatch(/^[A-Za-z0-9._+=%,/:-]*$/);
        expect(text).not.toMatch(/^[-+@]/);
        const back = nameFromText(text);
        expect(back.ok && namesEqual(back.value, labels)).toBe(true);
        expect(back.ok && back.value.map((l) => [...l])).toEqual(labels.map((l) => [...l]));
      }),
      { seed: 7, numRuns: 1000 },
    );
  });
});

describe('digCommand', () => {
  const zone = 'lame.example.';
  it.each([
    [
      'a server by address',
      {
        server: { kind: 'address', address: '192.0.2.53' },
        name: zone,
        type: 'SOA',
        flags: ['+norec'],
      },
      'dig @192.0.2.53 lame.example. SOA +norec',
    ],
    [
      'an IPv6 address, written canonically',
      { server: { kind: 'address', address: '2001:DB8:0::53' }, name: zone, type: 'SOA' },
      'dig @2001:db8::53 lame.example. SOA',
    ],
    [
      'an "address" that is none: taken as a name',
      { server: { kind: 'address', address: '192.0.2.1;id' }, name: zone, type: 'SOA' },
      "dig '@192.0.2.1\\;id.' lame.example. SOA",
    ],
    [
      'a server by name',
      { server: { kind: 'host', host: 'ns`id`.evil.' }, name: zone, type: 'NS', flags: ['+norec'] },
      "dig '@ns\\`id\\`.evil.' lame.example. NS +norec",
    ],
    [
      'a placeholder',
      { server: { kind: 'placeholder' }, name: zone, type: 'SOA', flags: ['+norec'] },
      'dig @NAMESERVER lame.example. SOA +norec',
    ],
    [
      'a trace',
      { name: 'www.example.', type: 'AAAA', flags: ['+trace'] },
      'dig www.example. AAAA +trace',
    ],
    ['a lookup', { name: 'ns1.gone.example.', type: 'A' }, 'dig ns1.gone.example. A'],
    ['a type in lower case', { name: 'x.', type: 'dnskey' }, 'dig x. DNSKEY'],
    ['a type that is none', { name: 'x.', type: '$(id)\n' }, "dig x. -t '\\$\\(id\\)\\010'"],
  ] as const)('%s', (_, query, command) => {
    expect(digCommand(query)).toBe(command);
  });
});

// The real dig (BIND 9.18, installed with the lab) reads each escaped name as the same name:
// it prints the question it would send (+qr) before finding port 9 closed.
describe.skipIf(!existsSync('/usr/bin/dig'))('the real dig reads the names', () => {
  it('as the same octets', () => {
    const names = [
      ['`touch${IFS}x`', 'evil', 'lab'],
      ['a;b|c&d<e>f', 'q\'"\\', 'lab'],
      ['-fpasswd', 'a\nb c', 'lab'],
      ['*?[x]{y}~#!^@', 'bidi\u202E', 'lab'],
    ].map((labels) => labels.map((l) => new TextEncoder().encode(l)));
    const args = names.flatMap((n) => [commandName(nameToText(n)), 'A']);
    // dig exits 9 (no reply); what it printed before is what counts.
    const out = spawnSync(
      '/usr/bin/dig',
      ['+qr', '+tries=1', '+timeout=1', '@127.0.0.1', '-p', '9', ...args],
      { timeout: 20_000 },
    ).stdout.toString();
    const asked = [...out.matchAll(/^;; QUESTION SECTION:\n;(\S+)\s+IN\s+A$/gm)].map((m) => m[1]!);
    expect(asked).toHaveLength(names.length);
    const read = asked.map((text) => nameFromText(text));
    for (const [i, r] of read.entries()) {
      expect(r.ok && r.value.map((l) => [...l])).toEqual(names[i]!.map((l) => [...l]));
    }
  });
});
