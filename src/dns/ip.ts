/**
 * IP addresses as text: the A and AAAA RDATA forms, and the reverse names
 * (`in-addr.arpa`, RFC 1035 §3.5; `ip6.arpa`, RFC 3596 §2.5) that the search box offers
 * when someone types an address instead of a name.
 */

/** Dotted-quad IPv4, four decimal octets without leading zeros beyond one digit group. */
export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^[0-9]{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out[i] = Number(p);
  }
  return out;
}

/** RFC 4291 §2.2 text forms, including `::` and a trailing dotted quad; no zone id. */
export function parseIpv6(text: string): Uint8Array | undefined {
  let head = text;
  let tail: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  if (text.slice(lastColon + 1).includes('.')) {
    tail = parseIpv4(text.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    // The dotted quad stands for the last two groups; parse it as two zero groups.
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = all[i]!;
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}

export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

/**
 * RFC 5952 §4: lower case, leading zeros dropped, the longest run (first if tied) of two or
 * more zero groups shortened to `::`.
 *
 * @example formatIpv6(bytes of 2001:db8:0:0:0:0:0:1) // '2001:db8::1'
 */
export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLength).join(':');
  return `${left}::${right}`;
}

/** @example ipv4ReverseName(Uint8Array.of(192, 0, 2, 1)) // '1.2.0.192.in-addr.arpa.' */
export function ipv4ReverseName(bytes: Uint8Array): string {
  return `${Array.from(bytes.subarray(0, 4)).reverse().join('.')}.in-addr.arpa.`;
}

/** RFC 3596 §2.5: 32 nibbles, least significant first. */
export function ipv6ReverseName(bytes: Uint8Array): string {
  const nibbles: string[] = [];
  for (let i = 15; i >= 0; i--) {
    const b = bytes[i]!;
    nibbles.push((b & 0xf).toString(16), (b >> 4).toString(16));
  }
  return `${nibbles.join('.')}.ip6.arpa.`;
}
