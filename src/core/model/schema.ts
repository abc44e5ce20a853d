/**
 * A tiny record schema: one table per record type drives both directions of our own formats and
 * the worker's message validators —
 * - `readRecord` validates parsed JSON (file import): the shape of every field;
 * - `validatorOf` builds a message validator from the same table: the shape plus the bounds the
 *   table declares (non-empty ids, non-negative counts, string and list lengths, closed objects),
 *   so a buggy or hostile sender cannot make the worker store megabytes per field;
 * - `canonicalRecord` rebuilds a record with a fixed key order and finite numbers (export), so
 *   export → import → export is byte-identical.
 * Files have their own size limits (formats/limits.ts), so `readRecord` does not apply the bounds.
 */
import { FormatError } from './errors.ts';
import { asArray, asObject, describeType, type JsonObject } from './read-unknown.ts';
import { MAX_SHORT_STRING_CHARS } from '../limits.ts';

export type FieldKind =
  /** Strings of any kind are at most MAX_SHORT_STRING_CHARS long in messages unless they say otherwise. */
  | 'string'
  | 'nullableString'
  /** A non-empty short string (keys and ids); a plain string in files. */
  | 'id'
  | 'number'
  | 'nullableNumber'
  /** A non-negative integer (counts, indices); a finite number in files. */
  | 'count'
  | 'boolean'
  | 'stringArray'
  | 'numberArray'
  /** Record<string, number | null> (feature values). */
  | 'numberMap'
  /** A string with its own bounds (turn text, notes, selectors). */
  | { string: { max?: number; nonEmpty?: boolean; nullable?: boolean } }
  /** A string array of at most `max` items. */
  | { strings: { max: number } }
  | { oneOf: readonly string[] }
  /**
   * `optional`: a missing field reads as null (a field added after files were written).
   * `closed`: in messages, an unknown field rejects the object (settings patches).
   */
  | { object: RecordSchema; nullable?: boolean; optional?: boolean; closed?: boolean }
  | { arrayOf: RecordSchema; max?: number }
  /** An object used as a map (settings per site): values of one kind, keys from `keys` when given. */
  | { mapOf: FieldKind; keys?: readonly string[] }
  /**
   * A field that may be absent: read when present, left out when undefined (so records written
   * before the field existed keep their bytes). Never the first field of a schema.
   */
  | { optional: FieldKind };

export type RecordSchema = Readonly<Record<string, FieldKind>>;

/** Ties a schema's keys to an interface: every field of T must be described. */
export type SchemaOf<T> = { readonly [K in keyof T]-?: FieldKind };

/** File import: checks the shape of every field (not the message bounds). */
export function readRecord<T>(schema: SchemaOf<T>, value: unknown, where: string): T {
  return readObject(schema as RecordSchema, value, where, false, false) as T;
}

/**
 * A message validator generated from a schema: a fresh record holding only the schema's fields,
 * or null (never a throw) when the value breaks its shape or bounds. `closed` rejects unknown fields.
 */
export function validatorOf<T>(schema: SchemaOf<T>, options: { closed?: boolean } = {}): (value: unknown) => T | null {
  return (value) => {
    try {
      return readObject(schema as RecordSchema, value, 'message', true, options.closed === true) as T;
    } catch {
      // A FormatError, or a throwing getter or proxy: malformed either way.
      return null;
    }
  };
}

function readObject(schema: RecordSchema, value: unknown, where: string, bounded: boolean, closed: boolean): JsonObject {
  const obj = asObject(value, where, 'record');
  if (closed) {
    const unknown = Object.keys(obj).find((k) => !Object.hasOwn(schema, k));
    if (unknown !== undefined) throw new FormatError(where, `has an unknown field ${JSON.stringify(unknown.slice(0, 80))}`);
  }
  const out: JsonObject = {};
  for (const [field, kind] of fieldsOf(schema)) {
    if (isOptional(kind)) {
      if (obj[field] !== undefined) out[field] = readField(kind.optional, obj[field], field, where, bounded);
    } else out[field] = readField(kind, obj[field], field, where, bounded);
  }
  return out;
}

