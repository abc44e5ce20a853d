/**
 * The capture controller: watches a chat page and sends finished turns to the background.
 *
 * - ONE MutationObserver, debounced (trailing, with a max wait so a long stream still gets
 *   looked at); no polling. When the page is idle nothing runs: the only timer besides the
 *   debounce is a one-shot re-check scheduled while some turn is waiting out its quiet period.
 * - Streaming-aware: a turn is sent only when the adapter says it is not streaming (per-message
 *   attribute or stop button) AND its text has held still for `quietMs`.
 * - Incremental: turns are keyed by id and re-sent only when they change, so virtualised lists
 *   that unmount and remount turns cause no duplicates; a turn that leaves the DOM is simply
 *   not in the next batch (the worker never deletes it). Reads are incremental too: the
 *   adapters' per-element reads are memoised in an element cache that the observer's records
 *   invalidate (element-cache.ts), so a scan re-reads only the turns whose subtree changed.
 * - Short tasks: a scan that has much to read (the first look at a long thread) stops after a
 *   time slice and resumes when the page is idle (requestIdleCallback, within the idle time
 *   left), keeping what it read in the cache.
 * - SPA navigation: the URL is compared at every mutation, on popstate and on the Navigation
 *   API's navigatesuccess; turns still on screen from the previous conversation are ignored.
 * - Errors are contained: nothing here throws into the page.
 *
 * May import: src/sites, src/core/types, types from src/messages. No preact, no browser APIs
 * (the sender is injected so the controller is unit-testable).
 */
import type { CapturedTurn, SiteId } from '../../core/model/types.ts';
import { SHARE_ON_DEMAND_DETAIL, type BadgeInfo, type CapturePageMessage, type CapturePageResponse } from '../../messaging/catalog.ts';
import { readPage, selectedModelOf, type SelectorOverrides, type SiteAdapter } from '../../sites/adapter.ts';
import { ScanPaused, withReadCache } from '../../sites/read-cache.ts';
import { createElementCache } from './element-cache.ts';
import { isOwnNode } from '../own-ui.ts';
import { clipCapture } from './clip.ts';

/**
 * Attributes whose change can mean "a reply finished" (see docs/reference/sites.md §0.5), plus the ones that
 * hide text from the reader (they change what the text reader returns, so they must invalidate
 * the element cache).
 */
const WATCHED_ATTRIBUTES = [
  'data-is-streaming',
  'data-streaming-state',
  'data-streaming-complete',
  'data-complete',
  'aria-busy',
  'data-testid',
  'hidden',
  'aria-hidden',
];

export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  /**
   * Run `fn` when the page is idle, with the idle time left in ms (requestIdleCallback, with a
   * timeout so a busy page still gets read). Optional: without it a paused scan resumes in the
   * next task.
   */
  idle?(fn: (budgetMs: number) => void): unknown;
  cancelIdle?(handle: unknown): void;
}

export interface CaptureControllerOptions {
  doc: Document;
  adapterFor: (url: URL) => SiteAdapter | null;
  send: (message: CapturePageMessage) => Promise<CapturePageResponse | undefined>;
  /**
   * Called with the worker's badges, the elements of the turns on screen, and the ids of turns
   * still streaming (shown as pending): after every stored batch, and when the pending set changes.
   */
  onBadges?: (badges: Record<string, BadgeInfo>, elements: Map<string, Element>, pending: ReadonlySet<string>) => void;
  getUrl?: () => string;
  overrides?: (site: SiteId) => SelectorOverrides | undefined;
  debounceMs?: number;
  maxWaitMs?: number;
  quietMs?: number;
  /** Longest stretch of reading per task before a scan pauses and resumes in the next task. */
  sliceMs?: number;
  timers?: TimerApi;
  onError?: (error: unknown) => void;
}

export interface CaptureController {
  start(): void;
  stop(): void;
  /** Run a scan right now (tests, and the first look after start). */
  scanNow(): void;
  /** The element of a turn currently in the DOM, for anchoring its badge. */
  findTurnElement(turnId: string): Element | null;
  setOverrides(overrides: (site: SiteId) => SelectorOverrides | undefined): void;
  /** The user asked to capture the share page open now (share pages wait for this). */
  captureSharedPage(): void;
}

interface Seen {
  turn: CapturedTurn;
  since: number;
  /** Seen streaming: shown as pending until it is sent. */
  streamed: boolean;
}

