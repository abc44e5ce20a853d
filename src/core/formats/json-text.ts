/**
 * JSON text in and out. Reading: JSON.parse with guards (a depth pre-scan, since hostile deeply
 * nested input would otherwise overflow our recursive readers; syntax errors translated into
 * line/column and a "truncated?" hint). Writing: schema-driven canonical JSON for the exports.
 */
import { FormatError } from '../model/errors.ts';
import type { JsonObject } from '../model/read-unknown.ts';
import { isOptional, shapeOf, type FieldKind, type RecordSchema, type SchemaOf } from '../model/schema.ts';

/** Strips a UTF-8 byte-order mark, which some editors and Windows tools prepend. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Throws FormatError if arrays/objects nest deeper than maxDepth (strings are skipped). */
export function checkJsonDepth(text: string, maxDepth: number, where: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) {
        throw new FormatError(where, `JSON nests deeper than ${maxDepth} levels (${lineColumn(text, i)}); refusing it`);
      }
    } else if (c === 125 || c === 93) depth--;
  }
}

/** Parses JSON text; on failure says where (line/column) and whether it looks truncated. */
export function parseJsonText(text: string, where: string, maxDepth: number): unknown {
  checkJsonDepth(text, maxDepth, where);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new FormatError(where, describeSyntaxError(text, err));
  }
}

function describeSyntaxError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (text.trim() === '') return 'file is empty';
  if (/end of (JSON )?input|Unterminated string/i.test(message)) {
    return `JSON ends early — the file looks truncated (${message})`;
  }
  const pos = /position (\d+)/.exec(message);
  const at = pos ? ` at ${lineColumn(text, Number(pos[1]))}` : '';
  return `not valid JSON${at}: ${message}`;
}

/** "line L, column C" (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Writing: schema-compiled JSON text, the same bytes as JSON.stringify(canonicalRecord(schema, v))
// without building the canonical copy first (exports write millions of records).

type Write = (value: unknown) => string;

const writers = new WeakMap<RecordSchema, (obj: JsonObject) => string>();

/** `JSON.stringify(canonicalRecord(schema, record))`, written directly. */
export function canonicalJson<T>(schema: SchemaOf<T>, record: T): string {
  return recordWriter(schema as RecordSchema)(record as unknown as JsonObject);
}

/** Writes a JSON array of `items` with `write`; holes are written as null, like JSON.stringify. */
export function jsonArray<T>(items: readonly T[], write: (item: T) => string): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    out += i in items ? write(items[i]) : 'null';
  }
  return out + ']';
}

function recordWriter(schema: RecordSchema): (obj: JsonObject) => string {
  let writer = writers.get(schema);
  if (!writer) {
    const fields = Object.entries(schema).map(([name, kind], i) => {
      // An optional first field would leave the next field's leading comma dangling.
      if (i === 0 && isOptional(kind)) throw new Error(`schema field ${name}: an optional field cannot come first`);
      const optional = isOptional(kind);
      return { name, optional, prefix: (i === 0 ? '' : ',') + JSON.stringify(name) + ':', write: fieldWriter(optional ? kind.optional : kind) };
    });
    writer = (obj) => {
      let out = '{';
      for (const f of fields) {
        const value = obj[f.name];
        if (f.optional && value === undefined) continue;
        out += f.prefix + f.write(value);
      }
      return out + '}';
    };
    writers.set(schema, writer);
  }
  return writer;
}

function fieldWriter(bounded: FieldKind): Write {
  const kind = shapeOf(bounded);
  switch (kind) {
    case 'string':
      return (v) => JSON.stringify(typeof v === 'string' ? v : '');
    case 'nullableString':
      return (v) => (typeof v === 'string' ? JSON.stringify(v) : 'null');
    case 'number':
      return (v) => (isFiniteNumber(v) ? String(v) : '0');
    case 'nullableNumber':
      return (v) => (isFiniteNumber(v) ? String(v) : 'null');
    case 'boolean':
      return (v) => (v === true ? 'true' : 'false');
    case 'stringArray':
      return (v) => (Array.isArray(v) ? JSON.stringify(v.filter((x): x is string => typeof x === 'string')) : '[]');
    case 'numberArray':
      return (v) => (Array.isArray(v) ? JSON.stringify(v.map((x) => (isFiniteNumber(x) ? x : 0))) : '[]');
    case 'numberMap':
      return numberMapWriter();
  }
  if ('mapOf' in kind) throw new Error('no JSON writer for a map field');
  if (isOptional(kind)) return fieldWriter(kind.optional);
  if ('oneOf' in kind) {
    const fallback = JSON.stringify(kind.oneOf[0]);
    return (v) => (typeof v === 'string' ? JSON.stringify(v) : fallback);
  }
  if ('object' in kind) {
    const inner = recordWriter(kind.object);
    const empty = kind.nullable ? 'null' : inner({});
    return (v) => (isPlainObject(v) ? inner(v) : empty);
  }
  const inner = recordWriter(kind.arrayOf);
  const item = (v: unknown): string => inner(isPlainObject(v) ? v : {});
  return (v) => (Array.isArray(v) ? jsonArray(v, item) : '[]');
}

/**
 * Feature maps: keys sorted (as canonicalRecord does), in the property order JSON.stringify
 * would then use (integer-like keys first). Every reply of a detector version has the same keys
 * in the same order, so the sorted layout is computed once per key list and reused.
 */
function numberMapWriter(): Write {
  let lastKeys: string[] = [];
  let layout: { key: string; prefix: string }[] = [];
  return (v) => {
    const obj = isPlainObject(v) ? v : {};
    const keys = Object.keys(obj);
    if (!sameKeys(keys, lastKeys)) {
      const sorted = Object.fromEntries(keys.map((k) => [k, 0] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
      layout = Object.keys(sorted).map((key, i) => ({ key, prefix: (i === 0 ? '' : ',') + JSON.stringify(key) + ':' }));
      lastKeys = keys;
    }
    let out = '{';
    for (const { key, prefix } of layout) {
      const x = obj[key];
      out += prefix + (isFiniteNumber(x) ? String(x) : 'null');
    }
    return out + '}';
  };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
