/**
 * Zones under `lab.` that exist to be changed while the lab runs (issue 15: watch a fix
 * land, know how long each resolver lags, see what changed), and the changes themselves.
 *
 * They are not scenarios: no verdict is fixed for them, so they stay out of scenarios.ts,
 * `lab:check`, the tests that iterate over scenarios and test/fixtures/lab/. `lab:up` always
 * starts each one in its first state; changes.ts moves them between states, regenerating
 * what a state touches as `lab:up` would. Every zone is signed with algorithm 13 and NSEC.
 */
import type { DnssecAlgorithm, ZoneNameserver } from './zones';

/**
 * The keys a changeable zone owns. `lab:up` makes all of them at once; a state only picks
 * which are published and which have their DS in `lab.`, so a change never makes a key and
 * a reset finds the same keys again. `stray` is a KSK that is never published: the source
 * of a wrong DS.
 */
export type ChangeableKeyId = 'ksk1' | 'ksk2' | 'zsk' | 'stray';

/**
 * TTLs of the changeable zones, in seconds: what the records say, which is what the app
 * reads to estimate how long resolvers keep the old state. They look like a real zone's
 * and differ from one another, so an estimate shows which one it rests on. The lab's
 * resolvers cap every TTL at 5 s (README, "Resolvers"), so a change shows within seconds.
 */
export interface ChangeableTtls {
  /** In `lab.`: the delegation's NS set and its glue. */
  readonly parentNs: number;
  /** In `lab.`: the DS set. */
  readonly parentDs: number;
  /** The zone's DNSKEY set (and the RRSIGs over it). */
  readonly dnskey: number;
  /** `$TTL`: SOA, apex NS, name server addresses, `www`, NSEC. */
  readonly records: number;
  /** SOA minimum, the negative-caching TTL (RFC 2308 §5). */
  readonly negative: number;
}

export const CHANGEABLE_TTLS: ChangeableTtls = {
  parentNs: 7200,
  parentDs: 3600,
  dnskey: 1800,
  records: 300,
  negative: 300,
};

/** What a validating resolver answers for `www.<zone> A` (DO=1, CD=0). */
export type ValidatingAnswer = 'NOERROR, AD' | 'SERVFAIL';

export interface ChangeableState {
  readonly id: string;
  readonly answer: ValidatingAnswer;
  /** What the state is, for people. */
  readonly why: string;
  /** The NS set `lab.` delegates to and the registry lists (with glue inside the zone). */
  readonly delegation: readonly ZoneNameserver[];
  /**
   * The KSKs in the zone's DNSKEY set; each signs it (`dnssec-signzone -x`: only KSKs sign
   * the DNSKEY RRset). The ZSK is always published and signs everything else.
   */
  readonly ksks: readonly ChangeableKeyId[];
  /** The keys whose DS (SHA-256) the registry holds and `lab.` publishes. */
  readonly ds: readonly ChangeableKeyId[];
  /** `expired`: every RRSIG's validity window ended two days ago (signing.ts). */
  readonly validity: 'current' | 'expired';
}

export interface ChangeableZone {
  /** Absolute name, e.g. `fixme.lab.`. */
  readonly name: string;
  readonly algorithm: DnssecAlgorithm;
  /** The zone's own NS set (apex), where it is really served; hosts inside get an A record. */
  readonly nameservers: readonly ZoneNameserver[];
  /** Records besides SOA, NS, DNSKEY and the name servers' addresses, relative to the apex. */
  readonly records: readonly string[];
  /** The first is where `lab:up` starts it and `resetLabChanges` returns it. */
  readonly states: readonly [ChangeableState, ...ChangeableState[]];
}

/** The change ids, a contract with the browser tests and test/fixtures/lab-pairs/. */
export type LabChangeId = 'fixme' | 'breakme' | 'roll' | 'dsswap' | 'relame';

