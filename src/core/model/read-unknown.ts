/**
 * Typed readers for parsed JSON of unknown shape. Each takes the place it reads from, so a
 * failure names the exact field: `conversations.json: conversation 3 (id x): author.role should
 * be a string, got number`.
 */
import { FormatError } from './errors.ts';

export type JsonObject = Record<string, unknown>;

export function describeType(value: unknown): string {
  if (value === undefined) return 'nothing (it is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)})`;
  return `${typeof value} (${String(value)})`;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, where: string, what: string): JsonObject {
  if (!isObject(value)) throw new FormatError(where, `${what} should be an object, got ${describeType(value)}`);
  return value;
}

export function asArray(value: unknown, where: string, what: string): unknown[] {
  if (!Array.isArray(value)) throw new FormatError(where, `${what} should be an array, got ${describeType(value)}`);
  return value;
}

export function reqString(obj: JsonObject, field: string, where: string): string {
  const value = obj[field];
  if (typeof value !== 'string') {
    throw new FormatError(where, value === undefined ? `has no ${field}` : `${field} should be a string, got ${describeType(value)}`);
  }
  return value;
}

export function optString(obj: JsonObject, field: string, where: string): string | null {
  const value = obj[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new FormatError(where, `${field} should be a string or null, got ${describeType(value)}`);
  return value;
}

/** Epoch ms from ISO-8601 text, or null when absent/unparseable (exports sometimes omit times). */
export function isoToMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** Epoch ms from epoch seconds (ChatGPT's float `create_time`), or null. */
export function secondsToMs(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Math.round(value * 1000);
}
