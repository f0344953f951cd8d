/**
 * Single mutations of the BIND-signed vectors, as data: what is changed, and the status and
 * reason a validator must report. The list is generated per signed zone from one template.
 */

import type { WorkLimits } from '../../../src/dnssec/budget';
import type { ReasonId, Status } from '../../../src/dnssec/status';
import { scenarios } from '../helpers/signed-evidence';

export interface RecordSelector {
  readonly owner?: string;
  readonly type: string;
  /** For RRSIG: the type covered. */
  readonly covers?: string;
  /** For DNSKEY: the flags. */
  readonly flags?: number;
  /** Only the nth match (0-based). */
  readonly nth?: number;
}

export type RecordOp =
  | { readonly op: 'remove' }
  | { readonly op: 'flip-last-byte' }
  | { readonly op: 'flip-byte'; readonly at: number }
  | { readonly op: 'set-byte'; readonly at: number; readonly value: number }
  | { readonly op: 'add-u16'; readonly at: number; readonly delta: number }
  | { readonly op: 'set-u16'; readonly at: number; readonly value: number }
  | { readonly op: 'rrsig-signer'; readonly signer: string }
  | { readonly op: 'duplicate-flipped'; readonly count: number };

export interface Mutation {
  readonly id: string;
  readonly scenario: { readonly qname: string; readonly qtype: string };
  /** Edits of records in recorded responses (key `"<name> <TYPE>"`). */
  readonly edits?: readonly {
    readonly response: string;
    readonly select: RecordSelector;
    readonly op: RecordOp;
  }[];
  readonly removeResponses?: readonly string[];
  /** An edit of the trust anchor DS. */
  readonly anchor?: RecordOp;
  readonly now?: number;
  readonly limits?: Partial<WorkLimits>;
  readonly expect: { readonly status: Status; readonly reason: ReasonId };
}

const EXPIRED_NOW = Date.UTC(2037, 0, 1) / 1000;
const EARLY_NOW = Date.UTC(2025, 5, 1) / 1000;

// RRSIG RDATA offsets (RFC 4034 §3.1): algorithm 2, labels 3, original TTL 4–7, key tag 16–17.
const RRSIG_ALGORITHM = 2;
const RRSIG_LABELS = 3;
const RRSIG_TTL_LOW = 6;
const RRSIG_KEY_TAG = 16;
const DS_ALGORITHM = 2;
const DS_DIGEST_TYPE = 3;

const bogus = (reason: ReasonId) => ({ status: 'bogus' as const, reason });