export interface LabChange {
  readonly id: LabChangeId;
  readonly zone: string;
  /** The question that shows the change. */
  readonly qname: string;
  readonly qtype: 'A';
  /** What the change does, as a zone operator or a registry would. */
  readonly description: string;
  /**
   * The states the zone goes through, in order; the last is the changed state. Each is
   * served before the next is written, and between two the resolvers' caches run out
   * (changes.ts), as a real rollover waits out TTLs.
   */
  readonly steps: readonly [string, ...string[]];
}

const ALGORITHM: DnssecAlgorithm = 13;
const onChild = (host: string): ZoneNameserver => ({ host, server: 'child' });

/** A changeable zone served by `ns.<zone>` on 127.53.0.3. */
function zoneOn(
  label: string,
  www: string,
  states: readonly [ChangeableState, ...ChangeableState[]],
): ChangeableZone {
  const name = `${label}.lab.`;
  return {
    name,
    algorithm: ALGORITHM,
    nameservers: [onChild(`ns.${name}`)],
    records: [`www A ${www}`],
    states,
  };
}

type Signed = Pick<ChangeableState, 'ksks' | 'ds'> & Partial<Pick<ChangeableState, 'validity'>>;

/** A state of `<label>.lab.` delegated to its own `ns.<label>.lab.`, signatures current unless said. */
function stateOf(
  label: string,
  id: string,
  answer: ValidatingAnswer,
  why: string,
  signed: Signed,
): ChangeableState {
  return {
    id,
    answer,
    why,
    delegation: [onChild(`ns.${label}.lab.`)],
    validity: 'current',
    ...signed,
  };
}

const SECURE = 'NOERROR, AD';

export const CHANGEABLE_ZONES: readonly ChangeableZone[] = [
  zoneOn('fixme', '127.0.81.1', [
    stateOf(
      'fixme',
      'wrong-ds',
      'SERVFAIL',
      'the DS in lab. is that of a key the zone never published: bogus (Unbound EDE 9)',
      {
        ksks: ['ksk1'],
        ds: ['stray'],
      },
    ),
    stateOf('fixme', 'right-ds', SECURE, 'the DS in lab. is that of the KSK', {
      ksks: ['ksk1'],
      ds: ['ksk1'],
    }),
  ]),
  zoneOn('breakme', '127.0.81.2', [
    stateOf('breakme', 'signed', SECURE, 'signed, signatures valid for 30 days', {
      ksks: ['ksk1'],
      ds: ['ksk1'],
    }),
    // What happens when a signer stops: the signatures run out while keys and DS stay.
    stateOf(
      'breakme',
      'expired',
      'SERVFAIL',
      'every RRSIG expired two days ago: bogus (Unbound EDE 7)',
      {
        ksks: ['ksk1'],
        ds: ['ksk1'],
        validity: 'expired',
      },
    ),
  ]),
  // RFC 6781 §4.1.2, the double-signature KSK rollover: new DNSKEY, DS change, DNSKEY
  // removal. A resolver that still holds the previous step's DS or DNSKEY set validates.
  zoneOn('roll', '127.0.81.3', [
    stateOf('roll', 'ksk1', SECURE, 'KSK1 signs the DNSKEY set; DS of KSK1', {
      ksks: ['ksk1'],
      ds: ['ksk1'],
    }),
    stateOf('roll', 'both-keys', SECURE, 'KSK1 and KSK2 both sign the DNSKEY set; DS of KSK1', {
      ksks: ['ksk1', 'ksk2'],
      ds: ['ksk1'],
    }),
    stateOf('roll', 'new-ds', SECURE, 'KSK1 and KSK2 both sign the DNSKEY set; DS of KSK2', {
      ksks: ['ksk1', 'ksk2'],
      ds: ['ksk2'],
    }),
    stateOf('roll', 'ksk2', SECURE, 'KSK2 alone signs the DNSKEY set; DS of KSK2', {
      ksks: ['ksk2'],
      ds: ['ksk2'],
    }),
  ]),
  zoneOn('dsswap', '127.0.81.4', [
    stateOf('dsswap', 'ds-a', SECURE, 'KSK1 and KSK2 both sign the DNSKEY set; DS of KSK1', {
      ksks: ['ksk1', 'ksk2'],
      ds: ['ksk1'],
    }),
    stateOf('dsswap', 'ds-b', SECURE, 'the same keys; DS of KSK2', {
      ksks: ['ksk1', 'ksk2'],
      ds: ['ksk2'],
    }),
  ]),
  {
    name: 'relame.lab.',
    algorithm: ALGORITHM,
    // Where the zone really is: the new host, which serves it from the start.
    nameservers: [onChild('ns2.relame.lab.')],
    records: ['www A 127.0.81.5'],
    states: [
      {
        ...stateOf(
          'relame',
          'lame',
          'SERVFAIL',
          'delegated to ns1.relame.lab. (127.53.0.5), which answers REFUSED: SERVFAIL with CD=1 too',
          {
            ksks: ['ksk1'],
            ds: ['ksk1'],
          },
        ),
        delegation: [{ host: 'ns1.relame.lab.', server: 'lame' }],
      },
      {
        ...stateOf(
          'relame',
          'moved',
          SECURE,
          'delegated to ns2.relame.lab. (127.53.0.3), which serves it',
          {
            ksks: ['ksk1'],
            ds: ['ksk1'],
          },
        ),
        delegation: [onChild('ns2.relame.lab.')],
      },
    ],
  },
];

