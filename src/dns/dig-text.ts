/**
 * A decoded message as `dig` (BIND 9.18) prints it, so a report reads like the terminal
 * session an operator knows, and can be diffed against one: the HEADER line (opcode,
 * status, id), the flags line with section counts, the OPT PSEUDOSECTION with one line per
 * EDE (`; EDE: 7 (Signature Expired): (text)`), then QUESTION, ANSWER, AUTHORITY and
 * ADDITIONAL with dig's tab layout, and the statistics lines.
 */

import { edeToText, EDE_OPTION_CODE, parseEdeOption } from './ede';
import type { EdnsOption, OptRecord } from './edns';
import { setFlagNames } from './header';
import { formatIpv4, formatIpv6 } from './ip';
import type { DnsMessage, DnsQuestion, DnsRecord } from './message';
import { digArguments, reproduceQuery, type ReproduceOptions } from './shell-command';
import { visibleText } from './visible-text';
import { toHex } from './wire/encoding';

export interface DigTextOptions {
  /** The resolver's DoH URL, for the SERVER line. */
  readonly resolver?: string;
  /** The query as sent, for the command line at the top (needs `resolver`). */
  readonly question?: Omit<ReproduceOptions, 'resolver'>;
  /** Round-trip time, for the `Query time` line. */
  readonly durationMs?: number;
  /** When the query was sent (ms since the epoch), for the `WHEN` line, in UTC. */
  readonly when?: number;
}

/** Pads with tabs (8 columns each) to `column`, at least one tab, as BIND's printer does. */
function padTo(text: string, column: number): string {
  let out = text;
  let width = text.length;
  do {
    out += '\t';
    width = (Math.floor(width / 8) + 1) * 8;
  } while (width < column);
  return out;
}

function questionLine(q: DnsQuestion): string {
  return `${padTo(`;${q.name}`, 32)}${q.class}\t${q.type}`;
}

function recordLine(rr: DnsRecord): string {
  return `${padTo(rr.name, 24)}${rr.ttl}\t${rr.class}\t${rr.type}\t${rr.rdata}`;
}

function printable(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  return out;
}

function spacedHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** RFC 7871 §6: FAMILY, SOURCE PREFIX-LENGTH, SCOPE PREFIX-LENGTH, ADDRESS (truncated). */
function clientSubnetText(data: Uint8Array): string | undefined {
  if (data.length < 4) return undefined;
  const family = (data[0]! << 8) | data[1]!;
  const address = new Uint8Array(family === 1 ? 4 : 16);
  address.set(data.subarray(4, 4 + address.length));
  if (family !== 1 && family !== 2) return undefined;
  const text = family === 1 ? formatIpv4(address) : formatIpv6(address);
  return `${text}/${data[2]!}/${data[3]!}`;
}

function optionLine(option: EdnsOption): string {
  switch (option.code) {
    case 3: // NSID (RFC 5001): hex, then the text dig shows in parentheses
      return `; NSID: ${spacedHex(option.data)} ("${printable(option.data)}")`;
    case 8:
      return `; CLIENT-SUBNET: ${clientSubnetText(option.data) ?? spacedHex(option.data)}`;
    case 10:
      return `; COOKIE: ${toHex(option.data)}`;
    case 12:
      return `; PADDING: ${option.data.length} octets`;
    default:
      return option.data.length === 0
        ? `; ${option.name}`
        : `; ${option.name}: ${spacedHex(option.data)} ("${printable(option.data)}")`;
  }
}

function optSection(opt: OptRecord): string[] {
  const mbz = opt.z === 0 ? '' : ` MBZ: 0x${opt.z.toString(16).padStart(4, '0')},`;
  const lines = [
    ';; OPT PSEUDOSECTION:',
    `; EDNS: version: ${opt.version}, flags:${opt.dnssecOk ? ' do' : ''};${mbz} udp: ${opt.udpPayloadSize}`,
  ];
  for (const option of opt.options) {
    if (option.code === EDE_OPTION_CODE) {
      const ede = parseEdeOption(option.data);
      lines.push(
        ede.ok ? `; ${edeToText(ede.ede)}` : `; EDE: malformed (${spacedHex(option.data)})`,
      );
    } else {
      lines.push(optionLine(option));
    }
  }
  return lines;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon Nov 23 09:00:00 UTC 2026`, dig's WHEN format, always in UTC for stable reports. */
function whenText(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]!} ${MONTHS[d.getUTCMonth()]!} ${two(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

/**
 * dig-style text of a decoded message.
 *
 * @example
 * formatDig(message, { resolver: 'https://dns.google/dns-query', durationMs: 23 })
 * // ';; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 0\n;; flags: qr rd ra; …'
 */
export function formatDig(message: DnsMessage, options: DigTextOptions = {}): string {
  const lines: string[] = [];
  if (options.resolver !== undefined && options.question !== undefined) {
    const args = digArguments(reproduceQuery({ ...options.question, resolver: options.resolver }));
    lines.push(`; <<>> SERVFAIL Lens <<>> ${args.join(' ')}`);
  }
  lines.push(';; Got answer:');
  for (const warning of message.warnings) lines.push(`;; WARNING: ${warning}`);
  lines.push(
    `;; ->>HEADER<<- opcode: ${message.opcodeName}, status: ${message.rcodeName}, id: ${message.id}`,
  );
  const flags = setFlagNames(message.flags).join(' ');
  const c = message.counts;
  lines.push(
    `;; flags: ${flags}; QUERY: ${c.question}, ANSWER: ${c.answer}, AUTHORITY: ${c.authority}, ADDITIONAL: ${c.additional}`,
  );
  lines.push('');
  if (message.opt) lines.push(...optSection(message.opt));
  if (message.question.length > 0) {
    lines.push(';; QUESTION SECTION:', ...message.question.map(questionLine), '');
  }
  const sections: [string, readonly DnsRecord[]][] = [
    ['ANSWER', message.answer],
    ['AUTHORITY', message.authority],
    ['ADDITIONAL', message.additional],
  ];
  for (const [title, records] of sections) {
    if (records.length > 0) lines.push(`;; ${title} SECTION:`, ...records.map(recordLine), '');
  }
  if (options.durationMs !== undefined) {
    lines.push(`;; Query time: ${Math.round(options.durationMs)} msec`);
  }
  if (options.resolver !== undefined) {
    const protocol = options.resolver.startsWith('http:') ? 'HTTP' : 'HTTPS';
    lines.push(`;; SERVER: ${visibleText(options.resolver)} (${protocol})`);
  }
  if (options.when !== undefined) lines.push(`;; WHEN: ${whenText(options.when)}`);
  lines.push(`;; MSG SIZE  rcvd: ${message.size}`);
  return `${lines.join('\n')}\n`;
}
