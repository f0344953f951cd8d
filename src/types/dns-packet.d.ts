/**
 * The subset of dns-packet 5.6.1 that SERVFAIL Lens uses (there is no @types/dns-packet,
 * and Node's types must not leak into the pure layers).
 *
 * dns-packet works on `buffer`'s Buffer, a Uint8Array subclass: what it returns can be used
 * as a Uint8Array, but `decode` calls Buffer methods on its input, so it needs a real Buffer
 * (`Buffer.from(bytes)` in Node or from the `buffer` package), which `PacketBuffer` demands.
 *
 * Decoded values come from the network and dns-packet does not check them against RDLENGTH
 * or the message bounds, so they are typed loosely (`unknown`) and must be narrowed by the
 * caller. `decode` throws on malformed input.
 */
declare module 'dns-packet' {
  /** What dns-packet needs of a Buffer it reads from. Node's Buffer and `buffer`'s satisfy it. */
  export interface PacketBuffer extends Uint8Array {
    readUInt8(offset: number): number;
    readUInt16BE(offset: number): number;
    readUInt32BE(offset: number): number;
  }

  export interface EncodableQuestion {
    /** A mnemonic dns-packet knows (`A`, `DNSKEY`…) or `UNKNOWN_<number>` for any type. */
    readonly type: string;
    /** Dotted name; dns-packet splits on dots and writes each label as UTF-8, unescaped. */
    readonly name: string;
    readonly class?: string;
  }

  export interface EncodableOption {
    readonly code: number;
    /** A Buffer (dns-packet copies it with Buffer#copy). */
    readonly data: PacketBuffer;
  }

  export interface EncodableOpt {
    readonly type: 'OPT';
    readonly name: '.';
    readonly udpPayloadSize?: number;
    /** The upper 8 bits of the extended RCODE (RFC 6891 §6.1.3). */
    readonly extendedRcode?: number;
    readonly ednsVersion?: number;
    /** The 16-bit EDNS flags field; DNSSEC_OK is bit 15. */
    readonly flags?: number;
    readonly options?: readonly EncodableOption[];
  }

  export interface EncodableRecord {
    readonly type: string;
    readonly name: string;
    readonly class?: string;
    readonly ttl?: number;
    /** Per-type data; binary fields (keys, signatures, digests, unknown RDATA) must be Buffers. */
    readonly data: unknown;
  }

  export interface EncodablePacket {
    readonly type?: 'query' | 'response';
    readonly id?: number;
    /** Header flags without QR (QR comes from `type`), e.g. RECURSION_DESIRED | CHECKING_DISABLED. */
    readonly flags?: number;
    readonly questions?: readonly EncodableQuestion[];
    readonly answers?: readonly (EncodableRecord | EncodableOpt)[];
    readonly authorities?: readonly (EncodableRecord | EncodableOpt)[];
    readonly additionals?: readonly (EncodableRecord | EncodableOpt)[];
  }

  /** Encodes a message; throws on values it cannot write. Names are never compressed. */
  export function encode(packet: EncodablePacket): PacketBuffer;

  /** A decoded message: untrusted, every field must be narrowed before use. */
  export interface DecodedPacket {
    readonly id?: unknown;
    readonly type?: unknown;
    readonly flags?: unknown;
    readonly rcode?: unknown;
    readonly opcode?: unknown;
    readonly questions?: unknown;
    readonly answers?: unknown;
    readonly authorities?: unknown;
    readonly additionals?: unknown;
    readonly [field: string]: unknown;
  }

  /** Decodes a message; throws (Error or RangeError) on malformed input. */
  export function decode(buf: PacketBuffer, offset?: number): DecodedPacket;

  export const AUTHORITATIVE_ANSWER: number;
  export const TRUNCATED_RESPONSE: number;
  export const RECURSION_DESIRED: number;
  export const RECURSION_AVAILABLE: number;
  export const AUTHENTIC_DATA: number;
  export const CHECKING_DISABLED: number;
  /** Bit 15 of the OPT record's flags (RFC 3225). */
  export const DNSSEC_OK: number;
}
