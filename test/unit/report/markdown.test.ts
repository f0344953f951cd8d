/**
 * The Markdown report: what it says (verdict, per-resolver CD=0/CD=1 outcome with EDE, the
 * fix, both links, when and through whom), and that hostile text from the evidence — names,
 * resolver labels, EDE texts, error messages — stays inert: outside code spans no `<`, no
 * link syntax survives unescaped.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence, Exchange } from '../../../src/evidence/evidence';
import { parseEvidence } from '../../../src/evidence/codec';
import {
  codeSpan,
  escapeMarkdown,
  escapeParagraph,
  fencedBlock,
  markdownReport,
  type ReportVerdict,
} from '../../../src/report/markdown';
import { CLOUDFLARE, GOOGLE, b64, smallEvidence } from './evidence-fixtures';

/** A response with one question and an OPT record carrying Extended DNS Errors. */
function responseWithEde(rcode: number, name: string, edes: readonly [number, string][]): string {
  const u16 = (n: number) => [n >> 8, n & 0xff];
  const qname = [
    ...name
      .split('.')
      .filter((l) => l !== '')
      .flatMap((l) => [l.length, ...Buffer.from(l)]),
    0,
  ];
  const options = edes.flatMap(([code, text]) => {
    const data = [...u16(code), ...Buffer.from(text)];
    return [...u16(15), ...u16(data.length), ...data];
  });
  const bytes = [
    ...[0, 0, 0x81, 0x80 | rcode, 0, 1, 0, 0, 0, 0, 0, 1],
    ...qname,
    ...u16(1),
    ...u16(1),
    ...[0, ...u16(41), ...u16(1232), 0, 0, 0x80, 0, ...u16(options.length), ...options],
  ];
  return b64(Uint8Array.from(bytes));
}

const VERDICT: ReportVerdict = {
  id: 'dnssec-bogus',
  reason: 'dnskey-missing',
  summary: 'The DNSSEC chain of trust is broken; validating resolvers refuse the answer.',
  detail: 'The parent publishes a DS for example.com.\n\nThe zone publishes no DNSKEY.',
  fix: 'Publish the DNSKEY that matches the DS, or remove the DS at the registrar.',
};

const LIVE = 'https://lens.example/#/check/www.example.com?type=A';
const LINK = 'https://lens.example/#/evidence/AXyz_-1';

function evidenceWithEde(): Evidence {
  const e = smallEvidence();
  const exchanges: Exchange[] = e.exchanges.map((x) =>
    x.id === 'x0'
      ? {
          ...x,
          response: responseWithEde(2, 'www.example.com', [
            [9, 'no SEP matching the DS found for example.com.'],
          ]),
        }
      : x,
  );
  return { ...e, exchanges };
}

/**
 * The Markdown outside code spans, with backslash-escaped characters removed: what a
 * renderer would interpret (CommonMark §6.1 code spans, §2.4 backslash escapes).
 */
