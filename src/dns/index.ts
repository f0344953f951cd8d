/**
 * The DNS message model: what the rest of the app imports from src/dns.
 * The byte-level layer for DNSSEC is `./wire/*`, imported directly where needed.
 */

export { toBase64Url } from './base64url';
export { formatDig, type DigTextOptions } from './dig-text';
export {
  EDE_CODES,
  EDE_OPTION_CODE,
  edeName,
  edeToText,
  parseEdeOption,
  type EdeParse,
  type ExtendedDnsError,
} from './ede';
export { EDNS_OPTION_NAMES, ednsOptionName, type EdnsOption, type OptRecord } from './edns';
export {
  FLAG,
  HEADER_FLAGS,
  OPCODE_MNEMONICS,
  decodeHeaderFlags,
  opcodeMnemonic,
  setFlagNames,
  type HeaderFlagName,
  type HeaderFlags,
} from './header';
export { labelToAscii, labelToUnicode, nameToUnicode } from './idna';
export { normalizeInput, type NameInput } from './input';
export {
  formatIpv4,
  formatIpv6,
  ipv4ReverseName,
  ipv6ReverseName,
  parseIpv4,
  parseIpv6,
} from './ip';
export {
  decodeMessage,
  type DecodeError,
  type DecodeErrorCode,
  type DecodeResult,
  type DnsMessage,
  type DnsQuestion,
  type DnsRecord,
  type SectionCounts,
} from './message';
export { MAX_LABEL_OCTETS, MAX_NAME_CHARACTERS, fullyQualified, sameName } from './name';
export { buildQuery, DEFAULT_UDP_PAYLOAD, type QueryOptions } from './query';
export { RCODE, RCODE_MNEMONICS, fullRcode, rcodeMnemonic } from './rcodes';
export { formatRdata, genericRdataText, readRdata, type RecordData } from './rdata';
export {
  CURL_DECODER,
  commandName,
  curlCommand,
  digArguments,
  digCommand,
  digOverDoh,
  reproduceQuery,
  shellQuote,
  type DigFlag,
  type DigQuery,
  type DigServer,
  type ReproduceOptions,
  type ShellCommand,
} from './shell-command';
export { SVC_PARAM_KEYS, svcParamKeyName, type SvcParam } from './rdata/svc-params';
export {
  RRCLASS,
  RRTYPE,
  classFromText,
  classToText,
  typeFromText,
  typeToText,
} from './wire/types';
