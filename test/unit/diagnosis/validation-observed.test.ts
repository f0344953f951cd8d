/**
 * "Does this resolver validate?" has one answer: the grid's label (ui/grid-model.ts) and the
 * facts the verdict rests on (diagnosis/facts.ts) agree on every lab recording.
 */
import { describe, expect, it } from 'vitest';
import { collectFacts } from '../../../src/diagnosis/facts';
import { summariseExchange } from '../../../src/report/summarise';
import { buildRows, validationObserved } from '../../../src/ui/grid-model';
import { labFixtureIds, loadLabFixture } from '../../fixtures/lab-fixtures';

const LABEL = { true: 'validates', false: 'no-ad', null: 'unknown' } as const;

describe('grid and verdict agree on which resolvers validate', () => {
  it.each(labFixtureIds())('%s', (id) => {
    const evidence = loadLabFixture(id);
    const facts = collectFacts(evidence);
    const q = evidence.question;
    const targets = evidence.exchanges
      .filter((x) => x.purpose === 'target')
      .filter((x) => x.question.name.toLowerCase() === q.name.toLowerCase())
      .map(summariseExchange);
    const rows = buildRows(evidence.resolvers, targets);
    const byUrl = new Map([...facts.resolvers, ...facts.silent].map((r) => [r.url, r]));
    const grid = rows.map((r) => [r.resolver.url, validationObserved(r, rows)]);
    const verdict = rows.map((r) => {
      const seen = byUrl.get(r.resolver.url)?.validates ?? null;
      return [r.resolver.url, LABEL[`${seen}`]];
    });
    expect(grid).toEqual(verdict);
  });

  it('sees both kinds on the lab: validators and a resolver that shows no AD', () => {
    const seen = labFixtureIds().flatMap((id) =>
      collectFacts(loadLabFixture(id)).resolvers.map((r) => r.validates),
    );
    expect(seen).toContain(true);
    expect(seen).toContain(false);
  });
});
