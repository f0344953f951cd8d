/**
 * What every record-type module provides (the shape of hickory-dns' `rdata/` modules):
 * read the RDATA from wire, write it back, print it, read it from presentation text.
 * For every record the app can read, `encode(decode(bytes))` gives the same bytes and
 * `fromText(toText(data))` gives the same data (test/unit/dns/rdata-roundtrip.test.ts).
 */

import type { RecordData } from './data';
import type { TextFields } from './fields';
import type { RdataReader } from './reader';
import type { RdataWriter } from './writer';

/** How long base64 and hex fields are printed. */
export interface TextStyle {
  /**
   * `true`: cut into 56-character words as dig does by default (`+split=56`), for reports
   * that are compared with a terminal; `false`: one word, for one-line record texts.
   */
  readonly split: boolean;
}

export interface RdataCodec<D extends RecordData> {
  /** The type codes this module reads; several share one layout (DS and CDS). */
  readonly types: readonly number[];
  /** Raises RdataError when the octets do not fit the type. */
  decode(type: number, r: RdataReader): D;
  encode(data: D, w: RdataWriter): void;
  toText(data: D, style: TextStyle): string;
  /** Raises RdataTextError when the text does not fit the type. */
  fromText(type: number, f: TextFields): D;
}
