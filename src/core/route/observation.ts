/**
 * What crosses from the page to the extension about one reply's route, and its validator.
 * Pure. Everything here is page-reported and untrusted: the validator keeps only known keys,
 * checks each value's shape and length, and returns a fresh object (or null).
 */
import type { RouteInfo } from '../model/types.ts';

/** Sites whose own responses the route observer reads. */
export type RouteSite = 'chatgpt' | 'grok';
export const ROUTE_SITES: readonly RouteSite[] = ['chatgpt', 'grok'];
export const isRouteSite = (site: string): site is RouteSite => (ROUTE_SITES as readonly string[]).includes(site);

/** Which transport the fields came from: the reply's stream, the page's socket, or the conversation record. */
export type RouteVia = 'stream' | 'socket' | 'record';

/** One reply's route as a site parser extracts it. No text, token, header or cookie. */
export interface RouteObservation {
  site: RouteSite;
  /** The site's conversation id as the response said it; null when the response did not say. */
  conversationId: string | null;
  /** The reply's own id, as the site's DOM adapter names the turn (ChatGPT: the answer message id = data-message-id; Grok: `response-<responseId>`). */
  messageId: string;
  requested: string | null;
  shown: string | null;
  served: string | null;
  flags: string[];
  via: RouteVia;
}

/**
 * A route parsed from a site whose replies cannot yet be tied to captured turns (Claude,
 * Perplexity: their pages give replies no id the responses name). Same fields as an
 * observation; it never crosses the bridge or reaches the store until that is solved.
 */
export type ParsedRoute<S extends string> = Omit<RouteObservation, 'site'> & { site: S };

/** Model slugs as sites write them (routing.md §8 "Bridge security"). */
export const SLUG_PATTERN = /^[A-Za-z0-9._:-]{1,80}$/;
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
/** Normalised flag names, optionally with one slug-like value: "plan:paid", "tool-invoked". */
export const FLAG_PATTERN = /^[a-z][a-z0-9-]{0,39}(:[A-Za-z0-9._-]{1,80})?$/;
export const MAX_FLAGS = 16;
/** Upper bound of one serialised observation crossing the bridge. */
export const MAX_OBSERVATION_CHARS = 2_048;

export const isSlug = (v: unknown): v is string => typeof v === 'string' && SLUG_PATTERN.test(v);
export const isRouteId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);
export const isFlag = (v: unknown): v is string => typeof v === 'string' && FLAG_PATTERN.test(v);

const isSlugOrNull = (v: unknown): v is string | null => v === null || isSlug(v);
const VIAS: readonly RouteVia[] = ['stream', 'socket', 'record'];

/** A fresh, valid observation, or null when anything about `raw` is off. Never throws. */
export function parseRouteObservation(raw: unknown): RouteObservation | null {
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const r = raw as Record<string, unknown>;
    if (!ROUTE_SITES.includes(r.site as RouteSite)) return null;
    if (!(r.conversationId === null || isRouteId(r.conversationId))) return null;
    if (!isRouteId(r.messageId)) return null;
    if (!(isSlugOrNull(r.requested) && isSlugOrNull(r.shown) && isSlugOrNull(r.served))) return null;
    if (!Array.isArray(r.flags) || r.flags.length > MAX_FLAGS || !r.flags.every(isFlag)) return null;
    if (!VIAS.includes(r.via as RouteVia)) return null;
    if (r.requested === null && r.shown === null && r.served === null) return null;
    return {
      site: r.site as RouteSite,
      conversationId: r.conversationId,
      messageId: r.messageId,
      requested: r.requested,
      shown: r.shown,
      served: r.served,
      flags: [...(r.flags as string[])],
      via: r.via as RouteVia,
    };
  } catch {
    return null; // a throwing getter or proxy is malformed too
  }
}

/** The stored shape of an observation: page-reported, with where it came from as a flag. */
export function routeInfoOf(o: RouteObservation): RouteInfo {
  return {
    requested: o.requested,
    shown: o.shown,
    served: o.served,
    flags: [...o.flags.filter((f) => !f.startsWith('via:')), `via:${o.via}`],
    source: 'page-reported',
  };
}

/** Is `v` a stored RouteInfo (bundles on import, messages)? */
export function isRouteInfo(v: unknown): v is RouteInfo {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return (
    isSlugOrNull(r.requested) &&
    isSlugOrNull(r.shown) &&
    isSlugOrNull(r.served) &&
    Array.isArray(r.flags) &&
    r.flags.length <= MAX_FLAGS &&
    r.flags.every(isFlag) &&
    (r.source === 'page-reported' || r.source === 'export')
  );
}