export function canonicalRecord<T>(schema: SchemaOf<T>, record: T): T {
  return canonicalObject(schema as RecordSchema, record as unknown as JsonObject) as T;
}

/** Field lists per schema, computed once: exports call canonicalObject millions of times. */
const fieldCache = new WeakMap<RecordSchema, [string, FieldKind][]>();

function fieldsOf(schema: RecordSchema): [string, FieldKind][] {
  let fields = fieldCache.get(schema);
  if (!fields) {
    fields = Object.entries(schema);
    fieldCache.set(schema, fields);
  }
  return fields;
}

function canonicalObject(schema: RecordSchema, obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [field, kind] of fieldsOf(schema)) {
    if (!isOptional(kind)) out[field] = canonicalField(kind, obj[field]);
    else if (obj[field] !== undefined) out[field] = canonicalField(kind.optional, obj[field]);
  }
  return out;
}

/** The shape a bounded kind has in files and exports (its bounds apply to messages only). */
/** A kind without bounds: what files and exports see. */
export type ShapeKind = Exclude<FieldKind, 'id' | 'count' | { string: unknown } | { strings: unknown }>;

export function shapeOf(kind: FieldKind): ShapeKind {
  if (kind === 'id') return 'string';
  if (kind === 'count') return 'number';
  if (typeof kind === 'string') return kind;
  if ('string' in kind) return kind.string.nullable ? 'nullableString' : 'string';
  if ('strings' in kind) return 'stringArray';
  return kind;
}

/** Throws when a value of the right shape breaks the bounds its kind declares (messages only). */
function checkBounds(kind: FieldKind, value: unknown, field: string, where: string): void {
  const fail = (what: string): never => {
    throw new FormatError(where, `${field} ${what}`);
  };
  const maxChars = typeof kind === 'object' && 'string' in kind ? (kind.string.max ?? MAX_SHORT_STRING_CHARS) : MAX_SHORT_STRING_CHARS;
  if (typeof value === 'string' && value.length > maxChars) fail(`is over ${maxChars} characters`);
  if (kind === 'id' || (typeof kind === 'object' && 'string' in kind && kind.string.nonEmpty)) {
    if (value === '') fail('is empty');
  }
  if (kind === 'count' && !(Number.isInteger(value) && (value as number) >= 0)) fail('should be a non-negative integer');
  if (Array.isArray(value) && (kind === 'stringArray' || (typeof kind === 'object' && 'strings' in kind))) {
    if (typeof kind === 'object' && 'strings' in kind && value.length > kind.strings.max) fail(`has over ${kind.strings.max} items`);
    if (value.some((item) => typeof item === 'string' && item.length > MAX_SHORT_STRING_CHARS)) fail(`has an item over ${MAX_SHORT_STRING_CHARS} characters`);
  }
}

function readField(kind: FieldKind, value: unknown, field: string, where: string, bounded: boolean): unknown {
  const read = readShape(shapeOf(kind), value, field, where, bounded);
  // An optional field's inner kind was read (and bounded) by readShape itself.
  if (bounded && !isOptional(kind)) checkBounds(kind, read, field, where);
  return read;
}

