/**
 * The few DNS wire-format operations the lab needs, over dns-packet: build a query with
 * EDNS DO and CD, and read rcode, AD and Extended DNS Errors from an answer.
 *
 * dns-packet ships no types; rather than declaring the module globally (which would clash
 * with the app's own declaration), the lab loads it with `require` and types the small
 * surface it uses here.
 */
import { createRequire } from 'node:module';

interface OptionData {
  readonly code: number;
  readonly data?: Uint8Array;
}

interface DecodedRecord {
  readonly type: string;
  readonly name: string;
  readonly ttl?: number;
  readonly options?: readonly OptionData[];
  readonly data?: unknown;
}

interface DecodedPacket {
  readonly id: number;
  readonly flags: number;
  readonly rcode: string;
  readonly questions: readonly { readonly type: string; readonly name: string }[];
  readonly answers: readonly DecodedRecord[];
  readonly authorities: readonly DecodedRecord[];
  readonly additionals: readonly DecodedRecord[];
}

interface QueryPacket {
  readonly type: 'query';
  readonly id: number;
  readonly flags: number;
  readonly questions: readonly { readonly type: string; readonly name: string }[];
  readonly additionals: readonly {
    readonly type: 'OPT';
    readonly name: '.';
    readonly udpPayloadSize: number;
    readonly flags: number;
    readonly options: readonly OptionData[];
  }[];
}

interface DnsPacketModule {
  encode(packet: QueryPacket): Uint8Array;
  decode(bytes: Uint8Array): DecodedPacket;
  readonly RECURSION_DESIRED: number;
  readonly CHECKING_DISABLED: number;
  readonly AUTHENTIC_DATA: number;
  readonly AUTHORITATIVE_ANSWER: number;
  readonly TRUNCATED_RESPONSE: number;
  readonly DNSSEC_OK: number;
}

const dnsPacket = createRequire(import.meta.url)('dns-packet') as DnsPacketModule;

/** RFC 8914 §2: EDNS option code 15. */
const EDE_OPTION = 15;

export interface QuerySpec {
  readonly qname: string;
  readonly qtype: string;
  /** Checking Disabled (RFC 4035 §3.2.2): the resolver returns data without validating. */
  readonly cd: boolean;
  /** Without EDNS (default with): a 512-octet answer limit, so large answers come truncated. */
  readonly edns?: boolean;
}

/**
 * A recursive query with EDNS (RFC 6891), DO=1 (RFC 3225) and ID 0, as RFC 8484 §4.1
 * recommends for cache-friendly DoH GETs. 1232 is the DNS Flag Day 2020 buffer size.
 */
export function buildQuery(spec: QuerySpec): Uint8Array<ArrayBuffer> {
  const flags = dnsPacket.RECURSION_DESIRED | (spec.cd ? dnsPacket.CHECKING_DISABLED : 0);
  // A copy on a plain ArrayBuffer, which fetch() accepts as a request body.
  const encoded = dnsPacket.encode({
    type: 'query',
    id: 0,
    flags,
    questions: [{ type: spec.qtype, name: spec.qname.replace(/\.$/, '') }],
    additionals:
      spec.edns === false
        ? []
        : [
            {
              type: 'OPT',
              name: '.',
              udpPayloadSize: 1232,
              flags: dnsPacket.DNSSEC_OK,
              options: [],
            },
          ],
  });
  return new Uint8Array(encoded);
}

export interface ExtendedError {
  readonly code: number;
  readonly text: string;
}

export interface AnswerSummary {
  readonly rcode: string;
  /** Authentic Data: the resolver validated the answer (RFC 4035 §3.2.3). */
  readonly ad: boolean;
  /** TC: the answer did not fit (RFC 1035 §4.1.1). */
  readonly tc: boolean;
  readonly ede: readonly ExtendedError[];
  /** Answer-section records except RRSIGs, as `<TYPE> <data>` (e.g. `A 127.0.80.8`), in order. */
  readonly answers: readonly string[];
}

/** RFC 8914 §2: INFO-CODE (2 octets), then EXTRA-TEXT in UTF-8, possibly empty. */
function parseExtendedError(data: Uint8Array): ExtendedError {
  if (data.length < 2) return { code: -1, text: 'malformed EDE option' };
  const code = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
  return { code, text: new TextDecoder().decode(data.subarray(2)) };
}

export function summarizeAnswer(bytes: Uint8Array): AnswerSummary {
  const packet = dnsPacket.decode(Buffer.from(bytes));
  const ede = packet.additionals
    .filter((record) => record.type === 'OPT')
    .flatMap((record) => record.options ?? [])
    .filter((option) => option.code === EDE_OPTION && option.data !== undefined)
    .map((option) => parseExtendedError(option.data ?? new Uint8Array()));
  return {
    rcode: packet.rcode,
    ad: (packet.flags & dnsPacket.AUTHENTIC_DATA) !== 0,
    tc: (packet.flags & dnsPacket.TRUNCATED_RESPONSE) !== 0,
    ede,
    answers: packet.answers
      .filter((record) => record.type !== 'RRSIG')
      .map((record) => `${record.type} ${String(record.data)}`),
  };
}

