/**
 * The site's own model switches as ground-truth switches (issue 17, "use the site's route where
 * it exists"). Where the site reports which model served each reply (route capture, account
 * exports), a change of served model between consecutive replies — while the user asked for the
 * same thing — is a switch by the site's router, known rather than estimated from the text. The
 * trigger and loop tests then run on these switches beside the text-based persona switches.
 *
 * A change the user asked for (another model picked in the composer) is not the router's doing
 * and is not a switch here. Piles where too few replies carry a served model, or the site never
 * switches, give nothing to test and fall back to the text alone.
 */
import { sameSlug } from '../route/reroute.ts';
import type { RouteInfo } from '../model/types.ts';

/** Share of a conversation's replies that must carry a served model for its switches to be known. */
export const MIN_SITE_COVERAGE = 0.8;
/** Fewer site switches than this in the conversations that carry them: nothing to test. */
export const MIN_SITE_SWITCHES = 3;

export interface SiteSwitchSeries {
  /** Indices of the conversations whose switches are known (served model on ≥ MIN_SITE_COVERAGE of replies). */
  conversations: number[];
  /** switches[i][j]: in conversation conversations[i], the site served reply j with another model than reply j − 1. */
  switches: boolean[][];
  /** Replies in those conversations, and how many carry a served model. */
  covered: number;
  replies: number;
  count: number;
  models: string[];
}

/** The served model, or the model the page labelled the reply with when the site names no other. */
export function served(route: RouteInfo | null): string | null {
  return route ? (route.served ?? route.shown) : null;
}

/** The user's own choice changed between the two replies (a concrete pick, not the router's "auto"). */
function userChangedChoice(a: RouteInfo, b: RouteInfo): boolean {
  return a.requested !== null && b.requested !== null && !sameSlug(a.requested, b.requested);
}

/** switches[j]: the site served reply j with another model than reply j − 1 while the user asked for the same. */
export function siteSwitchFlags(conv: readonly (RouteInfo | null)[]): boolean[] {
  return conv.map((r, j) => {
    const before = j > 0 ? conv[j - 1] : null;
    const now = served(r);
    const then = served(before);
    return !!r && !!before && now !== null && then !== null && !sameSlug(now, then) && !userChangedChoice(before, r);
  });
}

/**
 * Only conversations whose replies mostly carry a served model are used: elsewhere a switch could
 * hide in a reply without one, and a pile may mix sites that report routes with sites that do not.
 */
export function siteSwitchSeries(routes: readonly (readonly (RouteInfo | null)[])[]): SiteSwitchSeries | null {
  const conversations = routes.flatMap((conv, c) => {
    const known = conv.filter((r) => served(r) !== null).length;
    return conv.length > 0 && known >= MIN_SITE_COVERAGE * conv.length ? [c] : [];
  });
  const kept = conversations.map((c) => routes[c]);
  const switches = kept.map(siteSwitchFlags);
  const servedModels = kept.flat().map(served);
  const count = switches.flat().filter(Boolean).length;
  if (count < MIN_SITE_SWITCHES) return null;
  const models = [...new Set(servedModels.filter((m): m is string => m !== null))].sort();
  return { conversations, switches, covered: servedModels.filter((m) => m !== null).length, replies: servedModels.length, count, models };
}
