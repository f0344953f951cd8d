/**
 * The report for an e-mail to the domain owner: plain text that reads well as is and
 * renders as Markdown. It states the verdict, what each resolver answered with CD=0 and
 * CD=1, the fix, and two links: a live re-check and the evidence itself.
 *
 * Names, resolver labels, EDE texts and error messages come from the network or from a
 * link someone sent: they are written inside code spans (where Markdown interprets
 * nothing, not even HTML) or with Markdown's special characters backslash-escaped, so a
 * name such as `<img src=x onerror=alert(1)>` stays text. The report never contains HTML.
 * Every untrusted string is first made one line of visible text (dns/visible-text.ts): a
 * line break cannot start a heading, a list or a quote, and a bidi override cannot reorder
 * the sentence around it. A paragraph that starts with block syntax (`#`, `>`, `-`, `+`,
 * `=`, `1.`) has it escaped; bare URLs and `www.` in untrusted text do not become GFM
 * autolinks. The commands of the fixes go into a fenced block longer than any backtick
 * run inside it; the links we built (live check, evidence, DS check) stand alone on their
 * lines, as they are.
 *
 * @example
 *   markdownReport({ evidence, verdict, liveUrl, evidenceUrl })
 *   // '# DNS check of `www.example.com.` A\n\n**The DNSSEC chain of trust is broken…'
 */

import { decodeMessage } from '../dns/message';
import { rcodeMnemonic } from '../dns/rcodes';
import { visibleText } from '../dns/visible-text';
import type { Evidence, Exchange } from '../evidence/evidence';
import { identifyTrustAnchors, trustAnchorWarning } from '../dnssec/anchors/anchor-identity';
import type { VerdictReport } from '../diagnosis/explain/retold';
import { outcomeWords, stretchesOf, type WatchTimeline } from './watch-timeline';

/** The verdict as the report takes it, gathered by diagnosis/explain/retold.ts. */
export type ReportVerdict = VerdictReport;

export interface MarkdownReportInput {
  readonly evidence: Evidence;
  /** Absent when no diagnosis is available (the report then lists the evidence only). */
  readonly verdict?: ReportVerdict;
  /** The live-check link (`#/check/…`). */
  readonly liveUrl: string;
  /** The evidence permalink; null when the evidence is too large and is sent as a file. */
  readonly evidenceUrl: string | null;
  /** The timeline of a watch that ran on this check (the evidence is its latest run's). */
  readonly watch?: WatchTimeline;
  /**
   * The DS check with the records a DS fix proposes filled in (`#/ds-check/…`, built by
   * route.ts `dsCheckFragment`: every part percent-encoded, so it is one plain word).
   */
  readonly dsCheckUrl?: string;
}

/**
 * Untrusted text as literal Markdown, on one line: made visible (line breaks, controls and
 * bidi overrides as `\uXXXX`), then backslash-escaped (CommonMark §2.4: any ASCII
 * punctuation may be) wherever it could start a tag or an autolink (`<`), a link or image
 * (`[`, `]`), a code span, emphasis or strikethrough (`` ` `` `*` `_` `~`), a table cell
 * (`|`), or an entity (`&`, which could spell `&#x202E;`). GFM's extended autolinks (a bare
 * `https://…`, `www.…` or `a@b.example`) are broken by escaping their `:`, `.` or `@`.
 *
 * @example escapeMarkdown('[click](https://evil.example)') // '\\[click\\](https\\://evil.example)'
 */
