/**
 * Punycode (RFC 3492), the Bootstring encoding that turns a Unicode label into the
 * `xn--` A-label a resolver is asked about (RFC 5890 §2.3.2.1).
 *
 * The pure layers have no `URL` to do this for them, so this is the RFC's own algorithm
 * (§6.2 decoding, §6.3 encoding) with its parameter values from §5. It converts one label
 * and does no IDNA mapping or validation; `idna.ts` does the little of that we need.
 */

// RFC 3492 §5: parameter values for Punycode.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const DELIMITER = '-';
const MAX_CODE_POINT = 0x10ffff;

/** RFC 3492 §6.1: bias adaptation. */
function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

/** 0..25 → a..z, 26..35 → 0..9 (RFC 3492 §5; lower case, as A-labels are compared). */
function digitToChar(digit: number): string {
  return String.fromCharCode(digit < 26 ? digit + 0x61 : digit - 26 + 0x30);
}

function charToDigit(code: number): number | undefined {
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return undefined;
}

function threshold(k: number, bias: number): number {
  return k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
}

/**
 * RFC 3492 §6.3: encodes the code points of one label (without the `xn--` prefix).
 *
 * @example punycodeEncode('bücher') // 'bcher-kva'
 */
export function punycodeEncode(label: string): string {
  const input = Array.from(label, (c) => c.codePointAt(0) ?? 0);
  let output = '';
  for (const cp of input) if (cp < 0x80) output += String.fromCharCode(cp);
  const basicCount = output.length;
  let handled = basicCount;
  if (basicCount > 0) output += DELIMITER;

  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < input.length) {
    let m = MAX_CODE_POINT + 1;
    for (const cp of input) if (cp >= n && cp < m) m = cp;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of input) {
      if (cp < n) delta++;
      if (cp === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = threshold(k, bias);
          if (q < t) break;
          output += digitToChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digitToChar(q);
        bias = adapt(delta, handled + 1, handled === basicCount);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/**
 * RFC 3492 §6.2: decodes one label (without the `xn--` prefix); undefined when the input
 * is not valid Punycode.
 *
 * @example punycodeDecode('bcher-kva') // 'bücher'
 */
export function punycodeDecode(encoded: string): string | undefined {
  const output: number[] = [];
  const cut = encoded.lastIndexOf(DELIMITER);
  const basicEnd = Math.max(cut, 0);
  for (let j = 0; j < basicEnd; j++) {
    const c = encoded.charCodeAt(j);
    if (c >= 0x80) return undefined;
    output.push(c);
  }

  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  for (let pos = cut >= 0 ? cut + 1 : 0; pos < encoded.length;) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= encoded.length) return undefined;
      const digit = charToDigit(encoded.charCodeAt(pos++));
      if (digit === undefined) return undefined;
      i += digit * w;
      if (i > MAX_CODE_POINT * (output.length + 1)) return undefined;
      const t = threshold(k, bias);
      if (digit < t) break;
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldI, length, oldI === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > MAX_CODE_POINT || (n >= 0xd800 && n <= 0xdfff)) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}
