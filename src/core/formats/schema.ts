/**
 * A tiny record schema: one table per record type drives both directions of our own formats —
 * `readRecord` validates parsed JSON (import) and `canonicalRecord` rebuilds a record with a
 * fixed key order and finite numbers (export), so export → import → export is byte-identical.
 */
import { FormatError } from './errors.ts';
import { asArray, asObject, describeType, type JsonObject } from './read-unknown.ts';

export type FieldKind =
  | 'string'
  | 'nullableString'
  | 'number'
  | 'nullableNumber'
  | 'boolean'
  | 'stringArray'
  | 'numberArray'
  /** Record<string, number | null> (feature values). */
  | 'numberMap'
  | { oneOf: readonly string[] }
  /** `optional`: a missing field reads as null (a field added after files were written). */
  | { object: RecordSchema; nullable?: boolean; optional?: boolean }
  | { arrayOf: RecordSchema }
  /**
   * A field that may be absent: read when present, left out when undefined (so records written
   * before the field existed keep their bytes). Never the first field of a schema.
   */
  | { optional: FieldKind };

export type RecordSchema = Readonly<Record<string, FieldKind>>;

/** Ties a schema's keys to an interface: every field of T must be described. */
export type SchemaOf<T> = { readonly [K in keyof T]-?: FieldKind };

export function readRecord<T>(schema: SchemaOf<T>, value: unknown, where: string): T {
  const obj = asObject(value, where, 'record');
  const out: JsonObject = {};
  for (const [field, kind] of fieldsOf(schema as RecordSchema)) {
    if (isOptional(kind)) {
      if (obj[field] !== undefined) out[field] = readField(kind.optional, obj[field], field, where);
    } else out[field] = readField(kind, obj[field], field, where);
  }
  return out as T;
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

function readField(kind: FieldKind, value: unknown, field: string, where: string): unknown {
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
  if (isOptional(kind)) return value === undefined ? undefined : readField(kind.optional, value, field, where);
  if ('oneOf' in kind) {
    return typeof value === 'string' && kind.oneOf.includes(value) ? value : bad(`one of ${kind.oneOf.map((s) => JSON.stringify(s)).join(', ')}`);
  }
  if ('object' in kind) {
    if ((value === null || (value === undefined && kind.optional)) && kind.nullable) return null;
    return readRecord(kind.object, value, `${where} ${field}`);
  }
  return asArray(value, where, field).map((item, i) => readRecord(kind.arrayOf, item, `${where} ${field}[${i}]`));
}

function canonicalField(kind: FieldKind, value: unknown): unknown {
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
