/**
 * Mutators for the fuzzer: fast-check arbitraries that start from real inputs (recorded DoH
 * bodies, permalinks, export files) and damage them the ways transport, copy-paste and
 * hostile peers do — flipped bits, inserted and deleted runs, truncation, and, since a DNS
 * message is framed by counts and lengths (RFC 1035 §4.1), 16-bit fields set to boundary
 * values. Positions are drawn as plain naturals and taken modulo the input's length when a
 * mutation is applied, so the same list of edits applies to any seed and shrinks well.
 */
import fc from 'fast-check';

export type ByteEdit =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'set'; readonly at: number; readonly value: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'truncate'; readonly at: number }
  /** A two-octet field (RDLENGTH, a count, a pointer) set to a boundary value. */
  | { readonly op: 'u16'; readonly at: number; readonly value: number }
  /** QDCOUNT…ARCOUNT (header octets 4–11, RFC 1035 §4.1.1). */
  | { readonly op: 'count'; readonly field: number; readonly value: number }
  /** A run of the input copied elsewhere in it (repeats records, names, pointers). */
  | {
      readonly op: 'duplicate';
      readonly from: number;
      readonly length: number;
      readonly to: number;
    }
  /** A run of another seed spliced in (a record of another message, say). */
  | {
      readonly op: 'splice';
      readonly other: number;
      readonly from: number;
      readonly length: number;
      readonly to: number;
    };

/** Values that sit on the edges of length and count checks, and compression pointers. */
const U16_EDGES = [
  0, 1, 2, 3, 4, 0x0c, 0x3f, 0x40, 0x7f, 0x80, 0xff, 0x100, 0x1ff, 0x3fff, 0x4000, 0x7fff, 0x8000,
  0xc000, 0xc00c, 0xc00d, 0xc0ff, 0xfffe, 0xffff,
];

