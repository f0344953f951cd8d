/**
 * The questions the lab exists to answer: one per scenario, asked at every resolver.
 *
 * This list is the single source of truth for scenario ids, query names and zones; up.ts
 * copies it into run/lab.json, check.ts and the tests iterate over it. Ids are a contract.
 */
import { DELAYING_FRONTS } from './fronts';
import { RESOLVERS } from './topology';
import { labZone } from './zones';

export type ScenarioQtype = 'A' | 'AAAA';

export interface LabScenario {
  readonly id: string;
  readonly qname: string;
  readonly qtype: ScenarioQtype;
  /** The zone the answer (or the failure) comes from. */
  readonly zone: string;
  readonly description: string;
  /**
   * Ids of the resolvers (and delaying fronts) the scenario is asked at, in the order the
   * app should list them: the manifest's `resolvers` unless the scenario imitates a public
   * resolver's behaviour, then the one that shows it first (`extraResolvers`).
   */
  readonly resolvers: readonly string[];
}

/** The resolvers every plain scenario is asked at: unbound, bind, unbound-novalidate, unbound-partial. */
export const DEFAULT_SCENARIO_RESOLVERS: readonly string[] = RESOLVERS.filter(
  (resolver) => resolver.askedByDefault,
).map((resolver) => resolver.id);

/** `www.<zone> A` for a scenario zone, described by the zone itself. */
function wwwOf(id: string, zone: string): LabScenario {
  return {
    id,
    qname: `www.${zone}`,
    qtype: 'A',
    zone,
    description: labZone(zone).description,
    resolvers: DEFAULT_SCENARIO_RESOLVERS,
  };
}

/**
 * A public resolver's behaviour (README, "Real-world behaviours imitated"): the resolver
 * or front that shows it, then the two validating resolvers as they answer without it.
 */
function imitation(id: string, zone: string, shownBy: string, description: string): LabScenario {
  const known = [...RESOLVERS.map((r) => r.id), ...DELAYING_FRONTS.map((f) => f.id)];
  if (!known.includes(shownBy)) throw new Error(`scenario ${id}: no resolver ${shownBy}`);
  return {
    id,
    qname: `www.${zone}`,
    qtype: 'A',
    zone,
    description,
    resolvers: [shownBy, 'unbound', 'bind'],
  };
}

export const LAB_SCENARIOS: readonly LabScenario[] = [
  wwwOf('alg8', 'alg8.lab.'),
  wwwOf('alg10', 'alg10.lab.'),
  wwwOf('alg13', 'alg13.lab.'),
  wwwOf('alg14', 'alg14.lab.'),
  wwwOf('alg15', 'alg15.lab.'),
  wwwOf('alg16', 'alg16.lab.'),
  wwwOf('nsec3', 'nsec3.lab.'),
  {
    id: 'nsec3-nxdomain',
    qname: 'nope.nsec3.lab.',
    qtype: 'A',
    zone: 'nsec3.lab.',
    description:
      'a name that does not exist in an NSEC3 zone (RFC 5155 §7.2.2 closest-encloser proof)',
    resolvers: DEFAULT_SCENARIO_RESOLVERS,
  },
  wwwOf('expired', 'expired.lab.'),
  wwwOf('ds-mismatch', 'ds-mismatch.lab.'),
  wwwOf('unsigned-ds', 'unsigned-ds.lab.'),
  wwwOf('lame', 'lame.lab.'),
  wwwOf('dead', 'dead.lab.'),
  wwwOf('insecure', 'insecure.lab.'),
  {
    id: 'nxdomain',
    qname: 'nonexistent.lab.',
    qtype: 'A',
    zone: 'lab.',
    description: 'a name that does not exist in the signed TLD (NSEC proof from lab.)',
    resolvers: DEFAULT_SCENARIO_RESOLVERS,
  },
  {
    id: 'nxdomain-child',
    qname: 'nope.alg13.lab.',
    qtype: 'A',
    zone: 'alg13.lab.',
    description: 'a name that does not exist in a signed child zone (NSEC proof from alg13.lab.)',
    resolvers: DEFAULT_SCENARIO_RESOLVERS,
  },
  {
    id: 'nodata',
    qname: 'www.alg13.lab.',
    qtype: 'AAAA',
    zone: 'alg13.lab.',
    description: 'an existing name without the asked type (NSEC proof of no AAAA)',
    resolvers: DEFAULT_SCENARIO_RESOLVERS,
  },
  wwwOf('cname-bogus', 'cname-bogus.lab.'),
  wwwOf('partial', 'partial.lab.'),
  wwwOf('blocked', 'blocked.lab.'),
  {
    // The registry knows held.lab., DNS does not: the NXDOMAIN comes from lab. itself.
    id: 'held',
    qname: 'www.held.lab.',
    qtype: 'A',
    zone: 'lab.',
    description: labZone('held.lab.').description,
    resolvers: DEFAULT_SCENARIO_RESOLVERS,
  },
  wwwOf('orphan', 'orphan.lab.'),
  wwwOf('two-ns', 'two-ns.lab.'),
  wwwOf('spread-ns', 'spread-ns.lab.'),
  // Working zones that carry an early warning (issue 16): secure today, each with one risk.
  wwwOf('nsec3-iter', 'nsec3-iter.lab.'),
  wwwOf('rsasha1', 'rsasha1.lab.'),
  wwwOf('sha1-ds', 'sha1-ds.lab.'),
  wwwOf('leftover-ds', 'leftover-ds.lab.'),
  wwwOf('cds-ok', 'cds-ok.lab.'),
  wwwOf('cds-bad', 'cds-bad.lab.'),
  imitation(
    'slow',
    'dead.lab.',
    'slow',
    'dead.lab. (nothing listens) through the slow front: its SERVFAIL arrives after 6 s; unbound and bind answer SERVFAIL within about 2 s',
  ),
  imitation(
    'stuck',
    'dead.lab.',
    'stuck',
    'dead.lab. through the stuck front: its SERVFAIL arrives after 30 s, past any client limit; unbound and bind answer SERVFAIL within about 2 s',
  ),
  imitation(
    'stale',
    'stale.lab.',
    'unbound-stale',
    'stale.lab.’s only server has gone silent: unbound-stale serves the expired answer (NOERROR, AD, EDE 3 Stale Answer); unbound and bind answer SERVFAIL',
  ),
  imitation(
    'filtered',
    'filtered.lab.',
    'unbound-filter',
    'a signed, healthy zone: unbound-filter answers NXDOMAIN by local policy (no SOA, no EDE, no AD); unbound and bind give the signed address with AD',
  ),
  imitation(
    'forged',
    'forged.lab.',
    'unbound-filter',
    `a signed, healthy zone: unbound-filter answers with a forged address (127.66.6.6, no RRSIG, no AD, no EDE); unbound and bind give the signed address with AD`,
  ),
];

export function labScenario(id: string): LabScenario {
  const scenario = LAB_SCENARIOS.find((candidate) => candidate.id === id);
  if (scenario === undefined) throw new Error(`no lab scenario ${id}`);
  return scenario;
}
