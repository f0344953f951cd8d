/**
 * Untrusted text stays text: a lab recording made hostile in every place text arrives —
 * an EDE EXTRA-TEXT with line breaks, a heading, a link, HTML and a bidi override; NS
 * targets whose labels hold a line break and an override; a resolver label and a transport
 * error message from a link; a question name from a link with an override — diagnosed and
 * described. Every sentence of the diagnosis and every line of the dig-style text must be
 * one line in which the attack shows as `\uXXXX` or `\DDD`, never acts.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../src/diagnosis/diagnosis';
import { presentationName } from '../../../src/dns/name';
import type { Evidence } from '../../../src/evidence/evidence';
import { describeExchange } from '../../../src/report/describe';
import { parseEvidence, serialiseEvidence } from '../../../src/evidence/codec';
import {
  asTransportError,
  diagnoseAt,
  failureWire,
  fixture,
  isTarget,
  RESOLVER,
  transform,
  withResponse,
} from '../diagnosis/lab-evidence';
import { hostileName, mapExchanges, withNsTargets } from './hostile-evidence';

/** Line breaks, controls, bidi, zero-width and separators: nothing of it may remain. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const EDE_TEXT = 'x\n# Heading\n[click](https://evil.example)\u202E<img src=x onerror=alert(1)>';

function hostileLame(): Evidence {
  let e = mapExchanges(
    fixture('lame'),
    (x) => x.purpose === 'ns' && x.question.name === 'lab.',
    withNsTargets([hostileName('ns\n;; ANSWER SECTION:\u202E', 'evil', 'lab')]),
  );
  e = transform(e, isTarget(), withResponse(failureWire('SERVFAIL', { code: 22, text: EDE_TEXT })));
  e = transform(
    e,
    isTarget(RESOLVER.partial),
    asTransportError('unreachable', 'refused\n;; ->>HEADER<<- status: NOERROR\u2066'),
  );
  return {
    ...e,
    resolvers: e.resolvers.map((r) =>
      r.url === RESOLVER.bind ? { ...r, label: 'BIND\u202E (evil)\n- item' } : r,
    ),
  };
}

/** Every sentence of a diagnosis (records and commands are checked elsewhere). */
function prose(d: Diagnosis): string[] {
  return [
    d.headline,
    d.whatToDo,
    ...d.detail,
    ...d.fixes.flatMap((f) => [f.title, f.text, f.cost ?? '']),
    d.uncertainty ?? '',
    ...d.claims.map((c) => c.text),
    ...d.warnings.map((w) => w.text),
    ...d.suspects.map((s) => s.text),
    ...d.unknowns,
  ];
}

describe('the diagnosis of hostile evidence', () => {
  it('says everything in single lines where the attack is visible', async () => {
    const d = await diagnoseAt(hostileLame());
    const all = prose(d);
    for (const sentence of all) expect(sentence).not.toMatch(INVISIBLE);
    const text = all.join(' ');
    expect(text).toContain('x\\u000A# Heading\\u000A[click](https://evil.example)\\u202E<img');
    expect(text).toContain('BIND\\u202E (evil)\\u000A- item');
    expect(text).toContain('refused\\u000A;; ->>HEADER<<- status: NOERROR\\u2066');
  });
});

describe('the dig-style text of hostile exchanges', () => {
  it('keeps every line its own: EDE texts, names, messages cannot add lines', () => {
    const e = hostileLame();
    for (const x of e.exchanges) {
      const { dig } = describeExchange(x);
      const lines = dig.split('\n');
      for (const line of lines) expect(line.replace(/\t/g, ' ')).not.toMatch(INVISIBLE);
      // Lines that dig itself would print start with `;` or are records owned by a name.
      expect(lines.filter((l) => /^(#|\[|<|- |touch)/.test(l))).toEqual([]);
    }
    const target = describeExchange(e.exchanges.find(isTarget(RESOLVER.unbound, false))!).dig;
    expect(target).toContain(
      '; EDE: 22 (No Reachable Authority): (x\\010# Heading\\010[click](https://evil.example)\\u202E<img src=x onerror=alert(1)>)',
    );
    const ns = e.exchanges.find((x) => x.purpose === 'ns' && x.question.name === 'lab.')!;
    expect(describeExchange(ns).dig).toContain(
      'ns\\010\\;\\;\\032ANSWER\\032SECTION:\\226\\128\\174.evil.lab.',
    );
    const failed = describeExchange(e.exchanges.find(isTarget(RESOLVER.partial, false))!).dig;
    expect(failed).toContain(
      ';; unreachable: refused\\u000A;; ->>HEADER<<- status: NOERROR\\u2066',
    );
  });
});

describe('a question name from a link', () => {
  it('is read in presentation format: a bidi override becomes \\DDD once, on reading', () => {
    const name = 'www.ex\u202Eample.com.';
    const e = fixture('lame');
    const hostile = {
      ...e,
      question: { ...e.question, name },
      exchanges: e.exchanges.map((x) =>
        x.question.name === e.question.name ? { ...x, question: { ...x.question, name } } : x,
      ),
    };
    const read = parseEvidence(JSON.parse(serialiseEvidence(hostile)));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.evidence.question.name).toBe('www.ex\\226\\128\\174ample.com.');
    expect(read.evidence.exchanges.filter((x) => x.question.name === name)).toEqual([]);
    // Read again, it stays as it is (the escape is ASCII).
    const again = parseEvidence(JSON.parse(serialiseEvidence(read.evidence)));
    expect(again.ok && again.evidence.question.name).toBe(read.evidence.question.name);
  });

  it.each([
    ['plain', 'www.example.com.', 'www.example.com.'],
    ['a zero-width space', 'a\u200Bb.', 'a\\226\\128\\139b.'],
    ['an IDN in Unicode', 'bücher.example.', 'b\\195\\188cher.example.'],
    ['escapes already there', 'a\\032b.', 'a\\032b.'],
  ])('presentationName: %s', (_, text, shown) => {
    expect(presentationName(text)).toBe(shown);
  });
});
