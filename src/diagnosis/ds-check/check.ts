/**
 * The DS check before publishing (issue 16, deliverable 2): would publishing exactly the
 * pasted DS set at the parent keep the zone secure? Pure: it takes the zone's DNSKEY RRset
 * with its RRSIGs and the parent's current DS set as fetched (wire records), and the time.
 *
 * `secure` when at least one pasted DS with a supported algorithm and digest type leads to a
 * key that validly signs the DNSKEY RRset; `insecure` when the set is empty or validators
 * support none of its algorithms and digest types (RFC 4035 §5.2, RFC 6840 §5.2); `breaks`
 * otherwise. Worded by explain/ds-check.ts.
 */

import { decodeDs } from '../../dnssec/rdata/ds';
import type { ResourceRecord } from '../../dns/wire/record';
import { RRTYPE } from '../../dns/wire/types';
import { fqdn } from '../../dns/name';
import type { DsFields } from '../../dnssec/zone-key';
import {
  applySha1Rule,
  evaluateDs,
  setResult,
  type DsEvaluation,
  type DsStatus,
} from './evaluate-ds';
import { keyView, zoneKeySet, type KeyView, type SigningState, type ZoneKeySet } from './key-set';
import { meanwhile, type JudgedDs, type Meanwhile, type Ttl } from './meanwhile';
import { dsLine } from './ds-line';
import {
  MAX_PASTED_RECORDS,
  readPastedRecords,
  type PastedDs,
  type PastedRecord,
} from './pasted-records';

export type DsCheckResult = 'secure' | 'breaks' | 'insecure';

/** One pasted line, read and judged. */
export type DsItem =
  | (DsEvaluation & {
      readonly kind: 'ds';
      readonly index: number;
      /** As pasted. */
      readonly text: string;
      /** The DS it stands for, one canonical line. */
      readonly line: string;
      readonly keyTag: number;
      readonly algorithm: number;
      readonly digestType: number;
      /** A DNSKEY was pasted: checked as its SHA-256 DS. */
      readonly fromDnskey: boolean;
    })
  | {
      readonly kind: 'malformed';
      readonly index: number;
      readonly text: string;
      readonly message: string;
    };

export interface ZoneKeyRow extends KeyView {
  /** Whether it signs the DNSKEY RRset now; null when not checked (past the key limit). */
  readonly signing: SigningState | null;
}

export interface DsSetCheck {
  readonly zone: string;
  readonly result: DsCheckResult;
  readonly items: readonly DsItem[];
  /** Pasted lines past the limit, not checked. */
  readonly skipped: number;
  /** The zone's DNSKEY RRset as fetched; empty: the zone serves no DNSKEY (unsigned). */
  readonly keys: readonly ZoneKeyRow[];
  readonly meanwhile: Meanwhile;
}

/** What was fetched: the zone's DNSKEY RRset and the parent's DS RRset (material.ts). */
export interface DsCheckMaterial {
  /** The answer records of the zone's DNSKEY query: DNSKEY and RRSIG. */
  readonly dnskeyRecords: readonly ResourceRecord[];
  readonly dnskeyTtl: Ttl | null;
  /** The answer records of the zone's DS query at the parent; null when not known. */
  readonly parentDs: {
    readonly records: readonly ResourceRecord[];
    readonly ttl: Ttl | null;
  } | null;
}

export interface DsCheckInput extends DsCheckMaterial {
  /** The zone whose DS set is checked (fully qualified). */
  readonly zone: string;
  /** The pasted records, one entry each (split-pasted.ts). */
  readonly pasted: readonly string[];
  /** Seconds since the Unix epoch: signatures are judged at this time. */
  readonly now: number;
}

/** Keys whose signature over the DNSKEY RRset is checked for the key list (KeyTrap bound). */
const KEYS_LISTED = 8;

function judged(pasted: PastedDs, evaluation: DsEvaluation): DsItem {
  return {
    kind: 'ds',
    index: pasted.index,
    text: pasted.text,
    line: pasted.line,
    keyTag: pasted.ds.keyTag,
    algorithm: pasted.ds.algorithm,
    digestType: pasted.ds.digestType,
    fromDnskey: pasted.fromDnskey !== undefined,
    ...evaluation,
  };
}

/** The parent's DS records, judged like the pasted ones (undecodable ones match nothing). */
async function judgeParent(
  zone: string,
  records: readonly ResourceRecord[],
  keySet: ZoneKeySet,
): Promise<JudgedDs[]> {
  const out: JudgedDs[] = [];
  for (const rr of records.filter((r) => r.type === RRTYPE.DS).slice(0, MAX_PASTED_RECORDS)) {
    const ds = decodeDs(rr.rdata);
    if (!ds.ok) continue;
    const { status } = await evaluateDs(zone, ds.value, keySet);
    out.push({ line: dsLine(zone, ds.value), ...fieldsOf(ds.value), status });
  }
  return applySha1Rule(out);
}

function fieldsOf(ds: DsFields) {
  return { keyTag: ds.keyTag, algorithm: ds.algorithm, digestType: ds.digestType };
}

/** Each pasted line, read and judged; the SHA-1 rule applies to the set as a whole. */
async function judgePasted(zone: string, pasted: readonly PastedRecord[], keySet: ZoneKeySet) {
  const items: DsItem[] = [];
  for (const record of pasted) {
    items.push(
      record.kind === 'malformed'
        ? record
        : judged(record, await evaluateDs(zone, record.ds, keySet)),
    );
  }
  const readable = applySha1Rule(items.filter((i) => i.kind === 'ds'));
  return items.map((item) => readable.find((r) => r.index === item.index) ?? item);
}

/** The zone's keys, each with its signature over the DNSKEY RRset (the first KEYS_LISTED). */
async function keyRows(keySet: ZoneKeySet): Promise<ZoneKeyRow[]> {
  const rows: ZoneKeyRow[] = [];
  for (const [i, key] of keySet.keys.entries()) {
    rows.push({ ...keyView(key), signing: i < KEYS_LISTED ? await keySet.signing(key) : null });
  }
  return rows;
}

/**
 * @example await checkDsSet({ zone: 'example.', pasted: ['12345 13 2 AB…'], dnskeyRecords, dnskeyTtl, parentDs, now })
 * // { result: 'secure', items: [{ kind: 'ds', status: 'valid', key: { keyTag: 12345, role: 'KSK' } … }], … }
 */
export async function checkDsSet(input: DsCheckInput): Promise<DsSetCheck> {
  const zone = fqdn(input.zone);
  const keySet = zoneKeySet(zone, input.dnskeyRecords, input.now);
  const read = readPastedRecords(zone, input.pasted);
  const items = await judgePasted(zone, read.records, keySet);
  const pasted: JudgedDs[] = items.flatMap((i) => (i.kind === 'ds' ? [i] : []));
  const result = setResult(pasted);
  const current =
    input.parentDs === null ? null : await judgeParent(zone, input.parentDs.records, keySet);
  return {
    zone,
    result,
    items,
    skipped: read.skipped,
    keys: await keyRows(keySet),
    meanwhile: meanwhile({
      pasted,
      current,
      result,
      dsTtl: input.parentDs?.ttl ?? null,
      dnskeyTtl: input.dnskeyTtl,
    }),
  };
}

export type { DsStatus, Meanwhile, Ttl };
