/**
 * The models behind History's groups and DiffList: saved results by question with the
 * newest first, and differences by topic with the responses they rest on, labelled as the
 * grid labels them and only where the evidence has them.
 */
import { describe, expect, it } from 'vitest';
import { diffResults } from '../../../src/diagnosis/diff/diff-results';
import type { InvestigationSummary } from '../../../src/store/investigation-record';
import {
  changeOf,
  exchangeLinks,
  groupDifferences,
  LINKS_PER_SIDE,
} from '../../../src/ui/diff/diff-model';
import { groupByQuestion } from '../../../src/ui/history/history-groups';
import { loadLabFixture } from '../../fixtures/lab-fixtures';
import {
  failureWire,
  isTarget,
  RESOLVER,
  transform,
  withResponse,
} from '../diagnosis/lab-evidence';
import { sideOf } from '../diagnosis/diff-sides';

const saved = (id: string, name: string, type: string, savedAt: number): InvestigationSummary => ({
  id,
  name,
  type,
  savedAt,
  exchangeCount: 1,
  recheck: false,
});

describe('History groups', () => {
  it('groups by name (as DNS compares names) and type, newest saved group first', () => {
    const groups = groupByQuestion([
      saved('a', 'www.alg13.lab.', 'A', 10),
      saved('b', 'www.expired.lab.', 'A', 40),
      saved('c', 'WWW.alg13.lab.', 'A', 30),
      saved('d', 'www.alg13.lab.', 'AAAA', 20),
    ]);
    expect(groups.map((g) => [g.key, g.items.map((i) => i.id)])).toEqual([
      ['www.expired.lab. A', ['b']],
      ['www.alg13.lab. A', ['c', 'a']],
      ['www.alg13.lab. AAAA', ['d']],
    ]);
  });

  it('orders a name’s results by when they were observed: an old file imported last is not the newest', () => {
    const live = { ...saved('live', 'www.alg13.lab.', 'A', 100), observedAt: 95 };
    const imported = { ...saved('old', 'www.alg13.lab.', 'A', 200), observedAt: 5 };
    const [group] = groupByQuestion([imported, live]);
    expect(group?.items.map((i) => i.id)).toEqual(['live', 'old']);
  });
});

describe('DiffList model', () => {
  it('groups by topic with the verdict first, marks each change, and links only real exchanges', async () => {
    const before = loadLabFixture('alg13');
    const after = transform(before, isTarget(RESOLVER.bind), withResponse(failureWire('SERVFAIL')));
    const differences = diffResults(await sideOf(before), await sideOf(after));
    const groups = groupDifferences(differences);
    expect(groups.map((g) => g.topic)).toEqual(['verdict', 'resolvers']);
    // The verdict, and BIND's answers (one line for CD=0 and CD=1 when they answered alike,
    // else one each): every one a change, nothing added or removed.
    const changes = groups.flatMap((g) => g.differences.map(changeOf));
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(changes)).toEqual(new Set(['changed']));
    const ids = before.exchanges.filter(isTarget(RESOLVER.bind)).map((x) => x.id);
    const side = (l: { side: string; label: string }) => `${l.side} ${l.label}`;
    const links = groups[1]!.differences.flatMap((d) => exchangeLinks(d, { before, after }));
    const expected = [
      { side: 'before', id: ids[0], label: 'BIND (validating), CD=0' },
      { side: 'before', id: ids[1], label: 'BIND (validating), CD=1' },
      { side: 'after', id: ids[0], label: 'BIND (validating), CD=0' },
      { side: 'after', id: ids[1], label: 'BIND (validating), CD=1' },
    ];
    const bySide = (a: { side: string; label: string }, b: { side: string; label: string }) =>
      side(a).localeCompare(side(b));
    expect(links.sort(bySide)).toEqual(expected.sort(bySide));
    // A verdict rests on many exchanges: a few are linked. RDAP lookups are no exchange.
    const verdict = groups[0]!.differences[0]!;
    expect(verdict.exchanges.before.length).toBeGreaterThan(LINKS_PER_SIDE);
    const withLookup = {
      ...verdict,
      exchanges: { ...verdict.exchanges, before: ['r0', ...verdict.exchanges.before] },
    };
    const verdictLinks = exchangeLinks(withLookup, { before, after });
    expect(verdictLinks.filter((l) => l.side === 'before').map((l) => l.id)).toEqual(
      verdict.exchanges.before.slice(0, LINKS_PER_SIDE),
    );
  });
});