function interpreted(markdown: string): string {
  let out = '';
  for (let i = 0; i < markdown.length;) {
    const c = markdown[i]!;
    if (c === '\\' && i + 1 < markdown.length && /[!-/:-@[-`{-~]/.test(markdown[i + 1]!)) {
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(markdown.slice(i))![0];
      const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
      close.lastIndex = i + run.length;
      const end = close.exec(markdown);
      if (end !== null) {
        i = end.index + run.length;
        continue;
      }
      out += run;
      i += run.length;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

describe('markdownReport', () => {
  const report = markdownReport({
    evidence: evidenceWithEde(),
    verdict: VERDICT,
    liveUrl: LIVE,
    evidenceUrl: LINK,
  });

  it.each([
    ['the title', '# DNS check of `www.example.com.` `A`'],
    ['the verdict', `**${escapeMarkdown(VERDICT.summary)}**`],
    ['the ids', 'Verdict `dnssec-bogus`, reason `dnskey-missing`.'],
    [
      'the detail paragraphs',
      'The parent publishes a DS for example.com.\n\nThe zone publishes no DNSKEY.',
    ],
    ['the fix', '## How to fix it\n\nPublish the DNSKEY that matches the DS'],
    [
      'when and through whom',
      'As observed at 2026-09-21T14:13:20.000Z through Google, Cloudflare.',
    ],
    [
      'Google with EDE',
      '- Google (`https://dns.google/dns-query`): CD=0 SERVFAIL (EDE 9 DNSKEY Missing `no SEP matching the DS found for example.com.`); CD=1 NOERROR',
    ],
    [
      'Cloudflare with a timeout',
      '- Cloudflare (`https://cloudflare-dns.com/dns-query`): CD=0 SERVFAIL; CD=1 timeout (no answer within 4000 ms)',
    ],
    [
      'the size of the evidence',
      '4 DoH exchanges in 1 wave, 0.9 s; validated against the root trust anchors.',
    ],
    ['the live link', `\n${LIVE}\n`],
    ['the evidence link', `\n${LINK}\n`],
  ])('states %s', (_, text) => {
    expect(report).toContain(text);
  });

  it('never contains HTML', () => {
    expect(interpreted(report)).not.toMatch(/[<>]/);
  });

  it('lists the warnings, each one item with its id, after the fix; none: no section', () => {
    const warned = markdownReport({
      evidence: evidenceWithEde(),
      verdict: {
        ...VERDICT,
        warnings: [
          {
            id: 'cds-mismatch',
            text: 'example.com. publishes CDS records (example.com. 300 IN CDS 4711 13 2 AB) for key 4711.',
          },
          // A name from DNS data that tries to start a heading, a link and a second item.
          { id: 'ds-unused', text: '# [x](https://evil.example)\n- forged item <b>' },
        ],
      },
      liveUrl: LIVE,
      evidenceUrl: LINK,
    });
    const section = warned.slice(
      warned.indexOf('## Warnings'),
      warned.indexOf('## What was observed'),
    );
    expect(warned.indexOf('## How to fix it')).toBeLessThan(warned.indexOf('## Warnings'));
    expect(section).toContain(
      '- `cds-mismatch` example.com. publishes CDS records (example.com. 300 IN CDS 4711 13 2 AB) for key 4711.',
    );
    const items = section.split('\n').filter((line) => line.startsWith('- '));
    expect(items).toHaveLength(2);
    // One item: the line break made visible, every marker escaped.
    expect(items[1]).toBe(
      '- `ds-unused` ' + String.raw`\# \[x\](https\://evil.example)\\u000A- forged item \<b\>`,
    );
    expect(interpreted(warned)).not.toMatch(/[<>]/);
    expect(report).not.toContain('## Warnings');
  });

  it('without a verdict and without an evidence link', () => {
    const text = markdownReport({ evidence: smallEvidence(), liveUrl: LIVE, evidenceUrl: null });
    expect(text).toContain('No verdict was computed');
    expect(text).not.toContain('## How to fix it');
    expect(text).toContain('too large for a link: it is attached as a file');
  });

  it('reads the RCODE from the header of a message it cannot decode', () => {
    const e = smallEvidence();
    const broken = { ...e.exchanges[0]!, response: b64(Uint8Array.of(0, 0, 0x81, 0x83, 0, 5)) };
    const text = markdownReport({
      evidence: { ...e, exchanges: [broken] },
      liveUrl: LIVE,
      evidenceUrl: LINK,
    });
    expect(text).toContain('CD=0 NXDOMAIN (malformed message:');
    expect(text).toContain('CD=1 not asked');
  });

  it('says "not asked" for a resolver without target exchanges', () => {
    const e = smallEvidence();
    const text = markdownReport({
      evidence: { ...e, exchanges: e.exchanges.filter((x) => x.resolver === GOOGLE.url) },
      liveUrl: LIVE,
      evidenceUrl: LINK,
    });
    expect(text).toContain(`- Cloudflare (\`${CLOUDFLARE.url}\`): CD=0 not asked; CD=1 not asked`);
  });
});

