/**
 * Structural mutation of JSON documents (Evidence, export files, a link's packed index):
 * one node, picked by a natural number modulo the node count, is replaced by a value of
 * another type or a boundary value, removed, repeated, renamed to a key with a meaning in
 * JavaScript (`__proto__`), or has its text edited. A syntax error only tests JSON.parse;
 * these edits keep the document parseable and reach the field checks behind it.
 */
import fc from 'fast-check';
import { applyTextEdits, textEdit, type TextEdit } from './mutate';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type JsonEdit =
  | { readonly op: 'replace'; readonly node: number; readonly value: Json }
  | { readonly op: 'remove'; readonly node: number }
  /** Repeats an element of a list `times` times (counts past limits, duplicate ids). */
  | { readonly op: 'repeat'; readonly node: number; readonly times: number }
  | { readonly op: 'rename'; readonly node: number; readonly key: string }
  | { readonly op: 'edit-text'; readonly node: number; readonly edits: readonly TextEdit[] }
  | { readonly op: 'nudge'; readonly node: number; readonly by: number };

const LONG = 'a'.repeat(70_000);

/** Values that sit on the edges of the field checks. */
const EDGE_VALUES: readonly Json[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1,
  1.5,
  2,
  100,
  101,
  599,
  600,
  65_535,
  65_536,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  8.64e15,
  8.64e15 + 1,
  1e308,
  -1e308,
  '',
  ' ',
  '.',
  '..',
  'A',
  'x0',
  'target',
  'TYPE65534',
  '\u0000',
  '\n',
  'é.',
  LONG,
  'https://',
  'http://127.0.0.1:8531/dns-query',
  'javascript:alert(1)',
  'AAAA',
  'AA==',
  'AB==',
  '=',
  [],
  [null],
  [[]],
  {},
  JSON.parse('{"__proto__":{"polluted":true}}') as Json,
];

const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' ', 'version'];

export const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      node: fc.nat(),
      value: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...EDGE_VALUES) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), node: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('repeat' as const),
      node: fc.nat(),
      times: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom(63, 64, 400, 401)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('rename' as const),
      node: fc.nat(),
      key: fc.constantFrom(...KEYS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('edit-text' as const),
      node: fc.nat(),
      edits: fc.array(textEdit, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('nudge' as const),
      node: fc.nat(),
      by: fc.constantFrom(-1, 1, -1000, 0.5, 2 ** 32),
    }),
  },
);

export const jsonEdits = (maxLength = 4): fc.Arbitrary<readonly JsonEdit[]> =>
  fc.array(jsonEdit, { minLength: 1, maxLength });

interface Slot {
  readonly parent: Json[] | { [key: string]: Json };
  readonly key: string | number;
}

/** Every place that holds a value, in document order. */
function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const walk = (value: Json): void => {
    if (Array.isArray(value)) {
      value.forEach((child, i) => {
        out.push({ parent: value, key: i });
        walk(child);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        out.push({ parent: value, key });
        walk(value[key] as Json);
      }
    }
  };
  walk(root);
  return out;
}

/** Sets an own property, even `__proto__`, without touching the prototype. */
function define(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function get(slot: Slot): Json {
  return Array.isArray(slot.parent)
    ? (slot.parent[slot.key as number] ?? null)
    : (slot.parent[slot.key as string] ?? null);
}

function set(slot: Slot, value: Json): void {
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else define(slot.parent, slot.key as string, value);
}

/** Applies edits to a deep copy of `document`. */
export function applyJsonEdits(document: Json, edits: readonly JsonEdit[]): Json {
  const root: Json = structuredClone(document);
  for (const edit of edits) {
    const all = slots(root);
    if (all.length === 0) return edit.op === 'replace' ? edit.value : root;
    const slot = all[edit.node % all.length]!;
    const current = get(slot);
    switch (edit.op) {
      case 'replace':
        set(slot, structuredClone(edit.value));
        break;
      case 'remove':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete slot.parent[slot.key as string];
        break;
      case 'repeat':
        if (Array.isArray(slot.parent)) {
          const copies = Array.from({ length: edit.times }, () => structuredClone(current));
          slot.parent.splice(slot.key as number, 0, ...copies);
        }
        break;
      case 'rename':
        if (!Array.isArray(slot.parent)) {
          delete slot.parent[slot.key as string];
          define(slot.parent, edit.key, current);
        }
        break;
      case 'edit-text':
        if (typeof current === 'string') set(slot, applyTextEdits(current, edit.edits));
        break;
      case 'nudge':
        if (typeof current === 'number') set(slot, current + edit.by);
        break;
    }
  }
  return root;
}
