/**
 * The chain of trust from a trust anchor down to the zone that holds a name (RFC 4035 §5.1,
 * §5.2). Zone cuts are found from the evidence: a DS RRset at a name (or a proof that a
 * delegation has none) is a cut; a DNSKEY or SOA owned by a name, or a signer name, makes
 * it an apex. Missing material yields `indeterminate` plus a `Need`, never bogus.
 */

import {
  ancestorWithLabels,
  isSubdomainOf,
  lowerName,
  nameFromText,
  nameToText,
  type Name,
} from '../dns/wire/name';
import type { ResourceRecord } from '../dns/wire/record';
import { RRTYPE } from '../dns/wire/types';
import { anchorFor, type TrustAnchors } from './anchors/trust-anchors';
import { proveDenial } from './denial';
import type { Finding, Need, ZoneProof } from './proof-tree';
import { RrsetIndex, type Rrset } from './rrset-index';
import type { Status } from './status';
import { finding, verifyRrset, type ValidationContext } from './verify-rrset';
import type { ZoneKey } from './zone-key';
import { validateZoneKeys } from './zone-keys';

/** What was collected for one name on the way down: the answers to `<name> DS` and `<name> DNSKEY`. */
export interface ZoneMaterial {
  /** The name the two questions were asked for (a possible zone apex). */
  readonly name: Name | string;
  /** Answer and authority records of the `DS` response: the DS RRset and RRSIGs, or a denial. */
  readonly ds?: readonly ResourceRecord[];
  /** Answer and authority records of the `DNSKEY` response. */
  readonly dnskey?: readonly ResourceRecord[];
}

export interface ZoneState {
  readonly zone: Name;
  readonly status: Status;
  /** Trusted keys of `zone` when status is secure. */
  readonly keys: readonly ZoneKey[];
  readonly findings: readonly Finding[];
}

interface IndexedMaterial {
  readonly ds?: RrsetIndex;
  readonly dnskey?: RrsetIndex;
}

function keyOf(name: Name): string {
  return nameToText(lowerName(name));
}

export function toName(name: Name | string): Name {
  if (typeof name !== 'string') return name;
  const r = nameFromText(name.endsWith('.') ? name : `${name}.`);
  if (!r.ok) throw new Error(`invalid name ${name}: ${r.error.message}`);
  return r.value;
}

export class ChainBuilder {
  readonly zones: ZoneProof[] = [];
  readonly needs: Need[] = [];
  readonly #raw = new Map<string, ZoneMaterial>();
  readonly #material = new Map<string, IndexedMaterial>();
  readonly #apexHints = new Set<string>();
  readonly #states = new Map<string, Promise<ZoneState>>();

  constructor(
    materials: readonly ZoneMaterial[],
    readonly answer: RrsetIndex,
    readonly anchors: TrustAnchors,
    readonly ctx: ValidationContext,
  ) {
    for (const m of materials) this.#raw.set(keyOf(toName(m.name)), m);
    answer.signerNames().forEach((n) => this.#apexHints.add(keyOf(n)));
    answer.ofType(RRTYPE.SOA).forEach((s) => this.#apexHints.add(keyOf(s.owner)));
  }

  /** The material collected for `name`, indexed on first use (the collector may pass much more). */
  #materialFor(name: Name): IndexedMaterial | undefined {
    const k = keyOf(name);
    const cached = this.#material.get(k);
    if (cached) return cached;
    const m = this.#raw.get(k);
    if (!m) return undefined;
    const indexed: IndexedMaterial = {
      ...(m.ds ? { ds: new RrsetIndex(m.ds) } : {}),
      ...(m.dnskey ? { dnskey: new RrsetIndex(m.dnskey) } : {}),
    };
    this.#material.set(k, indexed);
    return indexed;
  }

  /**
   * Evidence that `name` is a zone apex: the answer's signers or SOA, or, in the material
   * collected for the name, a DNSKEY or SOA it owns or a signature it made.
   */
  #isApex(name: Name): boolean {
    const k = keyOf(name);
    if (this.#apexHints.has(k)) return true;
    const m = this.#materialFor(name);
    for (const idx of [m?.ds, m?.dnskey]) {
      if (!idx) continue;
      if (idx.signerNames().some((s) => keyOf(s) === k)) return true;
      if (
        [...idx.ofType(RRTYPE.SOA), ...idx.ofType(RRTYPE.DNSKEY)].some((r) => keyOf(r.owner) === k)
      )
        return true;
    }
    return false;
  }

  #need(zone: Name, what: 'DS' | 'DNSKEY'): void {
    const z = nameToText(zone);
    if (!this.needs.some((n) => n.zone === z && n.what === what))
      this.needs.push({ zone: z, what });
  }

