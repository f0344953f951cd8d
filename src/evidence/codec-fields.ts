/**
 * Field readers for untrusted Evidence JSON: each reads one field of a plain object, checks
 * its type and bounds, and on failure stops the parse with a message that names the field
 * (`exchange 3: \`cd\` must be true or false, not a string`). The parse in
 * `evidence-codec.ts` catches that signal; nothing here escapes to callers.
 */

/** Why an Evidence value was refused. `unknown-version`: made by a newer SERVFAIL Lens. */
export type EvidenceProblemKind = 'invalid' | 'unknown-version';

/** Raised inside the parse only; `parseEvidence` turns it into a result. */
export class EvidenceProblem {
  constructor(
    readonly kind: EvidenceProblemKind,
    readonly message: string,
  ) {}
}

export type JsonRecord = Readonly<Record<string, unknown>>;

/** `exchange 3: ` or nothing at the top level. */
export function fail(where: string, text: string): never {
  throw new EvidenceProblem('invalid', where === '' ? text : `${where}: ${text}`);
}

/** What a value is, for "must be X, not Y" messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : String(value);
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A short, quoted copy of an untrusted string for a message. */
export function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return JSON.stringify(short);
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: JsonRecord, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Optional fields may be absent or null; both read as absent. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

export function readRecord(value: unknown, where: string, field: string): JsonRecord {
  if (!isRecord(value)) fail(where, `\`${field}\` must be an object, not ${describe(value)}`);
  return value;
}

export function readList(
  record: JsonRecord,
  key: string,
  where: string,
  max: number,
): readonly unknown[] {
  const value = own(record, key);
  if (!Array.isArray(value)) fail(where, `\`${key}\` must be a list, not ${describe(value)}`);
  if (value.length > max) {
    fail(where, `\`${key}\` has ${value.length} entries; at most ${max} are accepted`);
  }
  return value;
}

export function readBoolean(record: JsonRecord, key: string, where: string): boolean {
  const value = own(record, key);
  if (typeof value !== 'boolean') {
    fail(where, `\`${key}\` must be true or false, not ${describe(value)}`);
  }
  return value;
}

/** -0 becomes 0, so that JSON round trips compare equal. */
function plainZero(n: number): number {
  return n === 0 ? 0 : n;
}

export function readNumber(
  record: JsonRecord,
  key: string,
  where: string,
  bounds: { readonly min: number; readonly max: number; readonly integer?: boolean },
): number {
  const value = own(record, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(where, `\`${key}\` must be a number, not ${describe(value)}`);
  }
  if (bounds.integer === true && !Number.isInteger(value)) {
    fail(where, `\`${key}\` must be a whole number, not ${value}`);
  }
  if (value < bounds.min || value > bounds.max) {
    fail(where, `\`${key}\` must be between ${bounds.min} and ${bounds.max}, not ${value}`);
  }
  return plainZero(value);
}

export function readOptionalNumber(
  record: JsonRecord,
  key: string,
  where: string,
  bounds: { readonly min: number; readonly max: number; readonly integer?: boolean },
): number | undefined {
  return isAbsent(own(record, key)) ? undefined : readNumber(record, key, where, bounds);
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface StringRules {
  readonly max: number;
  /** Reject the empty string. */
  readonly nonEmpty?: boolean;
  /** Reject C0 control characters and DEL (a newline would break one-line displays). */
  readonly noControl?: boolean;
}

export function readString(
  record: JsonRecord,
  key: string,
  where: string,
  rules: StringRules,
): string {
  const value = own(record, key);
  if (typeof value !== 'string') {
    fail(where, `\`${key}\` must be a string, not ${describe(value)}`);
  }
  checkString(value, `\`${key}\``, where, rules);
  return value;
}

export function readOptionalString(
  record: JsonRecord,
  key: string,
  where: string,
  rules: StringRules,
): string | undefined {
  return isAbsent(own(record, key)) ? undefined : readString(record, key, where, rules);
}

/** `what` names the value in the message, e.g. `` `label` `` or `the entry`. */
export function checkString(value: string, what: string, where: string, rules: StringRules): void {
  if (rules.nonEmpty === true && value === '') fail(where, `${what} must not be empty`);
  if (value.length > rules.max) {
    fail(where, `${what} is ${value.length} characters long; at most ${rules.max} are accepted`);
  }
  if (rules.noControl === true && CONTROL.test(value)) {
    fail(where, `${what} must not contain control characters or line breaks`);
  }
}

export function readEnum<T extends string>(
  record: JsonRecord,
  key: string,
  where: string,
  allowed: readonly T[],
): T {
  const value = own(record, key);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const found = typeof value === 'string' ? quote(value) : describe(value);
    fail(where, `\`${key}\` must be one of ${allowed.join(', ')}, not ${found}`);
  }
  return value as T;
}

export function readField(record: JsonRecord, key: string): unknown {
  return own(record, key);
}