function readShape(kind: ShapeKind, value: unknown, field: string, where: string, bounded: boolean): unknown {
  const bad = (expected: string): never => {
    throw new FormatError(where, value === undefined ? `has no ${field}` : `${field} should be ${expected}, got ${describeType(value)}`);
  };
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : bad('a string');
    case 'nullableString':
      return value === null || typeof value === 'string' ? value : bad('a string or null');
    case 'number':
      return isFiniteNumber(value) ? value : bad('a finite number');
    case 'nullableNumber':
      return value === null || isFiniteNumber(value) ? value : bad('a number or null');
    case 'boolean':
      return typeof value === 'boolean' ? value : bad('true or false');
    case 'stringArray':
      return asArray(value, where, field).map((v, i) => (typeof v === 'string' ? v : bad(`strings only (item ${i})`)));
    case 'numberArray':
      return asArray(value, where, field).map((v, i) => (isFiniteNumber(v) ? v : bad(`finite numbers only (item ${i})`)));
    case 'numberMap': {
      const obj = asObject(value, where, field);
      return Object.fromEntries(
        Object.entries(obj).map(([k, v]) => [k, v === null || isFiniteNumber(v) ? v : bad(`numbers or null only (key ${JSON.stringify(k)})`)]),
      );
    }
  }
  if (isOptional(kind)) return value === undefined ? undefined : readField(kind.optional, value, field, where, bounded);
  if ('oneOf' in kind) {
    return typeof value === 'string' && kind.oneOf.includes(value) ? value : bad(`one of ${kind.oneOf.map((s) => JSON.stringify(s)).join(', ')}`);
  }
  if ('object' in kind) {
    if ((value === null || (value === undefined && kind.optional)) && kind.nullable) return null;
    return readObject(kind.object, value, `${where} ${field}`, bounded, bounded && kind.closed === true);
  }
  if ('mapOf' in kind) {
    const obj = asObject(value, where, field);
    return Object.fromEntries(
      Object.entries(obj).map(([k, v]) => {
        if (kind.keys && !kind.keys.includes(k))
          bad(`keyed by one of ${kind.keys.map((s) => JSON.stringify(s)).join(', ')} (key ${JSON.stringify(k.slice(0, 80))})`);
        return [k, readField(kind.mapOf, v, `${field}.${k}`, where, bounded)];
      }),
    );
  }
  const items = asArray(value, where, field);
  if (bounded && kind.max !== undefined && items.length > kind.max) bad(`at most ${kind.max} items`);
  return items.map((item, i) => readObject(kind.arrayOf, item, `${where} ${field}[${i}]`, bounded, false));
}

function canonicalField(bounded: FieldKind, value: unknown): unknown {
  const kind = shapeOf(bounded);
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : '';
    case 'nullableString':
      return typeof value === 'string' ? value : null;
    case 'number':
      return isFiniteNumber(value) ? value : 0;
    case 'nullableNumber':
      return isFiniteNumber(value) ? value : null;
    case 'boolean':
      return value === true;
    case 'stringArray':
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    case 'numberArray':
      return Array.isArray(value) ? value.map((v) => (isFiniteNumber(v) ? v : 0)) : [];
    case 'numberMap': {
      // Sorted keys; fromEntries keeps keys like "__proto__" as plain data.
      const entries = Object.entries(isPlainObject(value) ? value : {});
      for (const e of entries) if (!isFiniteNumber(e[1])) e[1] = null;
      return Object.fromEntries(entries.sort(byKey));
    }
  }
  if (isOptional(kind)) return value === undefined ? undefined : canonicalField(kind.optional, value);
  if ('oneOf' in kind) return typeof value === 'string' ? value : kind.oneOf[0];
  if ('object' in kind) {
    if (!isPlainObject(value)) return kind.nullable ? null : canonicalObject(kind.object, {});
    return canonicalObject(kind.object, value);
  }
  if ('mapOf' in kind) {
    const entries = Object.entries(isPlainObject(value) ? value : {}).filter(([k]) => !kind.keys || kind.keys.includes(k));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonicalField(kind.mapOf, v)]));
  }
  return Array.isArray(value) ? value.map((item) => canonicalObject(kind.arrayOf, isPlainObject(item) ? item : {})) : [];
}

export function isOptional(kind: FieldKind): kind is { optional: FieldKind } {
  // An object field's own `optional: true` (missing reads as null) is not this wrapper.
  return typeof kind === 'object' && 'optional' in kind && !('object' in kind);
}

function byKey(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