function forZone(zoneId: string): Mutation[] {
  const o = `${zoneId}.lens.`;
  const www = { qname: `www.${o}`, qtype: 'A' };
  const wwwA = `www.${o} A`;
  const rrsigA = { type: 'RRSIG', covers: 'A', owner: `www.${o}` };
  const nsec3 =
    scenarios.some((s) => s.id === `${zoneId}/nxdomain` && s.reason === 'nsec3-opt-out') ||
    zoneId.includes('nsec3');
  const denialType = nsec3 ? 'NSEC3' : 'NSEC';
  const m = (id: string, rest: Omit<Mutation, 'id'>): Mutation => ({
    id: `${zoneId}/${id}`,
    ...rest,
  });
  const edit = (response: string, select: RecordSelector, op: RecordOp) => [
    { response, select, op },
  ];
  return [
    m('a-signature-byte', {
      scenario: www,
      edits: edit(wwwA, rrsigA, { op: 'flip-last-byte' }),
      expect: bogus('signature-invalid'),
    }),
    m('a-rrsig-removed', {
      scenario: www,
      edits: edit(wwwA, rrsigA, { op: 'remove' }),
      expect: bogus('rrsig-missing'),
    }),
    m('a-rdata-changed', {
      scenario: www,
      edits: edit(wwwA, { type: 'A', owner: `www.${o}` }, { op: 'flip-last-byte' }),
      expect: bogus('signature-invalid'),
    }),
    m('a-labels-lowered', {
      scenario: www,
      edits: edit(wwwA, rrsigA, { op: 'set-byte', at: RRSIG_LABELS, value: 2 }),
      expect: bogus('signature-invalid'),
    }),
    m('a-labels-raised', {
      scenario: www,
      edits: edit(wwwA, rrsigA, { op: 'set-byte', at: RRSIG_LABELS, value: 4 }),
      expect: bogus('rrsig-malformed'),
    }),
    m('a-signer-changed', {
      scenario: www,
      edits: edit(wwwA, rrsigA, { op: 'rrsig-signer', signer: 'lens.' }),
      expect: bogus('rrsig-malformed'),
    }),
    m('a-key-tag-changed', {
      scenario: www,
      edits: edit(wwwA, rrsigA, { op: 'add-u16', at: RRSIG_KEY_TAG, delta: 1 }),
      expect: bogus('dnskey-missing'),
    }),
    m('a-algorithm-changed', {
      scenario: www,
      edits: edit(wwwA, rrsigA, { op: 'set-byte', at: RRSIG_ALGORITHM, value: 253 }),
      expect: bogus('dnskey-missing'),
    }),
    m('a-original-ttl-changed', {
      scenario: www,
      edits: edit(wwwA, rrsigA, { op: 'add-u16', at: RRSIG_TTL_LOW, delta: 1 }),
      expect: bogus('signature-invalid'),
    }),
    m('expired', { scenario: www, now: EXPIRED_NOW, expect: bogus('rrsig-expired') }),
    m('not-yet-valid', { scenario: www, now: EARLY_NOW, expect: bogus('rrsig-not-yet-valid') }),
    m('ksk-removed', {
      scenario: www,
      edits: edit(`${o} DNSKEY`, { type: 'DNSKEY', flags: 257 }, { op: 'remove' }),
      expect: bogus('ds-mismatch'),
    }),
    m('zsk-removed', {
      scenario: www,
      edits: edit(`${o} DNSKEY`, { type: 'DNSKEY', flags: 256 }, { op: 'remove' }),
      expect: bogus('signature-invalid'),
    }),
    m('ksk-zone-bit-off', {
      scenario: www,
      edits: edit(
        `${o} DNSKEY`,
        { type: 'DNSKEY', flags: 257 },
        { op: 'set-u16', at: 0, value: 1 },
      ),
      expect: bogus('ds-mismatch'),
    }),
    m('zsk-sep-on', {
      scenario: www,
      edits: edit(
        `${o} DNSKEY`,
        { type: 'DNSKEY', flags: 256 },
        { op: 'set-u16', at: 0, value: 257 },
      ),
      expect: bogus('signature-invalid'),
    }),
    m('dnskey-rrsig-removed', {
      scenario: www,
      edits: edit(`${o} DNSKEY`, { type: 'RRSIG', covers: 'DNSKEY' }, { op: 'remove' }),
      expect: bogus('rrsig-missing'),
    }),
    m('dnskey-signature-byte', {
      scenario: www,
      edits: edit(`${o} DNSKEY`, { type: 'RRSIG', covers: 'DNSKEY' }, { op: 'flip-last-byte' }),
      expect: bogus('signature-invalid'),
    }),
    m('ds-digest-byte', {
      scenario: www,
      edits: edit(`${o} DS`, { type: 'DS' }, { op: 'flip-last-byte' }),
      expect: bogus('signature-invalid'),
    }),
    m('ds-rrsig-removed', {
      scenario: www,
      edits: edit(`${o} DS`, { type: 'RRSIG', covers: 'DS' }, { op: 'remove' }),
      expect: bogus('rrsig-missing'),
    }),
    m('ds-removed', {
      scenario: www,
      edits: [
        ...edit(`${o} DS`, { type: 'DS' }, { op: 'remove' }),
        ...edit(`${o} DS`, { type: 'RRSIG', covers: 'DS' }, { op: 'remove' }),
      ],
      expect: bogus('nsec-missing'),
    }),
    m('nxdomain-denial-removed', {
      scenario: { qname: `nx.${o}`, qtype: 'A' },
      edits: edit(`nx.${o} A`, { type: denialType }, { op: 'remove' }),
      expect: bogus('nsec-missing'),
    }),
    m('nxdomain-denial-signature', {
      scenario: { qname: `nx.${o}`, qtype: 'A' },
      edits: edit(`nx.${o} A`, { type: 'RRSIG', covers: denialType }, { op: 'flip-last-byte' }),
      expect: bogus('signature-invalid'),
    }),
    m('nodata-denial-removed', {
      scenario: { qname: `www.${o}`, qtype: 'AAAA' },
      edits: edit(`www.${o} AAAA`, { type: denialType }, { op: 'remove' }),
      expect: bogus('nsec-missing'),
    }),
    m('nodata-denial-altered', {
      scenario: { qname: `www.${o}`, qtype: 'AAAA' },
      edits: edit(`www.${o} AAAA`, { type: denialType }, { op: 'flip-last-byte' }),
      expect: bogus('signature-invalid'),
    }),
    m('nodata-soa-signature', {
      scenario: { qname: `www.${o}`, qtype: 'AAAA' },
      edits: edit(`www.${o} AAAA`, { type: 'RRSIG', covers: 'SOA' }, { op: 'flip-last-byte' }),
      expect: bogus('signature-invalid'),
    }),
    m('wildcard-denial-removed', {
      scenario: { qname: `x.wild.${o}`, qtype: 'A' },
      edits: edit(`x.wild.${o} A`, { type: denialType }, { op: 'remove' }),
      expect: bogus('nsec-missing'),
    }),
    m('dname-synthesised-cname-forged', {
      scenario: { qname: `www.dn.${o}`, qtype: 'A' },
      edits: edit(
        `www.dn.${o} A`,
        { type: 'CNAME', owner: `www.dn.${o}` },
        { op: 'flip-byte', at: 1 },
      ),
      expect: bogus('dname-mismatch'),
    }),
    m('dnskey-response-missing', {
      scenario: www,
      removeResponses: [`${o} DNSKEY`],
      expect: { status: 'indeterminate', reason: 'material-missing' },
    }),
    m('ds-response-missing', {
      scenario: www,
      removeResponses: [`${o} DS`],
      expect: { status: 'indeterminate', reason: 'material-missing' },
    }),
    m('keytrap-many-signatures', {
      scenario: www,
      edits: edit(wwwA, rrsigA, { op: 'duplicate-flipped', count: 12 }),
      expect: { status: 'indeterminate', reason: 'work-limit' },
    }),
  ];
}