const position = fc.nat({ max: 0xffff });

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.nat(7) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      at: position,
      value: fc.oneof(fc.constantFrom(0, 1, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xff), fc.nat(255)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: position,
      bytes: fc.oneof(
        fc.array(fc.nat(255), { minLength: 1, maxLength: 16 }),
        // A compression pointer, a root label, an over-long label length.
        fc.constantFrom([0xc0, 0x0c], [0xc0, 0x00], [0x00], [0x3f], [0x40], [0xff, 0xff]),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at: position,
      length: fc.integer({ min: 1, max: 32 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('u16' as const),
      at: position,
      value: fc.oneof(fc.constantFrom(...U16_EDGES), fc.nat(0xffff)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('count' as const),
      field: fc.nat(3),
      value: fc.oneof(fc.constantFrom(0, 1, 2, 3, 0x7f, 0xff, 0x100, 0xffff), fc.nat(0xffff)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('duplicate' as const),
      from: position,
      length: fc.integer({ min: 1, max: 64 }),
      to: position,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('splice' as const),
      other: fc.nat(),
      from: position,
      length: fc.integer({ min: 1, max: 64 }),
      to: position,
    }),
  },
);

export const byteEdits = (maxLength = 6): fc.Arbitrary<readonly ByteEdit[]> =>
  fc.array(byteEdit, { minLength: 1, maxLength });

function insertAt(bytes: Uint8Array, at: number, run: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length + run.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(run, at);
  out.set(bytes.subarray(at), at + run.length);
  return out;
}

/** Applies edits in order to a copy of `seed`; `others` are the seeds a splice may draw from. */
export function applyByteEdits(
  seed: Uint8Array,
  edits: readonly ByteEdit[],
  others: readonly Uint8Array[] = [],
): Uint8Array {
  let bytes: Uint8Array = seed.slice();
  for (const edit of edits) {
    const n = bytes.length;
    const at = (k: number, room = n): number => (room <= 0 ? 0 : k % room);
    switch (edit.op) {
      case 'flip':
        if (n > 0) bytes[at(edit.at)]! ^= 1 << edit.bit;
        break;
      case 'set':
        if (n > 0) bytes[at(edit.at)] = edit.value;
        break;
      case 'insert':
        bytes = insertAt(bytes, at(edit.at, n + 1), edit.bytes);
        break;
      case 'delete': {
        const from = at(edit.at);
        const to = Math.min(n, from + edit.length);
        const out = new Uint8Array(n - (to - from));
        out.set(bytes.subarray(0, from), 0);
        out.set(bytes.subarray(to), from);
        bytes = out;
        break;
      }
      case 'truncate':
        bytes = bytes.slice(0, at(edit.at, n + 1));
        break;
      case 'u16':
        if (n >= 2) {
          const i = at(edit.at, n - 1);
          bytes[i] = edit.value >> 8;
          bytes[i + 1] = edit.value & 0xff;
        }
        break;
      case 'count':
        if (n >= 12) {
          bytes[4 + 2 * edit.field] = edit.value >> 8;
          bytes[5 + 2 * edit.field] = edit.value & 0xff;
        }
        break;
      case 'duplicate': {
        const from = at(edit.from);
        bytes = insertAt(bytes, at(edit.to, n + 1), bytes.slice(from, from + edit.length));
        break;
      }
      case 'splice': {
        const other = others.length > 0 ? others[edit.other % others.length] : undefined;
        if (other === undefined || other.length === 0) break;
        const from = edit.from % other.length;
        bytes = insertAt(bytes, at(edit.to, n + 1), other.subarray(from, from + edit.length));
        break;
      }
    }
  }
  return bytes;
}

/** A real seed, damaged by a few edits. */
export function mutatedBytes(seeds: readonly Uint8Array[], maxEdits = 6): fc.Arbitrary<Uint8Array> {
  return fc
    .record({ seed: fc.nat(seeds.length - 1), edits: byteEdits(maxEdits) })
    .map(({ seed, edits }) => applyByteEdits(seeds[seed] ?? new Uint8Array(), edits, seeds));
}

export type TextEdit =
  | { readonly op: 'replace'; readonly at: number; readonly text: string }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'truncate'; readonly at: number };

/**
 * Characters a copied link or a hand-edited file picks up: URL syntax, whitespace, quotes,
 * percent escapes, base64 of the other alphabet, non-ASCII and lone surrogates.
 */
const ODD_TEXT = [
  '%',
  '%2',
  '%zz',
  '%00',
  '%2F',
  '%3F',
  '%23',
  '#',
  '?',
  '&',
  '=',
  '/',
  '+',
  '.',
  '..',
  ' ',
  '\n',
  '\t',
  '\u00a0',
  '"',
  "'",
  '\\',
  '<',
  '=',
  '==',
  '-',
  '_',
  'é',
  'ß',
  'ﬁ',
  '\u200b',
  '\u202e',
  '\ud800',
  '\udfff',
  '😀',
  '{}',
  '[]',
  'null',
  '-1',
  '1e309',
];

export const textFragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: textFragment }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: textFragment }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 16 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
);

export function applyTextEdits(seed: string, edits: readonly TextEdit[]): string {
  let text = seed;
  for (const edit of edits) {
    const n = text.length;
    switch (edit.op) {
      case 'replace': {
        const i = n === 0 ? 0 : edit.at % n;
        text = text.slice(0, i) + edit.text + text.slice(i + 1);
        break;
      }
      case 'insert': {
        const i = edit.at % (n + 1);
        text = text.slice(0, i) + edit.text + text.slice(i);
        break;
      }
      case 'delete': {
        const i = n === 0 ? 0 : edit.at % n;
        text = text.slice(0, i) + text.slice(i + edit.length);
        break;
      }
      case 'truncate':
        text = text.slice(0, edit.at % (n + 1));
        break;
    }
  }
  return text;
}

export function mutatedText(seeds: readonly string[], maxEdits = 4): fc.Arbitrary<string> {
  return fc
    .record({
      seed: fc.nat(seeds.length - 1),
      edits: fc.array(textEdit, { minLength: 1, maxLength: maxEdits }),
    })
    .map(({ seed, edits }) => applyTextEdits(seeds[seed] ?? '', edits));
}