/** A paused scan waits at most this long for the page to go idle before it resumes anyway. */
const IDLE_TIMEOUT_MS = 500;
/** Shortest reading slice, even when an idle period has (almost) no time left: the scan must progress. */
const MIN_SLICE_MS = 4;

const idleApi = globalThis as {
  requestIdleCallback?: (fn: (d: { timeRemaining(): number }) => void, o?: { timeout: number }) => number;
  cancelIdleCallback?: (h: number) => void;
};

const defaultTimers: TimerApi = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
  ...(idleApi.requestIdleCallback && idleApi.cancelIdleCallback
    ? {
        idle: (fn: (budgetMs: number) => void) => idleApi.requestIdleCallback!((d) => fn(d.timeRemaining()), { timeout: IDLE_TIMEOUT_MS }),
        cancelIdle: (h: unknown) => idleApi.cancelIdleCallback!(h as number),
      }
    : {}),
};

/** Same content as far as storing is concerned (cheap: cached texts are the same strings). */
function sameTurn(a: CapturedTurn, b: CapturedTurn): boolean {
  return (
    a.role === b.role &&
    a.text === b.text &&
    a.model === b.model &&
    a.thinking === b.thinking &&
    (a.branch?.index ?? 0) === (b.branch?.index ?? 0) &&
    (a.branch?.count ?? 0) === (b.branch?.count ?? 0)
  );
}

function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/** A page's URL without its fragment: the unit a share-page capture request applies to. */
function pageKey(href: string): string {
  return href.split('#')[0];
}