export function escapeMarkdown(text: string): string {
  return visibleText(text)
    .replace(/[\\`*_[\]<>|&~@]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * A paragraph of untrusted text: {@link escapeMarkdown}, and block syntax at its start
 * escaped (CommonMark §4: an ATX heading `#`, a block quote `>`, a list item `-` `+` `*`
 * or `1.` `1)`, a thematic break or setext underline `-` `=`), so the paragraph stays one.
 */
export function escapeParagraph(text: string): string {
  return escapeMarkdown(text.trim()).replace(/^([#>+=-]|[0-9]{1,9}(?=[.)](?:\s|$)))/, (marker) =>
    /^[0-9]/.test(marker) ? `${marker}\\` : `\\${marker}`,
  );
}

/**
 * Untrusted text as a code span (CommonMark §6.1), made visible first: the fence is one
 * backtick longer than the longest run inside, padded with spaces when the text starts or
 * ends with one.
 */
export function codeSpan(text: string): string {
  const clean = visibleText(text);
  if (clean.trim() === '') return '(empty)';
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[ `]|[ `]$/.test(clean) ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

const utf8 = new TextEncoder();

/** A link we built ourselves, made safe to stand alone on a line: one printable word. */
function bareUrl(url: string): string {
  let out = '';
  for (const c of url) {
    const code = c.codePointAt(0) ?? 0;
    const plain = code > 0x20 && code < 0x7f && !'<>"`\\'.includes(c);
    out += plain
      ? c
      : [...utf8.encode(c)]
          .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
          .join('');
  }
  return out;
}

/**
 * Lines as a fenced code block (CommonMark §4.5) that nothing inside can close: the fence
 * is longer than any run of backticks in the lines, each line made visible (one line).
 */
export function fencedBlock(lines: readonly string[], info = ''): string[] {
  const clean = lines.map(visibleText);
  const runs = clean.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, ...runs.map((n) => n + 1)));
  return [`${fence}${info}`, ...clean, fence];
}

function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? 'an unknown time' : date.toISOString();
}

/** What one exchange came back with: the RCODE and any EDE, or the transport failure. */
export function exchangeOutcome(exchange: Exchange): string {
  if (exchange.error !== undefined) {
    return `${exchange.error.class} (${escapeMarkdown(exchange.error.message)})`;
  }
  if (exchange.response === undefined) return 'no response';
  let bytes: Uint8Array;
  try {
    const binary = atob(exchange.response);
    bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return 'unreadable response';
  }
  const decoded = decodeMessage(bytes);
  if (!decoded.ok) {
    // RFC 1035 §4.1.1: RCODE is the low four bits of the header's fourth octet.
    const rcode = bytes.length >= 4 ? rcodeMnemonic((bytes[3] ?? 0) & 0x0f) : 'no header';
    return `${rcode} (malformed message: ${escapeMarkdown(decoded.error.message)})`;
  }
  const ede = decoded.message.extendedErrors.map((e) => {
    const text = e.extraText === '' ? '' : ` ${codeSpan(e.extraText)}`;
    return `EDE ${e.infoCode} ${escapeMarkdown(e.name)}${text}`;
  });
  return ede.length === 0
    ? decoded.message.rcodeName
    : `${decoded.message.rcodeName} (${ede.join('; ')})`;
}

function resolverLines(evidence: Evidence): string[] {
  return evidence.resolvers.map((resolver) => {
    const targets = evidence.exchanges.filter(
      (x) => x.purpose === 'target' && x.resolver === resolver.url,
    );
    const byCd = (cd: boolean): string => {
      const found = targets.filter((x) => x.cd === cd);
      return found.length === 0 ? 'not asked' : found.map(exchangeOutcome).join(', then ');
    };
    const label = resolver.label.trim() === '' ? 'Resolver' : escapeMarkdown(resolver.label);
    return `- ${label} (${codeSpan(resolver.url)}): CD=0 ${byCd(false)}; CD=1 ${byCd(true)}`;
  });
}

/** Our own paragraphs (joined with blank lines) of text that quotes untrusted strings. */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => escapeParagraph(p.replace(/\s*\r?\n\s*/g, ' ')))
    .filter((p) => p !== '');
}

/** Said first when the anchors were not the root's: whose "Secure" the report's is. */
function trustAnchorLines(evidence: Evidence): string[] {
  const identity = identifyTrustAnchors(evidence.trustAnchors);
  const warning = trustAnchorWarning(identity, 'whoever chose this trust anchor');
  return warning === null
    ? []
    : [`**Not validated against the root's trust anchors.** ${escapeMarkdown(warning)}`, ''];
}

function summaryLine(evidence: Evidence): string {
  const waves = new Set(evidence.exchanges.map((x) => x.wave)).size;
  const seconds = Math.max(0, (evidence.finishedAt - evidence.startedAt) / 1000).toFixed(1);
  const anchors =
    evidence.trustAnchors.length === 0
      ? 'the root trust anchors'
      : `${evidence.trustAnchors.length} custom trust anchor${evidence.trustAnchors.length === 1 ? '' : 's'} (a private DNS tree)`;
  return `${evidence.exchanges.length} DoH exchange${evidence.exchanges.length === 1 ? '' : 's'} in ${waves} wave${waves === 1 ? '' : 's'}, ${seconds} s; validated against ${anchors}.`;
}

/** One line per RDAP lookup: the registry's answer, as recorded. */
function registryLines(evidence: Evidence): string[] {
  return (evidence.rdap ?? []).map((lookup) => {
    // The URL comes from the evidence (a link may carry anything http-shaped): a code span
    // keeps it literal, so it cannot turn into a Markdown link or image.
    const where = codeSpan(lookup.url ?? lookup.bootstrap);
    const what = lookup.record
      ? `status ${lookup.record.status.map((s) => codeSpan(s)).join(', ') || 'none'}; nameservers ${lookup.record.nameservers.map((ns) => codeSpan(ns.ldhName)).join(', ') || 'none'}; ${lookup.record.dsData.length} DS`
      : escapeMarkdown(lookup.error?.message ?? 'no answer');
    return `- Registry (RDAP) for ${codeSpan(lookup.domain)}: ${what} (${where})`;
  });
}

/** `2026-05-01 12:00:05Z`, or a stretch `… 12:00:05Z – 12:04:10Z` (the date once when shared). */
function stretchTime(first: number, last: number): string {
  const at = (ms: number) =>
    isoTime(ms)
      .replace('T', ' ')
      .replace(/\.\d{3}Z$/, 'Z');
  if (first === last) return at(first);
  const [from, to] = [at(first), at(last)];
  return from.slice(0, 10) === to.slice(0, 10) ? `${from} – ${to.slice(11)}` : `${from} – ${to}`;
}

