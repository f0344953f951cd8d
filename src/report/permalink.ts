/**
 * The evidence permalink: `#/evidence/<payload>` carries the Evidence itself, so whoever
 * opens it sees the same exchanges and recomputes the same verdict in their own browser,
 * and no server of ours ever holds it (design.md, "Routes live in the URL fragment").
 *
 *   payload = base64url( format octet ‖ DEFLATE-raw( body ) )      (RFC 4648 §5, RFC 1951)
 *
 * The format octet lets the layout evolve: format 1 is the packed body of
 * `permalink-layout.ts` for Evidence version 1. A link is untrusted input: its length, its
 * inflated size and every field are bounded, and decoding never throws.
 *
 * @example
 *   const payload = await encodeEvidenceLink(evidence);
 *   const url = `${location.origin}${location.pathname}${evidenceFragment(payload)}`;
 *   const opened = await decodeEvidenceLink(payload);
 *   if (!opened.ok) explain(opened.message);
 */

import type { Evidence } from '../evidence/evidence';
import { parseEvidence } from '../evidence/codec';
import { deflateRaw, inflateRaw } from './permalink-deflate';
import { packEvidence, unpackEvidence } from './permalink-layout';

/** The link format this version writes. */
export const LINK_FORMAT = 1;
/** The longest payload accepted, in characters (about 192 KiB of compressed data). */
export const MAX_LINK_PAYLOAD_CHARACTERS = 256 * 1024;
/** The most a payload may inflate to; beyond it decoding stops (a "zip bomb"). */
export const MAX_LINK_BODY_OCTETS = 2 * 1024 * 1024;
/**
 * Above this many characters a payload makes an unwieldy link (mail clients and chat apps
 * cut or refuse long URLs): the UI offers the evidence as a file instead.
 */
export const EVIDENCE_LINK_SOFT_LIMIT = 8 * 1024;

export type LinkProblemKind =
  'bad-base64' | 'bad-compression' | 'too-large' | 'bad-json' | 'invalid' | 'unknown-version';

export type EvidenceLinkResult =
  | { readonly ok: true; readonly evidence: Evidence }
  | { readonly ok: false; readonly kind: LinkProblemKind; readonly message: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/**
 * The link payload of valid Evidence (base64url, no padding).
 *
 * Throws a TypeError for Evidence that `parseEvidence` refuses (a programming error) and
 * a RangeError when the Evidence is too large to be opened as a link (its packed body
 * exceeds MAX_LINK_BODY_OCTETS or the payload MAX_LINK_PAYLOAD_CHARACTERS): offer a file.
 *
 * @example await encodeEvidenceLink(evidence) // 'AX2S…' (about 5–8 KB for a typical check)
 */
export async function encodeEvidenceLink(evidence: Evidence): Promise<string> {
  const checked = parseEvidence(evidence);
  if (!checked.ok) throw new TypeError(`Cannot link invalid evidence: ${checked.message}`);
  const body = packEvidence(checked.evidence);
  if (body.length > MAX_LINK_BODY_OCTETS) {
    throw new RangeError(`The evidence is too large for a link (${body.length} octets).`);
  }
  const compressed = await deflateRaw(body);
  const framed = new Uint8Array(compressed.length + 1);
  framed[0] = LINK_FORMAT;
  framed.set(compressed, 1);
  const payload = toBase64Url(framed);
  if (payload.length > MAX_LINK_PAYLOAD_CHARACTERS) {
    throw new RangeError(`The evidence is too large for a link (${payload.length} characters).`);
  }
  return payload;
}

/**
 * Whether a payload is too long to share comfortably as a link; the UI then offers the
 * evidence as a file download instead.
 *
 * @example evidenceLinkTooLarge('A'.repeat(9000)) // true
 */
export function evidenceLinkTooLarge(payload: string): boolean {
  return payload.length > EVIDENCE_LINK_SOFT_LIMIT;
}

const DAMAGED = 'This evidence link is damaged';

function refuse(kind: LinkProblemKind, message: string): EvidenceLinkResult {
  return { ok: false, kind, message };
}

async function decode(payload: string): Promise<EvidenceLinkResult> {
  if (payload.length > MAX_LINK_PAYLOAD_CHARACTERS * 2) {
    return refuse('too-large', `This evidence link is too long (${payload.length} characters).`);
  }
  // Mail clients wrap long links and some tools add padding: neither changes the data.
  const text = payload.replace(/\s+/g, '').replace(/={1,2}$/, '');
  if (text === '') return refuse('bad-base64', `${DAMAGED}: it carries no data.`);
  if (text.length > MAX_LINK_PAYLOAD_CHARACTERS) {
    return refuse(
      'too-large',
      `This evidence link is too long (${text.length} characters; at most ${MAX_LINK_PAYLOAD_CHARACTERS} are accepted).`,
    );
  }
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad) {
    return refuse(
      'bad-base64',
      `${DAMAGED}: it contains ${JSON.stringify(bad[0])}, which a link payload never does (was it changed when copied?).`,
    );
  }
  const framed = fromBase64Url(text);
  if (framed === undefined || framed.length === 0) {
    return refuse('bad-base64', `${DAMAGED}: it was cut short (its length does not add up).`);
  }
  const format = framed[0] ?? 0;
  if (format !== LINK_FORMAT) {
    return format > LINK_FORMAT && format < 0x20
      ? refuse(
          'unknown-version',
          `This evidence link was made by a newer version of SERVFAIL Lens (link format ${format}). Open it with the current app.`,
        )
      : refuse('invalid', 'This is not a SERVFAIL Lens evidence link (unknown format marker).');
  }
  const inflated = await inflateRaw(framed.subarray(1), MAX_LINK_BODY_OCTETS);
  if (!inflated.ok) {
    return inflated.reason === 'too-large'
      ? refuse(
          'too-large',
          `This evidence link unpacks to more than ${MAX_LINK_BODY_OCTETS / (1024 * 1024)} MiB, so it was not opened.`,
        )
      : refuse(
          'bad-compression',
          `${DAMAGED}: its compressed data is corrupt or incomplete (was the link cut short?).`,
        );
  }
  const unpacked = unpackEvidence(inflated.bytes);
  if (!unpacked.ok) return refuse(unpacked.kind, `${DAMAGED}: ${unpacked.message}.`);
  const parsed = parseEvidence(unpacked.evidence);
  if (!parsed.ok) {
    return parsed.kind === 'unknown-version'
      ? refuse('unknown-version', parsed.message)
      : refuse('invalid', `This evidence link holds invalid evidence: ${parsed.message}`);
  }
  return { ok: true, evidence: parsed.evidence };
}

/**
 * Opens an untrusted link payload. Never throws; every failure names what is wrong.
 *
 * @example
 *   await decodeEvidenceLink('%%%')
 *   // { ok: false, kind: 'bad-base64', message: 'This evidence link is damaged: it contains "%" …' }
 */
export async function decodeEvidenceLink(payload: string): Promise<EvidenceLinkResult> {
  try {
    return await decode(typeof payload === 'string' ? payload : '');
  } catch {
    return refuse('bad-compression', `${DAMAGED}: it could not be read.`);
  }
}
