/** RRSIG RDATA (RFC 4034 §3.1) for validation: the signer as labels, and where the signed prefix ends. */

import { RdataReader } from '../../dns/rdata/reader';
import { readRrsigHead, type RrsigHead } from '../../dns/rdata/rrsig';
import { fail, ok, type WireResult } from '../../dns/wire/result';

export interface RrsigRdata extends RrsigHead {
  readonly signature: Uint8Array;
  /** The RDATA up to and excluding the signature: the first part of the signed data. */
  readonly signedPrefixLength: number;
}

export function decodeRrsig(rdata: Uint8Array): WireResult<RrsigRdata> {
  // Short RDATA is common in hostile input: refuse it before the reader raises (cheaper).
  if (rdata.length < 19) return fail('bad-rdata', 'RRSIG RDATA shorter than 19 octets');
  const r = new RdataReader(rdata);
  const head = readRrsigHead(r);
  if (r.error !== undefined) return fail('bad-rdata', `RRSIG: ${r.error}`);
  const signedPrefixLength = rdata.length - r.remaining;
  if (r.remaining === 0) return fail('bad-rdata', 'RRSIG without a signature');
  return ok({ ...head, signature: r.rest(), signedPrefixLength });
}
