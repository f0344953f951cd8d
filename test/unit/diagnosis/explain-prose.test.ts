/**
 * The renderer's sentences need no tidying afterwards: on every lab recording, no sentence
 * of the diagnosis has a name's dot doubled as a full stop (`example.com..`), and every
 * sentence is one line of visible text, even when the resolvers' labels carry a line break
 * and a bidi override.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../src/diagnosis/diagnosis';
import { prose } from '../../../src/diagnosis/explain/prose';
import { visibleText } from '../../../src/dns/visible-text';
import { labFixtureIds } from '../../fixtures/lab-fixtures';
import { diagnoseAt, fixture } from './lab-evidence';

/** Every sentence of a diagnosis (records and commands aside: there every character counts). */
function sentences(d: Diagnosis): string[] {
  return [
    d.headline,
    d.whatToDo,
    ...d.detail,
    ...d.fixes.flatMap((f) => [f.title, f.text, ...(f.cost ? [f.cost] : [])]),
    ...(d.uncertainty ? [d.uncertainty] : []),
    ...d.claims.map((c) => c.text),
    ...d.warnings.map((w) => w.text),
    ...d.suspects.map((s) => s.text),
    ...d.unknowns,
    ...d.notDone,
  ];
}

const DOUBLE_DOT = /\.\.(?=\s|$|[”’),;:])/;

describe('prose', () => {
  it('lets a name that ends a sentence keep one dot', () => {
    expect(prose`No address for ${'ns1.gone.example.'}.`).toBe('No address for ns1.gone.example.');
    expect(prose`the DS and DNSKEY records of ${'.'}.`).toBe('the DS and DNSKEY records of .');
    expect(prose`${'example.com.'} is fine.`).toBe('example.com. is fine.');
  });

  it('shows what it quotes as one line of visible text', () => {
    expect(prose`${'Evil\n# heading'} with CD=${0}.`).toBe('Evil\\u000A# heading with CD=0.');
    expect(prose`${'a\u202Eb'}.`).toBe('a\\u202Eb.');
  });
});

describe('diagnosis sentences on lab recordings', () => {
  it.each(labFixtureIds())('%s: no doubled dot, one visible line each', async (id) => {
    const evidence = fixture(id);
    const hostile = {
      ...evidence,
      resolvers: evidence.resolvers.map((r) => ({ ...r, label: `${r.label}\n\u202E.` })),
    };
    for (const d of [await diagnoseAt(evidence), await diagnoseAt(hostile)]) {
      for (const s of sentences(d)) {
        expect(s, s).not.toMatch(DOUBLE_DOT);
        expect(s).toBe(visibleText(s));
      }
    }
  });
});