export const LAB_CHANGES: readonly LabChange[] = [
  {
    id: 'fixme',
    zone: 'fixme.lab.',
    qname: 'www.fixme.lab.',
    qtype: 'A',
    description:
      'the registrant replaces the wrong DS (of a key the zone never published) with the DS of the zone’s KSK',
    steps: ['right-ds'],
  },
  {
    id: 'breakme',
    zone: 'breakme.lab.',
    qname: 'www.breakme.lab.',
    qtype: 'A',
    description:
      'the zone is re-signed with signatures whose validity ended two days ago, as when a signer stops and they run out; keys and DS stay',
    steps: ['expired'],
  },
  {
    id: 'roll',
    zone: 'roll.lab.',
    qname: 'www.roll.lab.',
    qtype: 'A',
    description:
      'KSK rollover, double-signature (RFC 6781 §4.1.2): KSK2 published and signing beside KSK1, the DS swapped to KSK2’s, KSK1 withdrawn',
    steps: ['both-keys', 'new-ds', 'ksk2'],
  },
  {
    id: 'dsswap',
    zone: 'dsswap.lab.',
    qname: 'www.dsswap.lab.',
    qtype: 'A',
    description:
      'the registry swaps the DS of one published KSK for the DS of the other; the zone does not change',
    steps: ['ds-b'],
  },
  {
    id: 'relame',
    zone: 'relame.lab.',
    qname: 'www.relame.lab.',
    qtype: 'A',
    description:
      'the registrant moves the delegation from ns1.relame.lab. (127.53.0.5, which does not have the zone) to ns2.relame.lab. (127.53.0.3, which serves it)',
    steps: ['moved'],
  },
];

export function changeableZone(name: string): ChangeableZone {
  const zone = CHANGEABLE_ZONES.find((candidate) => candidate.name === name);
  if (zone === undefined) throw new Error(`no changeable zone ${name}`);
  return zone;
}

export function zoneState(zone: ChangeableZone, id: string): ChangeableState {
  const state = zone.states.find((candidate) => candidate.id === id);
  if (state === undefined) throw new Error(`${zone.name} has no state ${id}`);
  return state;
}

export function labChange(id: string): LabChange {
  const change = LAB_CHANGES.find((candidate) => candidate.id === id);
  if (change === undefined) {
    throw new Error(`no lab change ${id} (${LAB_CHANGES.map((c) => c.id).join(', ')})`);
  }
  return change;
}

/** Every key a zone's states use, the ZSK included, each once. */
export function zoneKeyIds(zone: ChangeableZone): ChangeableKeyId[] {
  const used = zone.states.flatMap((state) => [...state.ksks, ...state.ds]);
  return [...new Set<ChangeableKeyId>(['zsk', ...used])];
}
