import { describe, expect, it } from 'vitest';
import { normalizeInput } from '../../../src/dns/input';

interface Accepted {
  readonly input: string;
  readonly name: string;
  readonly display?: string;
  readonly notes?: readonly string[];
}

const ACCEPTED: readonly Accepted[] = [
  { input: 'example.com', name: 'example.com.' },
  { input: '  Example.COM.  ', name: 'example.com.', display: 'example.com' },
  { input: '\texample.com\n', name: 'example.com.' },
  {
    input: 'https://www.Example.com/path?q=1#frag',
    name: 'www.example.com.',
    notes: ['took the host from a URL'],
  },
  {
    input: 'https://user:secret@www.example.com:8443/x',
    name: 'www.example.com.',
    display: 'www.example.com',
    notes: ['took the host from a URL'],
  },
  {
    input: 'ftp://files.example.net',
    name: 'files.example.net.',
    notes: ['took the host from a URL'],
  },
  {
    input: 'alice@Example.org',
    name: 'example.org.',
    notes: ['took the domain from an e-mail address'],
  },
  {
    input: 'mailto:alice@example.org?subject=hi',
    name: 'example.org.',
    notes: ['took the domain from an e-mail address'],
  },
  {
    input: '<alice@example.org>',
    name: 'example.org.',
    notes: ['took the domain from an e-mail address'],
  },
  { input: 'example.com:8080', name: 'example.com.', notes: ['ignored the port :8080'] },
  {
    input: 'example.com/some/path',
    name: 'example.com.',
    notes: ['ignored the path after the name'],
  },
  { input: '_dmarc.example.com', name: '_dmarc.example.com.' },
  { input: '_443._tcp.mail.example.com', name: '_443._tcp.mail.example.com.' },
  { input: '*.example.com', name: '*.example.com.' },
  { input: 'a-b--c.example', name: 'a-b--c.example.' },
  { input: '.', name: '.', display: '.' },
  { input: 'com', name: 'com.' },
  {
    input: 'bücher.example',
    name: 'xn--bcher-kva.example.',
    display: 'bücher.example',
    notes: ['asked as xn--bcher-kva.example (the A-label form of the Unicode name)'],
  },
  {
    input: 'BÜCHER.Example',
    name: 'xn--bcher-kva.example.',
    display: 'bücher.example',
    notes: ['asked as xn--bcher-kva.example (the A-label form of the Unicode name)'],
  },
  {
    // NFD input (u + combining diaeresis) is normalised to NFC first.
    input: 'bu\u0308cher.example',
    name: 'xn--bcher-kva.example.',
    display: 'bücher.example',
    notes: ['asked as xn--bcher-kva.example (the A-label form of the Unicode name)'],
  },
  { input: 'xn--bcher-kva.example', name: 'xn--bcher-kva.example.', display: 'bücher.example' },
  {
    input: 'münchen。de',
    name: 'xn--mnchen-3ya.de.',
    display: 'münchen.de',
    notes: ['asked as xn--mnchen-3ya.de (the A-label form of the Unicode name)'],
  },
  {
    input: 'https://bücher.example/',
    name: 'xn--bcher-kva.example.',
    display: 'bücher.example',
    notes: [
      'took the host from a URL',
      'asked as xn--bcher-kva.example (the A-label form of the Unicode name)',
    ],
  },
  {
    input: 'xn--abc.example',
    name: 'xn--abc.example.',
    display: 'xn--abc.example',
    notes: ['"xn--abc" is not a valid A-label; it is asked as typed'],
  },
  { input: `${'a'.repeat(63)}.example`, name: `${'a'.repeat(63)}.example.` },
  {
    // 253 characters: the longest name that fits in 255 wire octets.
    input: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
    name: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}.`,
  },
];

/** 30 different CJK characters: 30 characters of Unicode, 91 as an A-label. */
const CJK30 = Array.from({ length: 30 }, (_, i) => String.fromCodePoint(0x4e00 + i * 211)).join('');

interface Rejected {
  readonly input: string;
  readonly message: string;
  readonly suggestion?: string;
  readonly suggestionType?: string;
}

const REJECTED: readonly Rejected[] = [
  { input: '', message: 'Enter a domain name, for example example.com.' },
  { input: '    ', message: 'Enter a domain name, for example example.com.' },
  { input: 'a..b', message: '"a..b" has an empty label (two dots in a row).' },
  { input: 'example.com..', message: '"example.com.." has an empty label (two dots in a row).' },
  {
    input: '.example.com',
    message: '".example.com" starts with a dot, which leaves an empty label.',
  },
  {
    input: `${'a'.repeat(64)}.com`,
    message: `The label "${'a'.repeat(64)}" is 64 characters long; a DNS label can have at most 63.`,
  },
  {
    input: `${CJK30}.com`,
    message: `The label "${CJK30}" is 91 characters long as an A-label (xn--4gqxtzttzf4agzbh4bi9bj0ck4cl8cmvdnydo4dp7dqqerwesyet4eu6evqfwwfxxfy3fz9f0mg1sg2yg3yg44g); a DNS label can have at most 63.`,
  },
  {
    input: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
    message:
      'The name is 254 characters long; a DNS name can have at most 253 (255 octets on the wire).',
  },
  {
    input: 'exa mple.com',
    message:
      '"exa mple.com" contains a space (in the label "exa mple"), which a domain name cannot contain. Use letters, digits, hyphens and underscores.',
  },
  {
    input: 'example.com A',
    message:
      '"example.com A" contains a space (in the label "com a"), which a domain name cannot contain. Use letters, digits, hyphens and underscores.',
  },
  {
    input: 'ex!ample.com',
    message:
      '"ex!ample.com" contains "!" (in the label "ex!ample"), which a domain name cannot contain. Use letters, digits, hyphens and underscores.',
  },
  {
    input: 'example,com',
    message:
      '"example,com" contains ",", which a domain name cannot contain. Use letters, digits, hyphens and underscores.',
  },
  {
    input: 'example.com\u200b',
    message:
      '"example.com\u200b" contains an invisible character (U+200B) (in the label "com\u200b"), which a domain name cannot contain. Use letters, digits, hyphens and underscores.',
  },
  {
    input: 'foo*.example.com',
    message:
      '"foo*.example.com" contains "*" (in the label "foo*"), which a domain name cannot contain except as a whole leftmost label (a wildcard). Use letters, digits, hyphens and underscores.',
  },
  {
    input: 'www.*.example.com',
    message:
      '"www.*.example.com" contains "*" (in the label "*"), which a domain name cannot contain except as a whole leftmost label (a wildcard). Use letters, digits, hyphens and underscores.',
  },
  {
    input: '192.0.2.1',
    message:
      '192.0.2.1 is an IPv4 address, not a domain name. Its reverse name is 1.2.0.192.in-addr.arpa (PTR).',
    suggestion: '1.2.0.192.in-addr.arpa',
    suggestionType: 'PTR',
  },
  {
    input: ' 8.8.8.8. ',
    message:
      '8.8.8.8 is an IPv4 address, not a domain name. Its reverse name is 8.8.8.8.in-addr.arpa (PTR).',
    suggestion: '8.8.8.8.in-addr.arpa',
    suggestionType: 'PTR',
  },
  {
    input: '2001:db8::1',
    message:
      '2001:db8::1 is an IPv6 address, not a domain name. Its reverse name is 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa (PTR).',
    suggestion: '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    suggestionType: 'PTR',
  },
  {
    input: 'http://[::1]:8053/dns-query',
    message:
      '::1 is an IPv6 address, not a domain name. Its reverse name is 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa (PTR).',
    suggestion: '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa',
    suggestionType: 'PTR',
  },
  {
    input: 'fe80::1%eth0',
    message:
      'fe80::1%eth0 is an IPv6 address, not a domain name. Its reverse name is 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa (PTR).',
    suggestion: '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa',
    suggestionType: 'PTR',
  },
  { input: 'https://', message: 'The URL has no host name.' },
  { input: 'https://:443/x', message: 'The URL has no host name.' },
  { input: 'alice@', message: 'The e-mail address has no domain after the @.' },
  {
    input: '/just/a/path',
    message:
      '"/just/a/path" contains "/", which a domain name cannot contain. Use letters, digits, hyphens and underscores.',
  },
];

describe('normalizeInput accepts names in the forms people paste', () => {
  it.each(ACCEPTED)('$input', ({ input, name, display, notes }) => {
    const r = normalizeInput(input);
    expect(r).toEqual({
      ok: true,
      name,
      display: display ?? (name === '.' ? '.' : name.slice(0, -1)),
      notes: notes ?? [],
    });
  });
});

describe('normalizeInput rejects what is not a name, and says why', () => {
  it.each(REJECTED)('$input', ({ input, message, suggestion, suggestionType }) => {
    const expected =
      suggestion === undefined
        ? { ok: false, message }
        : { ok: false, message, suggestion, suggestionType };
    expect(normalizeInput(input)).toEqual(expected);
  });
});
