/**
 * The built-in examples: investigations recorded from the DNS lab by
 * scripts/record-fixtures.ts, one per kind of failure. The build provides them
 * (build/example-recordings.ts), each its own chunk loaded only when the gallery opens; the
 * service worker precaches them, so examples open offline through the evidence-link path.
 *
 * Also: public names that are broken on purpose, to try live (they need a network).
 */
import { recordings } from 'virtual:example-recordings';
import type { Evidence } from '../../evidence/evidence';

export interface RecordedExample {
  /** The lab scenario id (test/lab/scenarios.ts), also the fixture's file name. */
  readonly scenario: string;
  readonly title: string;
  /** The kind of failure, in a few words. */
  readonly kind: string;
  readonly description: string;
}

/** In the order the gallery shows them: working first, then by cause. */
export const RECORDED_EXAMPLES: readonly RecordedExample[] = [
  {
    scenario: 'alg13',
    title: 'A healthy signed name',
    kind: 'resolves, DNSSEC secure',
    description: 'Signed with ECDSA P-256 and a matching DS: every resolver answers alike.',
  },
  {
    scenario: 'insecure',
    title: 'An unsigned name',
    kind: 'resolves, insecure',
    description: 'No DS at the parent and no signatures: it resolves, without DNSSEC.',
  },
  {
    scenario: 'expired',
    title: 'Expired signatures',
    kind: 'DNSSEC bogus: RRSIG expired',
    description: 'Every RRSIG of the zone is past its expiration: validators say SERVFAIL.',
  },
  {
    scenario: 'ds-mismatch',
    title: 'DS that matches no key',
    kind: 'DNSSEC bogus: DS mismatch',
    description: 'The parent publishes the DS of a key the zone never serves (a botched rollover).',
  },
  {
    scenario: 'unsigned-ds',
    title: 'DS for an unsigned zone',
    kind: 'DNSSEC bogus: DNSKEY missing',
    description: 'The parent has a DS, but the zone is served unsigned (signing was turned off).',
  },
  {
    scenario: 'cname-bogus',
    title: 'CNAME into a broken zone',
    kind: 'DNSSEC bogus behind a CNAME',
    description:
      'The name itself is fine; the CNAME target lives in a zone with expired signatures.',
  },
  {
    scenario: 'lame',
    title: 'Lame delegation',
    kind: 'lame delegation: REFUSED',
    description: 'The delegated nameserver does not have the zone and refuses to answer.',
  },
  {
    scenario: 'dead',
    title: 'Unreachable nameserver',
    kind: 'lame delegation: unreachable',
    description: 'The delegation points at an address where no server listens.',
  },
  {
    scenario: 'orphan',
    title: 'Nameserver that does not exist',
    kind: 'lame delegation: no address',
    description:
      'Delegated to ns1.gone.lab., a name that does not exist. Resolvers only say SERVFAIL; the registry’s RDAP record names the server.',
  },
  {
    scenario: 'partial',
    title: 'One resolver cannot reach it',
    kind: 'resolver-specific',
    description: 'The zone is fine, but one resolver has no route to its nameserver.',
  },
  {
    scenario: 'blocked',
    title: 'One resolver filters it',
    kind: 'resolver-specific: filtered',
    description: 'The zone is fine, but one resolver refuses the name by local policy.',
  },
  {
    scenario: 'nxdomain',
    title: 'A name that does not exist',
    kind: 'NXDOMAIN (signed proof)',
    description: 'Not a SERVFAIL: the TLD proves with NSEC that the name does not exist.',
  },
  {
    scenario: 'held',
    title: 'Domain on hold',
    kind: 'NXDOMAIN: registry client hold',
    description:
      'The registrar suspended the domain, so the TLD no longer delegates it; only the registry’s status says why.',
  },
  {
    scenario: 'nodata',
    title: 'No record of that type',
    kind: 'NODATA (signed proof)',
    description: 'The name exists without an AAAA record; NSEC proves it.',
  },
];

function loaderOf(scenario: string): (() => Promise<unknown>) | undefined {
  if (!Object.hasOwn(recordings, scenario)) return undefined;
  const load = recordings[scenario];
  return load === undefined ? undefined : async () => (await load()).default;
}

/** Scenario ids of every recording in this build. */
export function bundledRecordings(): string[] {
  return Object.keys(recordings);
}

/** The examples whose recording is in this build. */
export function availableExamples(): readonly RecordedExample[] {
  return RECORDED_EXAMPLES.filter((e) => loaderOf(e.scenario) !== undefined);
}

/** The recorded Evidence of one example, checked like any other untrusted input. */
export async function loadExample(scenario: string): Promise<Evidence | null> {
  const load = loaderOf(scenario);
  if (load === undefined) return null;
  const [{ parseEvidence }, value] = await Promise.all([import('../../evidence/codec'), load()]);
  const parsed = parseEvidence(value);
  return parsed.ok ? parsed.evidence : null;
}

export interface PublicTestName {
  readonly name: string;
  readonly type: string;
  readonly what: string;
}

/**
 * Zones of extended-dns-errors.com (the RFC 8914 study's test bed; its home page lists the
 * subdomains and what each breaks), plus Comcast's long-standing dnssec-failed.org.
 * They live on the public Internet, so they need a network and can change at any time.
 */
export const PUBLIC_TEST_NAMES: readonly PublicTestName[] = [
  { name: 'valid.extended-dns-errors.com', type: 'A', what: 'the control: correctly signed' },
  {
    name: 'ds-bogus-digest-value.extended-dns-errors.com',
    type: 'A',
    what: 'DS digest matches no key',
  },
  { name: 'ds-bad-tag.extended-dns-errors.com', type: 'A', what: 'DS key tag matches no key' },
  { name: 'rrsig-exp-all.extended-dns-errors.com', type: 'A', what: 'every RRSIG expired' },
  {
    name: 'rrsig-not-yet-all.extended-dns-errors.com',
    type: 'A',
    what: 'every RRSIG not yet valid',
  },
  {
    name: 'no-ds.extended-dns-errors.com',
    type: 'A',
    what: 'signed, but no DS: insecure, resolves',
  },
  {
    name: 'allow-query-none.extended-dns-errors.com',
    type: 'A',
    what: 'the nameserver refuses every query (lame)',
  },
  { name: 'dnssec-failed.org', type: 'A', what: 'a deliberately broken DNSSEC signature' },
];
