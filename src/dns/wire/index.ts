/**
 * src/dns/wire: our own raw DNS wire layer. Owner names stay label bytes and RDATA keeps the
 * exact octets (names decompressed), which DNSSEC canonical form needs (RFC 4034 §6).
 */

export * from './result';
export * from './encoding';
export * from './name';
export * from './types';
export type { ResourceRecord } from './record';
export * from './message';
export * from './rdata-layout';
export * from './type-bitmap';
export * from './zone-text';
