/**
 * Isolated-world end of the route channel (channel.ts). Everything that arrives is untrusted
 * (the page can read and forge it): a message counts only if it comes from this window and
 * origin, carries the channel tag and version, is a string within the size limit, parses as a
 * valid observation (src/core/route/observation.ts), names this tab's conversation and a reply
 * the adapter has captured, and fits the rate limit. Anything else is dropped and counted.
 * Observations wait (bounded, for a while) for their reply to be captured, then go to the
 * worker in small batches. No browser API here: the window, clock and sender are injected.
 */
import { MAX_OBSERVATION_CHARS, parseRouteObservation, type RouteObservation } from '../../core/route/observation.ts';
import type { RouteObserveMessage } from '../../messaging/requests.ts';
import type { RouteObserveResponse } from '../../messaging/responses.ts';
import type { BridgeDrop, BridgeDropCounts } from '../../core/route/bridge-drops.ts';
import { ROUTE_CHANNEL_SOURCE, ROUTE_CHANNEL_VERSION } from './channel.ts';

export type { BridgeDrop } from '../../core/route/bridge-drops.ts';

export interface RouteBridgeWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  readonly location: { readonly origin: string; readonly href: string };
}

export interface RouteBridgeOptions {
  win: RouteBridgeWindow;
  /**
   * The conversation id the adapter reads from the current URL (null on a new chat): a function
   * of `win.location.href`, so the bridge asks again only when the URL changes.
   */
  conversationId: () => string | null;
  send: (message: RouteObserveMessage) => Promise<RouteObserveResponse | undefined>;
  /** Reroute texts by turn id, from the worker's answer (for the badges). */
  onRoutes?: (routes: Record<string, string | null>) => void;
  /** Reading responses is on for this site (settings); off = every message dropped as refused. */
  enabled?: () => boolean;
  now?: () => number;
  /** At most this many accepted observations per window (default 30 per 10 s). */
  rate?: { count: number; windowMs: number };
  /** Observations waiting for their reply (default 64), and how long they wait (default 5 min). */
  maxPending?: number;
  maxWaitMs?: number;
  /**
   * Hold a ready observation this long for the next capture message to carry it (`takeFor`),
   * before sending it alone (default 0: send at once). One extension message per reply is most
   * of the bridge's main-thread cost; riding along costs nothing extra.
   */
  holdMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export interface RouteBridge {
  start(): void;
  stop(): void;
  /** The ids of the replies the adapter captured just now (after each stored batch). */
  captured(turnIds: Iterable<string>): void;
  /**
   * Observations to send with a capture message of `conversationId` holding `turnIds`: those of
   * these turns or of turns already captured, for this conversation (at most 32). They leave
   * the queue and count as forwarded.
   */
  takeFor(conversationId: string | null, turnIds: Iterable<string>): RouteObservation[];
  readonly drops: Readonly<BridgeDropCounts>;
  readonly forwarded: number;
}

const BATCH = 32;

export function createRouteBridge(options: RouteBridgeOptions): RouteBridge {
  const { win } = options;
  const now = options.now ?? Date.now;
  const rate = options.rate ?? { count: 30, windowMs: 10_000 };
  const maxPending = options.maxPending ?? 64;
  const maxWait = options.maxWaitMs ?? 300_000;
  const drops: BridgeDropCounts = {};
  const drop = (reason: BridgeDrop): void => {
    drops[reason] = (drops[reason] ?? 0) + 1;
  };
  const pending = new Map<string, { observation: RouteObservation; at: number }>();
  const known = new Set<string>();
  const accepted: number[] = [];
  let forwarded = 0;
  // The adapter's URL parse is most of the bridge's own cost per message: once per URL.
  let idHref: string | null = null;
  let idOfHref: string | null = null;
  const conversationIdNow = (): string | null => {
    const href = win.location.href;
    if (href !== idHref) {
      idOfHref = options.conversationId();
      idHref = href;
    }
    return idOfHref;
  };

  const withinRate = (): boolean => {
    const t = now();
    while (accepted.length > 0 && accepted[0] <= t - rate.windowMs) accepted.shift();
    if (accepted.length >= rate.count) return false;
    accepted.push(t);
    return true;
  };

  const holdMs = options.holdMs ?? 0;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  let held = false;

  const forward = (): void => {
    if (holdMs > 0) {
      // Give the next capture message the chance to carry them; what is left then goes alone.
      if (!held) {
        held = true;
        setTimer(() => {
          held = false;
          sendReady();
        }, holdMs);
      }
      expire();
      return;
    }
    sendReady();
  };

  const expire = (): void => {
    const t = now();
    for (const [id, entry] of pending) {
      if (!known.has(id) && t - entry.at > maxWait) {
        pending.delete(id);
        drop('never-captured');
      }
    }
  };

  const sendReady = (): void => {
    const conversationId = conversationIdNow();
    if (conversationId === null) return; // wait: observations stay pending (and expire)
    const ready: RouteObservation[] = [];
    const t = now();
    for (const [id, entry] of pending) {
      const other = entry.observation.conversationId !== null && entry.observation.conversationId !== conversationId;
      if (other && known.has(id)) {
        pending.delete(id);
        drop('other-conversation');
      } else if (known.has(id)) {
        ready.push(entry.observation);
        pending.delete(id);
      } else if (t - entry.at > maxWait) {
        pending.delete(id);
        drop('never-captured');
      }
    }
    if (ready.length === 0) return;
    for (let i = 0; i < ready.length; i += BATCH) {
      const routes = ready.slice(i, i + BATCH);
      forwarded += routes.length;
      options
        .send({ type: 'route/observe', conversationId, routes })
        .then((answer) => {
          if (answer?.ok) options.onRoutes?.(answer.routes);
          else routes.forEach(() => drop('refused'));
        })
        .catch(() => routes.forEach(() => drop('refused')));
    }
  };

  const onMessage = (event: MessageEvent): void => {
    try {
      if (event.source !== (win as unknown) || event.origin !== win.location.origin) {
        // Other frames and other windows: only ours-looking ones are worth counting.
        if (isTagged(event.data)) drop('foreign-source');
        return;
      }
      const data: unknown = event.data;
      if (!isTagged(data)) return; // the page's own messages: not ours, not counted
      if (typeof data.payload !== 'string') {
        drop('malformed');
        return;
      }
      if (data.payload.length > MAX_OBSERVATION_CHARS) {
        drop('oversize');
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.payload);
      } catch {
        drop('malformed');
        return;
      }
      const observation = parseRouteObservation(parsed);
      if (!observation) {
        drop('malformed');
        return;
      }
      if (options.enabled && !options.enabled()) {
        drop('refused');
        return;
      }
      // A new chat streams its first reply before the URL names the conversation: with no id
      // yet, the observation waits and is checked against the URL when it is forwarded.
      const current = conversationIdNow();
      if (current !== null && observation.conversationId !== null && observation.conversationId !== current) {
        drop('other-conversation');
        return;
      }
      if (!withinRate()) {
        drop('rate-limited');
        return;
      }
      if (!pending.has(observation.messageId) && pending.size >= maxPending) {
        const oldest = pending.keys().next().value as string;
        pending.delete(oldest);
        drop('overflow');
      }
      pending.set(observation.messageId, { observation, at: now() });
      forward();
    } catch {
      drop('malformed'); // a hostile getter: counted, never thrown
    }
  };