describe('hostile evidence stays inert', () => {
  const HOSTILE_NAMES = [
    '<img/src=x/onerror=alert(1)>.example.',
    '<script>alert(1)</script>.',
    '`<b>`.example.',
    '``<i>``.`.',
    '[click](javascript:alert(1)).example.',
  ];
  const HOSTILE_TEXTS = [
    '<img src=x onerror=alert(1)>',
    '</code><script>alert(1)</script>',
    '` <b>bold</b> `',
    '[phish](https://evil.example/)',
    '\\<img src=x>',
    '<!-- comment -->',
    'line\nbreak <br>',
  ];

  function hostileEvidence(name: string, text: string): Evidence {
    const e = smallEvidence();
    const value = {
      ...e,
      question: { name, type: 'A' },
      resolvers: [{ ...GOOGLE, label: text.replace(/\n/g, ' ') }, CLOUDFLARE],
      exchanges: e.exchanges.map((x) => ({
        ...x,
        question: { name, type: 'A' },
        ...(x.id === 'x0' ? { response: responseWithEde(2, 'example', [[22, text]]) } : {}),
        ...(x.id === 'x3' ? { error: { class: 'unreachable' as const, message: text } } : {}),
      })),
    };
    const parsed = parseEvidence(value);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.evidence;
  }

  for (const name of HOSTILE_NAMES) {
    for (const text of HOSTILE_TEXTS) {
      it(`${JSON.stringify(name)} with ${JSON.stringify(text)}`, () => {
        const report = markdownReport({
          evidence: hostileEvidence(name, text),
          verdict: { ...VERDICT, summary: text, detail: `${text}\n\n${name}`, fix: text },
          liveUrl: LIVE,
          evidenceUrl: LINK,
        });
        const live = interpreted(report);
        expect(live).not.toMatch(/[<>]/);
        expect(live).not.toMatch(/\]\(/);
        expect(report).toContain(codeSpan(name));
      });
    }
  }
});

describe('the registry in the report', () => {
  it('lists each lookup, with a URL from the evidence kept literal', () => {
    const url =
      'https://rdap.example/domain/x_![pay](https://evil.example/p.png)_[Fix](https://evil.example/fix)';
    const evidence: Evidence = {
      ...smallEvidence(),
      rdap: [
        {
          id: 'r0',
          domain: 'example.com.',
          bootstrap: 'https://data.iana.org/rdap/dns.json',
          url,
          startedAt: 0,
          durationMs: 5,
          httpStatus: 200,
          record: {
            ldhName: 'EXAMPLE.COM',
            status: ['client hold'],
            nameservers: [{ ldhName: 'A.IANA-SERVERS.NET', v4: [], v6: [] }],
            dsData: [],
            events: [],
          },
        },
      ],
    };
    const report = markdownReport({ evidence, liveUrl: LIVE, evidenceUrl: LINK });
    expect(report).toContain(
      `- Registry (RDAP) for \`example.com.\`: status \`client hold\`; nameservers \`A.IANA-SERVERS.NET\`; 0 DS (${codeSpan(url)})`,
    );
    expect(interpreted(report)).not.toMatch(/\]\(/);
  });
});

describe('codeSpan', () => {
  it.each([
    ['plain', 'www.example.com.', '`www.example.com.`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a leading backtick', '`a', '`` `a ``'],
    ['a run of two', 'a``b', '```a``b```'],
    ['a line break, shown', 'a\nb', '`a\\u000Ab`'],
    ['a bidi override, shown', 'a\u202Eb', '`a\\u202Eb`'],
    ['empty', '', '(empty)'],
  ])('%s', (_, text, expected) => {
    expect(codeSpan(text)).toBe(expected);
  });
});

/** Characters that hide or reorder text, or break a line (what visibleText shows). */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

