/**
 * What a schema cannot say, for the two messages that carry lists from the page: `capture/page`
 * (turns checked one by one, routes capped) and `route/observe` (routes all valid or none).
 * The catalog (catalog.ts) runs these after the message's schema has checked the other fields.
 */
import type { CapturedTurn } from '../core/model/types.ts';
import { CAPTURED_TURN_SCHEMA } from '../core/model/records.ts';
import { validatorOf } from '../core/model/schema.ts';
import { isObject, type JsonObject } from '../core/model/read-unknown.ts';
import { isRouteId, parseRouteObservation, type RouteObservation } from '../core/route/observation.ts';
import type { CapturePageMessage, RouteObserveMessage } from './requests.ts';

/** Routes in one `route/observe` message (the content script sends a few at a time). */
export const MAX_ROUTES_PER_MESSAGE = 32;
/** Turns in one `capture/page` message; past it the extra turns are dropped with a reason. */
export const MAX_TURNS_PER_CAPTURE = 5_000;

type CapturePageFields = Omit<CapturePageMessage, 'type'>;

/** The capture with its turns and routes read from the raw message; null when `turns` is not a list. */
export function finishCapturePage({ shared, ...checked }: Omit<CapturePageFields, 'turns' | 'dropped' | 'routes'>, raw: JsonObject): CapturePageFields | null {
  if (!Array.isArray(raw.turns)) return null;
  const { turns, dropped } = validTurns(raw.turns);
  const routes = Array.isArray(raw.routes)
    ? raw.routes
        .slice(0, MAX_ROUTES_PER_MESSAGE)
        .map(parseRouteObservation)
        .filter((r): r is RouteObservation => r !== null)
    : [];
  return {
    ...checked,
    ...(shared ? { shared: true } : {}),
    turns,
    ...(dropped.length > 0 ? { dropped } : {}),
    ...(routes.length > 0 ? { routes } : {}),
  };
}

/** The conversation id and its routes, or null when any of them is malformed or there are too many. */
export function finishRouteObserve(raw: JsonObject): Omit<RouteObserveMessage, 'type'> | null {
  if (!isRouteId(raw.conversationId) || !Array.isArray(raw.routes) || raw.routes.length > MAX_ROUTES_PER_MESSAGE) return null;
  const routes = raw.routes.map(parseRouteObservation);
  return routes.every((r) => r !== null) ? { conversationId: raw.conversationId, routes: routes as RouteObservation[] } : null;
}

const isCapturedTurn = validatorOf(CAPTURED_TURN_SCHEMA);

/**
 * One bad turn drops that turn, not the capture: the rest are stored and the reasons reported.
 * Past the per-capture cap, the extra turns are dropped the same way.
 */
function validTurns(raw: unknown[]): { turns: CapturedTurn[]; dropped: string[] } {
  const turns: CapturedTurn[] = [];
  const dropped: string[] = [];
  for (const t of raw.slice(0, MAX_TURNS_PER_CAPTURE)) {
    const turn = isCapturedTurn(t);
    if (turn) turns.push(turn);
    else dropped.push(describeBadTurn(t));
  }
  if (raw.length > MAX_TURNS_PER_CAPTURE) {
    dropped.push(`${raw.length - MAX_TURNS_PER_CAPTURE} turns over the ${MAX_TURNS_PER_CAPTURE.toLocaleString('en-US')}-turn limit of one capture`);
  }
  return { turns, dropped };
}

function describeBadTurn(t: unknown): string {
  const id = isObject(t) && typeof t.id === 'string' && t.id !== '' ? `turn ${t.id.slice(0, 80)}` : 'a turn';
  const max = (CAPTURED_TURN_SCHEMA.text as { string: { max: number } }).string.max;
  if (isObject(t) && typeof t.text === 'string' && t.text.length > max) {
    return `${id}: text over ${max.toLocaleString('en-US')} characters`;
  }
  return `${id}: malformed`;
}
