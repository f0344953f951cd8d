/**
 * The questions the lab exists to answer: one per scenario, asked at every resolver.
 *
 * This list is the single source of truth for scenario ids, query names and zones; up.ts
 * copies it into run/lab.json, check.ts and the tests iterate over it. Ids are a contract.
 */
import { labZone } from './zones';

export type ScenarioQtype = 'A' | 'AAAA';

export interface LabScenario {
  readonly id: string;
  readonly qname: string;
  readonly qtype: ScenarioQtype;
  /** The zone the answer (or the failure) comes from. */
  readonly zone: string;
  readonly description: string;
}

/** `www.<zone> A` for a scenario zone, described by the zone itself. */
function wwwOf(id: string, zone: string): LabScenario {
  return { id, qname: `www.${zone}`, qtype: 'A', zone, description: labZone(zone).description };
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
  },
  {
    id: 'nxdomain-child',
    qname: 'nope.alg13.lab.',
    qtype: 'A',
    zone: 'alg13.lab.',
    description: 'a name that does not exist in a signed child zone (NSEC proof from alg13.lab.)',
  },
  {
    id: 'nodata',
    qname: 'www.alg13.lab.',
    qtype: 'AAAA',
    zone: 'alg13.lab.',
    description: 'an existing name without the asked type (NSEC proof of no AAAA)',
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
  },
  wwwOf('orphan', 'orphan.lab.'),
  wwwOf('two-ns', 'two-ns.lab.'),
  wwwOf('spread-ns', 'spread-ns.lab.'),
];

export function labScenario(id: string): LabScenario {
  const scenario = LAB_SCENARIOS.find((candidate) => candidate.id === id);
  if (scenario === undefined) throw new Error(`no lab scenario ${id}`);
  return scenario;
}