describe('escapeMarkdown: untrusted text stays one line of literal text', () => {
  it.each([
    [
      'a heading and a link after line breaks',
      'x\n# Heading\n[click](https://evil.example)',
      'x\\\\u000A# Heading\\\\u000A\\[click\\](https\\://evil.example)',
    ],
    ['an HTML image', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['an autolink', '<https://evil.example>', '\\<https\\://evil.example\\>'],
    [
      'a bare www link and an e-mail address',
      'www.evil.example a@evil.example',
      'www\\.evil.example a\\@evil.example',
    ],
    ['an entity that spells a bidi override', '&#x202E;', '\\&#x202E;'],
    [
      'emphasis, code, strikethrough, a table cell',
      '*a* _b_ `c` ~~d~~ |e|',
      '\\*a\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~ \\|e\\|',
    ],
    ['a bidi override and a zero-width space', 'a\u202Eb\u200Bc', 'a\\\\u202Eb\\\\u200Bc'],
  ])('%s', (_, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
    expect(escapeMarkdown(text)).not.toMatch(INVISIBLE);
  });
});

describe('escapeParagraph: block syntax at the start stays text', () => {
  it.each([
    ['# Heading', '\\# Heading'],
    ['### Heading', '\\### Heading'],
    ['> quote', '\\> quote'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['* item', '\\* item'],
    ['1. item', '1\\. item'],
    ['12) item', '12\\) item'],
    ['---', '\\---'],
    ['===', '\\==='],
    ['2026-11-22 is a date', '2026-11-22 is a date'],
    ['1.2.3.4 is an address', '1.2.3.4 is an address'],
  ])('%s', (text, escaped) => {
    expect(escapeParagraph(text)).toBe(escaped);
  });
});

describe('fencedBlock', () => {
  it('chooses a fence longer than any backtick run inside, and keeps each line one line', () => {
    const lines = ["dig '@a\\`b\\`.evil.' x. NS", 'echo ```` four', 'two\nlines'];
    const block = fencedBlock(lines, 'sh');
    expect(block[0]).toBe('`````sh');
    expect(block.at(-1)).toBe('`````');
    expect(block.slice(1, -1)).toEqual([lines[0], lines[1], 'two\\u000Alines']);
    // Nothing inside can close it: no line of only backticks as long as the fence.
    for (const line of block.slice(1, -1)) expect(line).not.toMatch(/^`{5,}\s*$/);
  });

  it('uses three backticks when there are none inside', () => {
    expect(fencedBlock(['dig example.com. A'])).toEqual(['```', 'dig example.com. A', '```']);
  });
});

describe('a report of hostile evidence', () => {
  const HOSTILE = 'x\n# Heading\n[click](https://evil.example)\u202E<img src=x onerror=alert(1)>';

  function hostileReport(): string {
    const e = smallEvidence();
    const evidence = parseEvidence({
      ...e,
      question: { name: 'www.ex\u202Eample.com.', type: 'A' },
      resolvers: [{ ...GOOGLE, label: 'Goo\u202Egle' }, CLOUDFLARE],
      exchanges: e.exchanges.map((x) => ({
        ...x,
        question: { ...x.question, name: 'www.ex\u202Eample.com.' },
        ...(x.id === 'x0' ? { response: responseWithEde(2, 'example', [[22, HOSTILE]]) } : {}),
      })),
    });
    if (!evidence.ok) throw new Error(evidence.message);
    return markdownReport({
      evidence: evidence.evidence,
      verdict: {
        ...VERDICT,
        summary: `Fails: “${HOSTILE}”`,
        detail: `# ${HOSTILE}\n\n- ${HOSTILE}\n\n1. ${HOSTILE}`,
        fix: HOSTILE,
        commands: ["dig '@ns\\`id\\`.evil.' example.com. NS +norec", 'dig example.com. A +trace'],
      },
      liveUrl: LIVE,
      evidenceUrl: LINK,
    });
  }

  it('shows the EDE text, with its line breaks and bidi override, as text', () => {
    const report = hostileReport();
    // Line breaks only between the report's own lines; no bidi, zero-width or separator.
    expect(report).not.toMatch(/[\p{Cf}\p{Zl}\p{Zp}\r\t]/u);
    // In the code span of the EDE text (observed), literally:
    expect(report).toContain('x\\u000A# Heading\\u000A[click](https://evil.example)\\u202E<img');
    expect(report).toContain('www.ex\\226\\128\\174ample.com.');
    expect(report).toContain('Goo\\\\u202Egle');
  });

  it('adds no heading, list, quote, link, image, autolink or HTML of its own', () => {
    const report = hostileReport();
    const live = interpreted(report);
    expect(live).not.toMatch(/[<>]/);
    expect(live).not.toMatch(/\]\(/);
    expect(live).not.toMatch(/(?<!\\)\[/);
    // The only headings, list items and bare links are the report's own.
    const headings = report.split('\n').filter((line) => /^ {0,3}#/.test(line));
    expect(headings).toEqual([
      expect.stringMatching(/^# DNS check of `/),
      '## How to fix it',
      '## What was observed',
      '## Check it yourself',
    ]);
    const items = report.split('\n').filter((line) => /^ {0,3}([-+*]|[0-9]+[.)])\s/.test(line));
    expect(items.every((line) => /^- (Google|Goo|Cloudflare|Registry)/.test(line))).toBe(true);
    const links = live.match(/https?:\/\/\S+|www\.\S+/g) ?? [];
    expect(links).toEqual([LIVE, LINK]);
  });

  it('puts the commands in a fenced block, exactly as built', () => {
    const report = hostileReport();
    expect(report).toContain(
      "```sh\ndig '@ns\\`id\\`.evil.' example.com. NS +norec\ndig example.com. A +trace\n```",
    );
  });
});