  #missing(zone: Name, parent: Name | undefined, what: readonly ('DS' | 'DNSKEY')[]): ZoneState {
    what.forEach((w) => this.#need(zone, w));
    const f = finding(
      'material-missing',
      `the ${what.join(' and ')} response for ${nameToText(zone)} was not collected`,
      { owner: nameToText(zone) },
    );
    this.zones.push({
      zone: nameToText(zone),
      ...(parent ? { parent: nameToText(parent) } : {}),
      status: f.status,
      findings: [f],
      anchoredBy: parent ? 'parent-ds' : 'trust-anchor',
      ds: [],
      dnskeys: [],
    });
    return { zone, status: f.status, keys: [], findings: [f] };
  }

  /** The state of the deepest zone that holds `target` (for qtype DS: its parent side). */
  async zoneFor(target: Name, qtype: number): Promise<ZoneState> {
    const anchor = anchorFor(this.anchors, target);
    if (!anchor) {
      const f = finding('no-trust-anchor', `no trust anchor at or above ${nameToText(target)}`);
      return { zone: [], status: f.status, keys: [], findings: [f] };
    }
    let state = await this.#memo(anchor.zone, () =>
      this.#anchorState(anchor.zone, anchor.ds, anchor.dnskeys),
    );
    // RFC 4035 §3.1.4.1: the DS RRset lives on the parent side of the cut.
    const deepest = qtype === RRTYPE.DS ? target.length - 1 : target.length;
    for (let n = anchor.zone.length + 1; n <= deepest && state.status === 'secure'; n++) {
      const name = ancestorWithLabels(target, n);
      const parent = state;
      state = await this.#memo(name, () => this.#cutAt(name, parent), parent);
    }
    return state;
  }

  /** Memoises zone states by name; names that are no cut return their parent's state. */
  #memo(name: Name, compute: () => Promise<ZoneState>, parent?: ZoneState): Promise<ZoneState> {
    const k = keyOf(name) + (parent ? `<${keyOf(parent.zone)}` : '');
    let p = this.#states.get(k);
    if (!p) {
      p = compute();
      this.#states.set(k, p);
    }
    return p;
  }

  async #anchorState(
    zone: Name,
    ds: readonly ResourceRecord[],
    dnskeys: readonly Uint8Array[],
  ): Promise<ZoneState> {
    const m = this.#materialFor(zone);
    if (!m?.dnskey) return this.#missing(zone, undefined, ['DNSKEY']);
    const r = await validateZoneKeys(
      zone,
      ds,
      dnskeys,
      m.dnskey.get(zone, RRTYPE.DNSKEY),
      this.ctx,
    );
    this.zones.push({
      zone: nameToText(zone),
      status: r.status,
      findings: r.findings,
      anchoredBy: 'trust-anchor',
      ds: r.ds,
      dnskeys: r.dnskeys,
      ...(r.dnskeyRrset ? { dnskeyRrset: r.dnskeyRrset } : {}),
    });
    return { zone, status: r.status, keys: r.keys, findings: r.findings };
  }

  /**
   * True when the target answer was served by `zone` at or below `name`: it carries an RRSIG
   * by `zone` over an RRset owned there, or the zone's SOA (a negative answer from the zone).
   */
  #answeredFrom(zone: Name, name: Name): boolean {
    const z = keyOf(zone);
    if (this.answer.ofType(RRTYPE.SOA).some((s) => keyOf(s.owner) === z)) return true;
    return this.answer
      .signedRrsets()
      .some((r) => r.signers.some((s) => keyOf(s) === z) && isSubdomainOf(r.owner, name));
  }

  /** Decides whether `name` (below the secure zone `parent`) is a zone cut, and validates it. */
  async #cutAt(name: Name, parent: ZoneState): Promise<ZoneState> {
    const m = this.#materialFor(name);
    const dsRrset = m?.ds?.get(name, RRTYPE.DS);
    if (dsRrset) return this.#signedDelegation(name, parent, dsRrset, m?.dnskey);
    // RFC 1034 §3.6.2: a CNAME cannot sit at a delegation point; a DNAME above rewrites the name.
    if (
      m?.ds &&
      (m.ds.get(name, RRTYPE.CNAME) ||
        m.ds.ofType(RRTYPE.DNAME).some((d) => isSubdomainOf(name, d.owner)))
    ) {
      return parent;
    }
    const hasDenial =
      m?.ds && (m.ds.ofType(RRTYPE.NSEC).length > 0 || m.ds.ofType(RRTYPE.NSEC3).length > 0);
    // A collected DS response at a known apex must hold a DS RRset or a signed denial.
    const mustDeny = m?.ds && this.#isApex(name);
    if (m?.ds && (hasDenial || mustDeny)) return this.#deniedDs(name, parent, m.ds);
    if (this.#isApex(name) && isSubdomainOf(name, parent.zone)) {
      return this.#missing(name, parent.zone, m?.dnskey ? ['DS'] : ['DS', 'DNSKEY']);
    }
    return parent;
  }

  /**
   * RFC 4035 §5.2: a DS RRset at `name`, signed by the parent, authenticates the child's
   * DNSKEY RRset.
   */
  async #signedDelegation(
    name: Name,
    parent: ZoneState,
    dsRrset: Rrset,
    dnskey: RrsetIndex | undefined,
  ): Promise<ZoneState> {
    const base = delegation(name, parent);
    const dsProof = await verifyRrset(dsRrset, parent.keys, parent.zone, this.ctx);
    if (dsProof.status !== 'secure') {
      this.zones.push({
        ...base,
        status: dsProof.status,
        findings: dsProof.findings,
        ds: [],
        dsRrset: dsProof,
        dnskeys: [],
      });
      return { zone: name, status: dsProof.status, keys: [], findings: dsProof.findings };
    }
    if (!dnskey) return this.#missing(name, parent.zone, ['DNSKEY']);
    const r = await validateZoneKeys(
      name,
      dsRrset.records,
      [],
      dnskey.get(name, RRTYPE.DNSKEY),
      this.ctx,
    );
    this.zones.push({
      ...base,
      status: r.status,
      findings: r.findings,
      ds: r.ds,
      dsRrset: dsProof,
      dnskeys: r.dnskeys,
      ...(r.dnskeyRrset ? { dnskeyRrset: r.dnskeyRrset } : {}),
    });
    return { zone: name, status: r.status, keys: r.keys, findings: r.findings };
  }

  /**
   * No DS at `name` (RFC 4035 §5.2): the parent's signed denial shows an unsigned delegation
   * (insecure), or that `name` is no cut at all (the parent's state carries on).
   */
  async #deniedDs(name: Name, parent: ZoneState, ds: RrsetIndex): Promise<ZoneState> {
    const denial = await proveDenial(
      { kind: 'no-ds' },
      name,
      RRTYPE.DS,
      ds,
      parent.zone,
      parent.keys,
      this.ctx,
    );
    if (denial.status === 'secure') return parent; // not a cut: the name belongs to the parent zone
    // An opt-out span cannot tell an unsigned delegation from a name that does not exist
    // (RFC 5155 §6): when the target answer itself comes from the parent zone, there is no cut.
    if (denial.kind === 'opt-out' && this.#answeredFrom(parent.zone, name)) return parent;
    const findings =
      denial.status === 'insecure' && denial.findings.length === 0
        ? [
            finding(
              'no-ds',
              `${nameToText(parent.zone)} proves that the delegation ${nameToText(name)} has no DS (${denial.kind === 'opt-out' ? 'NSEC3 opt-out' : 'unsigned delegation'})`,
              { owner: nameToText(name), type: 'DS' },
            ),
          ]
        : denial.findings;
    const { outcome: _outcome, ...dsDenial } = denial;
    this.zones.push({
      ...delegation(name, parent),
      status: denial.status,
      findings,
      ds: [],
      dsDenial,
      dnskeys: [],
    });
    return { zone: name, status: denial.status, keys: [], findings };
  }
}

/** How a zone below `parent` is entered: through the parent's DS. */
function delegation(
  name: Name,
  parent: ZoneState,
): Pick<ZoneProof, 'zone' | 'parent' | 'anchoredBy'> {
  return {
    zone: nameToText(name),
    parent: nameToText(parent.zone),
    anchoredBy: 'parent-ds' as const,
  };
}