/** A resource record with its RDATA in presentation format (RFC 1035 §5.1). */
export interface WireRecord {
  /** Owner name without the trailing dot, as dns-packet decodes it. */
  readonly name: string;
  readonly type: string;
  /**
   * `NS`: the host; `A`: the address; `DS`: `<tag> <alg> <digest type> <HEX>`; `NSEC`:
   * `<next> <types>`; `SOA`: RFC 1035 order; `DNSKEY`: `<flags> 3 <alg> <base64>`; `RRSIG`:
   * `<covered> <alg> <labels> <ttl> <expiration> <inception> <tag> <signer>`, times in epoch
   * seconds, no signature.
   */
  readonly data: string;
  readonly ttl: number;
}

export interface DecodedMessage {
  readonly id: number;
  readonly rcode: string;
  /** Authoritative Answer (RFC 1035 §4.1.1): set by a zone's own servers, not on referrals. */
  readonly aa: boolean;
  readonly ad: boolean;
  readonly tc: boolean;
  /** The question section as `<name> <TYPE>`, names without the trailing dot. */
  readonly questions: readonly string[];
  /** Whether the message carries an EDNS OPT record (RFC 6891 §6.1.1). */
  readonly edns: boolean;
  readonly answers: readonly WireRecord[];
  readonly authorities: readonly WireRecord[];
  /** Without the OPT pseudo-record. */
  readonly additionals: readonly WireRecord[];
}

interface DsData {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly digest: Uint8Array;
}

interface NsecData {
  readonly nextDomain: string;
  readonly rrtypes: readonly string[];
}

interface SoaData {
  readonly mname: string;
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}

interface DnskeyData {
  readonly flags: number;
  readonly algorithm: number;
  readonly key: Uint8Array;
}

interface RrsigData {
  readonly typeCovered: string;
  readonly algorithm: number;
  readonly labels: number;
  readonly originalTTL: number;
  /** Seconds since the Unix epoch. */
  readonly expiration: number;
  readonly inception: number;
  readonly keyTag: number;
  readonly signersName: string;
}

/** RFC 4034 §3.2, except that times stay in epoch seconds and the signature is left out. */
function rrsigPresentation(rrsig: RrsigData): string {
  const { typeCovered, algorithm, labels, originalTTL, expiration, inception } = rrsig;
  return `${typeCovered} ${algorithm} ${labels} ${originalTTL} ${expiration} ${inception} ${rrsig.keyTag} ${rrsig.signersName}`;
}

function presentation(record: DecodedRecord): string {
  if (record.type === 'SOA') {
    const soa = record.data as SoaData;
    return `${soa.mname} ${soa.rname} ${soa.serial} ${soa.refresh} ${soa.retry} ${soa.expire} ${soa.minimum}`;
  }
  if (record.type === 'DNSKEY') {
    // RFC 4034 §2.2; the protocol field is always 3 (§2.1.2), dns-packet does not keep it.
    const key = record.data as DnskeyData;
    return `${key.flags} 3 ${key.algorithm} ${Buffer.from(key.key).toString('base64')}`;
  }
  if (record.type === 'RRSIG') return rrsigPresentation(record.data as RrsigData);
  if (record.type === 'DS') {
    const ds = record.data as DsData;
    const hex = Buffer.from(ds.digest).toString('hex').toUpperCase();
    return `${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${hex}`;
  }
  if (record.type === 'NSEC') {
    const nsec = record.data as NsecData;
    return `${nsec.nextDomain} ${nsec.rrtypes.join(' ')}`;
  }
  return String(record.data);
}

function wireRecords(records: readonly DecodedRecord[]): WireRecord[] {
  return records
    .filter((record) => record.type !== 'OPT')
    .map((record) => ({
      name: record.name,
      type: record.type,
      data: presentation(record),
      ttl: record.ttl ?? 0,
    }));
}

/** Every section of a message, for looking at what an authoritative server publishes. */
export function decodeMessage(bytes: Uint8Array): DecodedMessage {
  const packet = dnsPacket.decode(Buffer.from(bytes));
  return {
    id: packet.id,
    rcode: packet.rcode,
    aa: (packet.flags & dnsPacket.AUTHORITATIVE_ANSWER) !== 0,
    ad: (packet.flags & dnsPacket.AUTHENTIC_DATA) !== 0,
    tc: (packet.flags & dnsPacket.TRUNCATED_RESPONSE) !== 0,
    questions: packet.questions.map((question) => `${question.name} ${question.type}`),
    edns: packet.additionals.some((record) => record.type === 'OPT'),
    answers: wireRecords(packet.answers),
    authorities: wireRecords(packet.authorities),
    additionals: wireRecords(packet.additionals),
  };
}