  return {
    start() {
      win.addEventListener('message', onMessage);
    },
    stop() {
      win.removeEventListener('message', onMessage);
      pending.clear();
    },
    captured(turnIds) {
      known.clear();
      for (const id of turnIds) known.add(id);
      if (pending.size > 0) forward();
    },
    takeFor(conversationId, turnIds) {
      const current = conversationIdNow();
      if (conversationId === null || pending.size === 0 || (current !== null && current !== conversationId)) return [];
      const inMessage = new Set(turnIds);
      const taken: RouteObservation[] = [];
      for (const [id, entry] of pending) {
        if (taken.length >= BATCH) break;
        if (!(inMessage.has(id) || known.has(id))) continue;
        const other = entry.observation.conversationId !== null && entry.observation.conversationId !== conversationId;
        pending.delete(id);
        if (other) drop('other-conversation');
        else taken.push(entry.observation);
      }
      forwarded += taken.length;
      return taken;
    },
    get drops() {
      return drops;
    },
    get forwarded() {
      return forwarded;
    },
  };
}

function isTagged(data: unknown): data is { source: string; v: number; payload: unknown } {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { source?: unknown }).source === ROUTE_CHANNEL_SOURCE &&
    (data as { v?: unknown }).v === ROUTE_CHANNEL_VERSION
  );
}