function parseUrl(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

export function createCaptureController(options: CaptureControllerOptions): CaptureController {
  const { doc, adapterFor, send } = options;
  const timers = options.timers ?? defaultTimers;
  const debounceMs = options.debounceMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  const quietMs = options.quietMs ?? 1500;
  const sliceMs = options.sliceMs ?? 20;
  const getUrl = options.getUrl ?? (() => doc.location?.href ?? '');
  const report = (err: unknown) => {
    try {
      options.onError?.(err);
    } catch {
      // even the error reporter must not throw into the page
    }
  };
  let overridesFor = options.overrides ?? (() => undefined);

  let observer: MutationObserver | null = null;
  let debounceHandle: unknown = null;
  let firstPendingAt: number | null = null;
  let recheckHandle: unknown = null;
  let resumeHandle: unknown = null;
  /** The last scan paused (time slice used up) and has not completed yet. */
  let paused = false;
  const cache = createElementCache();
  let lastUrl = getUrl();
  let lastStatusKey = '';
  /** Share pages the user asked to capture (by URL without fragment); others wait. */
  const sharedAllowed = new Set<string>();
  let seen = new Map<string, Seen>();
  let sent = new Map<string, CapturedTurn>();
  let elements = new Map<string, Element>();
  let lastBadges: Record<string, BadgeInfo> = {};
  let shownPending: ReadonlySet<string> = new Set();
  // Turns left on screen by the previous conversation during an SPA navigation.
  let staleElements = new WeakSet<Element>();
  let staleIds = new Set<string>();

  const win = doc.defaultView;
  const navigation = (win as (Window & { navigation?: EventTarget }) | null)?.navigation;

  function schedule(): void {
    const now = timers.now();
    if (firstPendingAt === null) firstPendingAt = now;
    if (debounceHandle !== null) timers.clearTimeout(debounceHandle);
    const wait = now - firstPendingAt >= maxWaitMs ? 0 : debounceMs;
    debounceHandle = timers.setTimeout(runScheduled, wait);
  }

  function runScheduled(): void {
    debounceHandle = null;
    firstPendingAt = null;
    scan();
  }

  function scheduleRecheck(delay: number): void {
    if (recheckHandle !== null) timers.clearTimeout(recheckHandle);
    recheckHandle = timers.setTimeout(
      () => {
        recheckHandle = null;
        scan();
      },
      Math.max(0, delay),
    );
  }

  /**
   * A paused scan continues when the page is idle, reading for as long as the idle period
   * lasts (at most sliceMs), so the rest of a long first look never delays input; without an
   * idle API, in the next task. One continuation at a time.
   */
  function scheduleResume(): void {
    if (resumeHandle !== null) return;
    if (timers.idle) {
      resumeHandle = timers.idle((budget) => {
        resumeHandle = null;
        scan(Math.max(MIN_SLICE_MS, Math.min(sliceMs, budget)));
      });
      return;
    }
    resumeHandle = timers.setTimeout(() => {
      resumeHandle = null;
      scan();
    }, 0);
  }

  function cancelResume(): void {
    if (resumeHandle === null) return;
    if (timers.idle) timers.cancelIdle?.(resumeHandle);
    else timers.clearTimeout(resumeHandle);
    resumeHandle = null;
  }

  /** A change to our own UI only: inside it, or our node put in or taken out (the badge host). */
  function isOwnRecord(r: MutationRecord): boolean {
    if (isOwnNode(r.target)) return true;
    if (r.type !== 'childList' || r.addedNodes.length + r.removedNodes.length === 0) return false;
    for (const list of [r.addedNodes, r.removedNodes]) {
      for (let i = 0; i < list.length; i++) if (!isOwnNode(list[i])) return false;
    }
    return true;
  }

  function onMutations(records: MutationRecord[]): void {
    try {
      cache.noteMutations(records);
      if (records.every(isOwnRecord)) return;
      // An SPA navigation is noticed here too: scan() compares the URL before reading turns.
      schedule();
    } catch (err) {
      report(err);
    }
  }

  function onNavigationEvent(): void {
    try {
      schedule();
    } catch (err) {
      report(err);
    }
  }

  function handleNavigation(oldHref: string, newHref: string): void {
    lastUrl = newHref;
    const oldUrl = parseUrl(oldHref);
    const newUrl = parseUrl(newHref);
    const oldAdapter = oldUrl ? adapterFor(oldUrl) : null;
    const newAdapter = newUrl ? adapterFor(newUrl) : null;
    const oldId = oldUrl && oldAdapter ? oldAdapter.conversationId(oldUrl) : null;
    const newId = newUrl && newAdapter ? newAdapter.conversationId(newUrl) : null;
    if (oldId === newId && oldAdapter === newAdapter) return;
    if (oldId !== null) {
      // Another conversation: what is still on screen belongs to the old one until it is replaced.
      staleElements = new WeakSet(elements.values());
      staleIds = new Set(elements.keys());
    }
    // A new chat that just received its id keeps its turns; they are re-sent under the id.
    seen = oldId === null ? seen : new Map();
    sent = new Map();
    lastStatusKey = '';
    lastBadges = {};
  }

  function scan(budgetMs = sliceMs): void {
    try {
      // Records not yet delivered to the callback still have to invalidate the cache.
      if (observer) cache.noteMutations(observer.takeRecords());
      const href = getUrl();
      if (href !== lastUrl) handleNavigation(lastUrl, href);
      const url = parseUrl(href);
      const adapter = url ? adapterFor(url) : null;
      if (!url || !adapter) return;
      // A scan that paused carries on (whichever timer runs it next); otherwise a new scan starts.
      if (!paused) cache.startScan();
      paused = false;
      cache.startSlice(budgetMs);
      let reading: ReturnType<typeof readPage>;
      try {
        reading = withReadCache(cache, () => readPage(adapter, doc, url, { overrides: overridesFor(adapter.id) }));
      } catch (err) {
        if (!(err instanceof ScanPaused)) throw err;
        paused = true;
        scheduleResume();
        return;
      }
      // The turns are read; what is left of this scan is a few cheap page reads that must not
      // pause half-way (a pause outside readPage would lose the reading).
      cache.startSlice(Infinity);
      const base = {
        type: 'capture/page' as const,
        conversationId: reading.conversationId,
        title: reading.title,
        ...(reading.shared ? { shared: true } : {}),
        selectedModel: withReadCache(cache, () => selectedModelOf(adapter, doc)),
      };
      // A share page is read (so the popup can say it is recognised) but sent only on request.
      if (reading.status === 'ok' && reading.shared && !sharedAllowed.has(pageKey(href))) {
        elements = new Map();
        const key = `${href}|shared-waiting`;
        if (key === lastStatusKey) return;
        lastStatusKey = key;
        deliver({ ...base, conversationId: null, status: 'ok', detail: SHARE_ON_DEMAND_DETAIL, turns: [], pending: 0 });
        return;
      }
      if (reading.status !== 'ok') {
        elements = new Map();
        const key = `${href}|${reading.status}|${reading.detail ?? ''}`;
        if (key === lastStatusKey) return;
        lastStatusKey = key;
        deliver({ ...base, status: reading.status, ...(reading.detail ? { detail: reading.detail } : {}), turns: [], pending: 0 });
        return;
      }
      const now = timers.now();
      const finished: CapturedTurn[] = [];
      const live = new Map<string, Element>();
      const pendingIds = new Set<string>();
      let pending = 0;
      let nextRecheck = Infinity;
      for (const turn of reading.turns) {
        const el = reading.elements.get(turn.id);
        if (el && staleElements.has(el) && staleIds.has(turn.id)) continue;
        if (el) live.set(turn.id, el);
        const prev = seen.get(turn.id);
        if (turn.streaming || !prev || !sameTurn(prev.turn, turn)) {
          const streamed = turn.streaming || (prev?.streamed ?? false);
          seen.set(turn.id, { turn, since: now, streamed });
          pending++;
          if (streamed) pendingIds.add(turn.id);
          if (!turn.streaming) nextRecheck = Math.min(nextRecheck, quietMs);
          continue;
        }
        const waited = now - prev.since;
        if (waited < quietMs) {
          pending++;
          if (prev.streamed) pendingIds.add(turn.id);
          nextRecheck = Math.min(nextRecheck, quietMs - waited);
          continue;
        }
        finished.push(turn);
      }
      elements = live;
      if (nextRecheck !== Infinity) scheduleRecheck(nextRecheck);
      const changed = finished.some((t) => {
        const before = sent.get(t.id);
        return !before || !sameTurn(before, t);
      });
      const statusKey = `${href}|ok`;
      // Nothing new: stay quiet. (A first look where everything is still settling waits for the re-check.)
      if (!changed && (statusKey === lastStatusKey || pending > 0)) {
        showPending(pendingIds);
        return;
      }
      lastStatusKey = statusKey;
      for (const t of finished) {
        sent.set(t.id, t);
        const s = seen.get(t.id);
        if (s) s.streamed = false;
      }
      shownPending = pendingIds;
      deliver({ ...base, status: 'ok', turns: finished, pending });
    } catch (err) {
      if (err instanceof ScanPaused) scheduleResume();
      else report(err);
    }
  }

  /** A streaming reply shows as pending right away, without waiting for a stored batch. */
  function showPending(pendingIds: ReadonlySet<string>): void {
    if (sameIds(pendingIds, shownPending)) return;
    shownPending = pendingIds;
    options.onBadges?.(lastBadges, elements, pendingIds);
  }

  function deliver(message: CapturePageMessage): void {
    let pendingSend: Promise<CapturePageResponse | undefined>;
    try {
      pendingSend = send(clipCapture(message));
    } catch (err) {
      report(err);
      return;
    }
    Promise.resolve(pendingSend)
      .then(
        (response) => {
          if (!response) return;
          if (response.ok) {
            if (response.settings) {
              const sites = response.settings.sites;
              overridesFor = (site) => sites[site]?.selectors;
            }
            lastBadges = (response.settings?.badgesHidden ? {} : response.badges) ?? {};
            // The freshest elements and pending set: later scans may have run while the worker answered.
            options.onBadges?.(lastBadges, elements, shownPending);
          } else if (message.turns.length > 0) {
            // Not stored (paused, store error): forget that we sent these so a later change retries.
            for (const t of message.turns) sent.delete(t.id);
          }
        },
        (err: unknown) => {
          for (const t of message.turns) sent.delete(t.id);
          report(err);
        },
      )
      .catch(report);
  }

  return {
    start() {
      try {
        if (observer) return;
        const MO = win?.MutationObserver ?? globalThis.MutationObserver;
        cache.clear();
        paused = false;
        observer = new MO(onMutations);
        observer.observe(doc, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true,
          attributeFilter: WATCHED_ATTRIBUTES,
        });
        win?.addEventListener('popstate', onNavigationEvent);
        navigation?.addEventListener('navigatesuccess', onNavigationEvent);
        scan();
      } catch (err) {
        report(err);
      }
    },
    stop() {
      try {
        observer?.disconnect();
        observer = null;
        if (debounceHandle !== null) timers.clearTimeout(debounceHandle);
        if (recheckHandle !== null) timers.clearTimeout(recheckHandle);
        cancelResume();
        debounceHandle = null;
        recheckHandle = null;
        firstPendingAt = null;
        win?.removeEventListener('popstate', onNavigationEvent);
        navigation?.removeEventListener('navigatesuccess', onNavigationEvent);
      } catch (err) {
        report(err);
      }
    },
    scanNow: () => scan(),
    findTurnElement(turnId) {
      const el = elements.get(turnId);
      return el && el.isConnected ? el : null;
    },
    setOverrides(next) {
      overridesFor = next;
    },
    captureSharedPage() {
      sharedAllowed.add(pageKey(getUrl()));
      lastStatusKey = '';
      scan();
    },
  };
}