/**
 * The watch's runs as a GFM table, one row per stretch of runs that observed the same
 * (a day of unchanged runs is one row; each change starts a new one). Every cell goes
 * through {@link escapeMarkdown}, which also escapes `|`, the one character a table cell
 * cannot hold (GFM §4.10), even inside a code span.
 */
function watchLines(watch: WatchTimeline | undefined): string[] {
  if (watch === undefined || watch.runs.length === 0) return [];
  const stretches = stretchesOf(watch.runs);
  const changes = stretches.length - 1;
  const heads = ['When (UTC)', 'Runs', 'Verdict', ...watch.resolvers.map((r) => r.label || r.url)];
  const rows = stretches.map(({ first, last, count }) => [
    stretchTime(first.at, last.at),
    String(count),
    `${first.verdict}${first.reason === '' ? '' : ` / ${first.reason}`}`,
    ...watch.resolvers.map((r) => {
      const outcome = first.outcomes.find((o) => o.resolver === r.url);
      return outcome === undefined ? 'not asked' : outcomeWords(outcome);
    }),
  ]);
  const row = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [
    '## Watch timeline',
    '',
    `Watched from ${isoTime(watch.startedAt)}: ${watch.runs.length} run${watch.runs.length === 1 ? '' : 's'}, ${changes === 0 ? 'no change' : `${changes} change${changes === 1 ? '' : 's'}`}. What each resolver answered with CD=0 (RCODE, AD when it validated, EDE codes):`,
    '',
    row(heads),
    `|${heads.map(() => ' --- |').join('')}`,
    ...rows.map(row),
    '',
  ];
}

/**
 * The card's warnings, one item each with its id: what will break later (an expiring
 * signature, a CDS for the wrong key, …) or what made the check weaker. The text comes
 * from DNS data in part (names, records), so it is escaped like every paragraph.
 */
function warningLines(verdict: ReportVerdict): string[] {
  const warnings = verdict.warnings ?? [];
  if (warnings.length === 0) return [];
  return [
    '## Warnings',
    '',
    ...warnings.map((w) => `- ${codeSpan(w.id)} ${escapeParagraph(w.text)}`),
    '',
  ];
}

/** The report, as Markdown that also reads as plain text. Never contains HTML. */
export function markdownReport(input: MarkdownReportInput): string {
  const { evidence, verdict } = input;
  const q = evidence.question;
  const labels = evidence.resolvers
    .map((r) => escapeMarkdown(r.label.trim() === '' ? r.url : r.label))
    .join(', ');
  const out: string[] = [`# DNS check of ${codeSpan(q.name)} ${codeSpan(q.type)}`, ''];
  out.push(...trustAnchorLines(evidence));
  if (verdict === undefined) {
    out.push('No verdict was computed for this evidence; the observations follow.', '');
  } else {
    out.push(
      `**${escapeMarkdown(verdict.summary)}**`,
      '',
      `Verdict ${codeSpan(verdict.id)}, reason ${codeSpan(verdict.reason)}.`,
      '',
    );
    for (const p of paragraphs(verdict.detail)) out.push(p, '');
    out.push('## How to fix it', '');
    for (const p of paragraphs(verdict.fix)) out.push(p, '');
    if (input.dsCheckUrl !== undefined) {
      out.push(
        'Before you publish the DS records above, test them: this link opens the DS check with them filled in, and says whether the zone stays secure and what to do with the old DS meanwhile.',
        '',
        bareUrl(input.dsCheckUrl),
        '',
      );
    }
    out.push(...warningLines(verdict));
  }
  out.push(
    '## What was observed',
    '',
    `As observed at ${isoTime(evidence.startedAt)} through ${labels}.`,
    '',
    ...resolverLines(evidence),
    ...registryLines(evidence),
    '',
    summaryLine(evidence),
    '',
    ...watchLines(input.watch),
    '## Check it yourself',
    '',
    ...(verdict?.commands?.length
      ? [
          'From a terminal (dig ≥ 9.18; the same questions, and the servers asked directly):',
          '',
          ...fencedBlock(verdict.commands, 'sh'),
          '',
        ]
      : []),
    'Re-run the check live from your own browser:',
    '',
    bareUrl(input.liveUrl),
    '',
  );
  if (input.evidenceUrl === null) {
    out.push(
      'The evidence is too large for a link: it is attached as a file. Open SERVFAIL Lens and import it to see every exchange.',
      '',
    );
  } else {
    out.push(
      'The evidence behind this report (every DoH exchange, with the raw responses; the data travels inside the link and is never sent to a server):',
      '',
      bareUrl(input.evidenceUrl),
      '',
    );
  }
  out.push('Made with SERVFAIL Lens.');
  return `${out.join('\n')}\n`;
}