const zoneIds = [...new Set(scenarios.map((s) => s.id.split('/')[0]!))].filter(
  (z) => z !== 'lens' && z !== 'root',
);

const www = { qname: `www.${zoneIds[0]!}.lens.`, qtype: 'A' };

export const MUTATIONS: readonly Mutation[] = [
  ...zoneIds.flatMap(forZone),
  {
    id: 'anchor/digest-byte',
    scenario: www,
    anchor: { op: 'flip-last-byte' },
    expect: bogus('ds-mismatch'),
  },
  {
    id: 'anchor/algorithm-unsupported',
    scenario: www,
    anchor: { op: 'set-byte', at: DS_ALGORITHM, value: 200 },
    expect: { status: 'insecure', reason: 'unsupported-algorithm' },
  },
  {
    id: 'anchor/digest-type-unsupported',
    scenario: www,
    anchor: { op: 'set-byte', at: DS_DIGEST_TYPE, value: 3 },
    expect: { status: 'insecure', reason: 'unsupported-digest' },
  },
  {
    id: 'budget/verifications',
    scenario: www,
    limits: { verifications: 2 },
    expect: { status: 'indeterminate', reason: 'work-limit' },
  },
  {
    id: 'root/dnskey-missing',
    scenario: www,
    removeResponses: ['. DNSKEY'],
    expect: { status: 'indeterminate', reason: 'material-missing' },
  },
  {
    id: 'lens/ds-signature-byte',
    scenario: www,
    edits: [
      {
        response: 'lens. DS',
        select: { type: 'RRSIG', covers: 'DS' },
        op: { op: 'flip-last-byte' },
      },
    ],
    expect: bogus('signature-invalid'),
  },
  {
    id: 'lens/unsigned-child-denial-removed',
    scenario: { qname: 'www.unsigned.lens.', qtype: 'A' },
    edits: [{ response: 'unsigned.lens. DS', select: { type: 'NSEC3' }, op: { op: 'remove' } }],
    expect: bogus('nsec-missing'),
  },
];
