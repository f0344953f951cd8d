/**
 * The grid's model on lab recordings: rows per resolver, which cells stand out, and whether
 * a resolver validates (observed from AD, never assumed).
 */
import { describe, expect, it } from 'vitest';
import { summariseExchange } from '../../../src/report/summarise';
import { buildRows, oddCells, validationObserved } from '../../../src/ui/grid-model';
import { loadLabFixture } from '../../fixtures/lab-fixtures';

function gridOf(id: string) {
  const evidence = loadLabFixture(id);
  const targets = evidence.exchanges.filter((x) => x.purpose === 'target').map(summariseExchange);
  const rows = buildRows(evidence.resolvers, targets);
  const port = (url: string) => new URL(url).port;
  return { evidence, rows, targets, port };
}

describe('grid model on lab evidence', () => {
  it('has one row per resolver with both CD cells filled', () => {
    const { rows, evidence } = gridOf('alg13');
    expect(rows.map((r) => r.resolver.url)).toEqual(evidence.resolvers.map((r) => r.url));
    expect(rows.every((r) => r.cells[0] !== undefined && r.cells[1] !== undefined)).toBe(true);
  });

  it('singles out the one resolver that fails alone (partial)', () => {
    const { rows, targets, port } = gridOf('partial');
    const odd = oddCells(rows);
    const oddPorts = new Set(targets.filter((t) => odd.has(t.id)).map((t) => port(t.resolver)));
    expect([...oddPorts]).toEqual(['8534']);
    expect(odd.size).toBe(2);
  });

  it('never lets transport failures outvote the answers (two answers, three failures)', () => {
    const { rows } = gridOf('alg13');
    const failed = (cell: (typeof rows)[number]['cells'][0]) =>
      cell && { ...cell, answered: false, status: 'unreachable' };
    const mixed = rows.map((r, i) =>
      i < 2 ? r : { ...r, cells: [failed(r.cells[0]), failed(r.cells[1])] as const },
    );
    expect(oddCells(mixed).size).toBe(0);
  });

  it('singles out nothing when all agree (alg8)', () => {
    expect(oddCells(gridOf('alg8').rows).size).toBe(0);
  });

  it('on a bogus zone, the non-validating resolver stands out in the CD=0 column only', () => {
    const { rows, targets, port } = gridOf('expired');
    const odd = [...oddCells(rows)].map((id) => targets.find((t) => t.id === id));
    expect(odd.map((t) => `${port(t!.resolver)} cd=${t!.cd}`)).toEqual(['8533 cd=false']);
  });

  it('observes validation from AD: validators validate, the plain resolver shows no AD', () => {
    const { rows, port } = gridOf('alg13');
    const seen = Object.fromEntries(
      rows.map((r) => [port(r.resolver.url), validationObserved(r, rows)]),
    );
    expect(seen['8531']).toBe('validates');
    expect(seen['8532']).toBe('validates');
    expect(seen['8533']).toBe('no-ad');
  });

  it('does not call anything a validator on an insecure zone (no AD anywhere)', () => {
    const { rows } = gridOf('insecure');
    expect(rows.map((r) => validationObserved(r, rows))).toEqual(rows.map(() => 'unknown'));
  });

  it('summarises EDE with code, name and text (expired at Unbound: 7)', () => {
    const { targets, port } = gridOf('expired');
    const unbound = targets.find((t) => port(t.resolver) === '8531' && !t.cd);
    expect(unbound?.status).toBe('SERVFAIL');
    expect(unbound?.ede[0]?.code).toBe(7);
    expect(unbound?.ede[0]?.name).toBe('Signature Expired');
  });
});
