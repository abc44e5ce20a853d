/**
 * Small hand-written type guards used by the message validators (src/messaging/catalog.ts) and by
 * the bundle validators. Pure TypeScript: imports only src/core (types and limits), so it
 * runs in Node tests, the worker, content scripts and pages alike.
 */
import type { AnnotationKind, BranchMarker, Role, SiteId } from '../core/types.ts';
import { MAX_NOTE_CHARS, MAX_SHORT_STRING_CHARS, MAX_TURN_TEXT_CHARS } from '../core/limits.ts';

export type Rec = Record<string, unknown>;

export { SITE_IDS, isSiteId } from '../core/sites.ts';

export const ANNOTATION_KINDS = ['confirm', 'reject', 'relabel', 'note'] as const satisfies readonly AnnotationKind[];

/** Upper bounds that keep a buggy or hostile sender from making the worker store megabytes per field. */
export const LIMITS = {
  shortString: MAX_SHORT_STRING_CHARS,
  /** One turn's text (and thinking); the same limit the import parsers apply. */
  turnText: MAX_TURN_TEXT_CHARS,
  turnsPerCapture: 5_000,
  note: MAX_NOTE_CHARS,
  selector: 500,
} as const;

export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isString(v: unknown, max: number = LIMITS.shortString): v is string {
  return typeof v === 'string' && v.length <= max;
}

export function isNonEmptyString(v: unknown, max: number = LIMITS.shortString): v is string {
  return isString(v, max) && v.length > 0;
}

export function isStringOrNull(v: unknown, max: number = LIMITS.shortString): v is string | null {
  return v === null || isString(v, max);
}

export function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

export function isBoolean(v: unknown): v is boolean {
  return typeof v === 'boolean';
}

export function isRole(v: unknown): v is Role {
  return v === 'user' || v === 'assistant';
}

export function isAnnotationKind(v: unknown): v is AnnotationKind {
  return typeof v === 'string' && (ANNOTATION_KINDS as readonly string[]).includes(v);
}

export function isBranchMarkerOrNull(v: unknown): v is BranchMarker | null {
  if (v === null) return true;
  return isRecord(v) && isNonNegativeInt(v.index) && isNonNegativeInt(v.count);
}

export function isArrayOf<T>(v: unknown, item: (x: unknown) => x is T, maxLength = Infinity): v is T[] {
  return Array.isArray(v) && v.length <= maxLength && v.every((x) => item(x));
}

/** Optional field: absent/undefined passes, otherwise it must satisfy the guard. */
export function optional<T>(v: unknown, guard: (x: unknown) => x is T): v is T | undefined {
  return v === undefined || guard(v);
}
