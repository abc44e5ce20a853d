/**
 * When a reply counts as rerouted, and how that is said. Pure.
 *
 * A reroute: the site says a model served the reply that is not the one the user chose (a
 * concrete choice; "auto" leaves the pick to the router), or not the one the page shows on the
 * message. Slugs are compared literally after `.` → `-`, the only safe canonicalisation
 * (routing.md §1.6).
 */
import type { RouteInfo } from '../model/types.ts';

export const sameSlug = (a: string, b: string): boolean => a.replaceAll('.', '-') === b.replaceAll('.', '-');

/** Requested values that choose no model: the router picks. */
const ROUTER_CHOICES = new Set(['auto']);

export function chosenModel(route: RouteInfo): string | null {
  return route.requested !== null && !ROUTER_CHOICES.has(route.requested) ? route.requested : null;
}

/** "served by X (you chose Y)" / "served by X (the page shows Y)", or null when nothing differs. */
export function rerouteText(route: RouteInfo | null): string | null {
  if (!route || route.served === null) return null;
  const chosen = chosenModel(route);
  if (chosen !== null && !sameSlug(route.served, chosen)) return `served by ${route.served} (you chose ${chosen})`;
  if (route.shown !== null && !sameSlug(route.served, route.shown)) return `served by ${route.served} (the page shows ${route.shown})`;
  return null;
}

export const isReroute = (route: RouteInfo | null): boolean => rerouteText(route) !== null;
