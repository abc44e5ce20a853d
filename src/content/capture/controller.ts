/**
 * The capture controller: watches a chat page and sends finished turns to the background.
 * It composes four parts, each in its own file:
 *
 * - `scheduler.ts`: ONE MutationObserver's records poke a debounced scan (with a max wait so a
 *   long stream still gets looked at); no polling. When the page is idle nothing runs: the only
 *   timer besides the debounce is a one-shot re-check while some turn waits out its quiet period.
 * - `settle.ts` (pure): streaming-aware and incremental. A turn is sent only when the adapter says
 *   it is not streaming AND its text has held still for `quietMs`; turns are keyed by id and
 *   re-sent only when they change, so virtualised lists that unmount and remount turns cause no
 *   duplicates; a turn that leaves the DOM is simply not in the next batch.
 * - `navigation.ts`: SPA navigation; turns still on screen from the previous conversation are
 *   ignored.
 * - `delivery.ts`: the message to the worker and its answer.
 *
 * Reads are incremental: the adapters' per-element reads are memoised in an element cache that
 * the observer's records invalidate (element-cache.ts), so a scan re-reads only the turns whose
 * subtree changed. A scan that has much to read (the first look at a long thread) stops after a
 * time slice and resumes when the page is idle, keeping what it read in the cache.
 * Errors are contained: nothing here throws into the page.
 *
 * May import: src/sites, src/core/types, types from src/messaging (requests, responses). No preact, no browser
 * APIs (the sender is injected so the controller is unit-testable).
 */
import type { SiteId } from '../../core/model/types.ts';
import type { CapturePageMessage } from '../../messaging/requests.ts';
import { SHARE_ON_DEMAND_DETAIL, type BadgeInfo, type CapturePageResponse } from '../../messaging/responses.ts';
import { readPage, selectedModelOf, type SelectorOverrides, type SiteAdapter } from '../../sites/adapter.ts';
import { ScanPaused, withReadCache } from '../../sites/read-cache.ts';
import { createElementCache } from './element-cache.ts';
import { isOwnNode } from '../own-ui.ts';
import { createScanScheduler, defaultTimers, type TimerApi } from './scheduler.ts';
import { emptySettleState, forgetSent, settle, settleStatus, type SettleState } from './settle.ts';
import { createNavigationTracker, parseUrl } from './navigation.ts';
import { deliver } from './delivery.ts';

export type { TimerApi } from './scheduler.ts';

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

export interface CaptureControllerOptions {
  doc: Document;
  adapterFor: (url: URL) => SiteAdapter | null;
  send: (message: CapturePageMessage) => Promise<CapturePageResponse | undefined>;
  /**
   * Called with the worker's badges, the elements of the turns on screen, and the ids of turns
   * still streaming (shown as pending): after every stored batch, and when the pending set changes.
   * `gaps`: replies on the page whose body could not be read (CapturedTurn.notCaptured), by id,
   * with the reason, so the page shows "reply not captured" instead of nothing.
   */
  onBadges?: (badges: Record<string, BadgeInfo>, elements: Map<string, Element>, pending: ReadonlySet<string>, gaps: ReadonlyMap<string, string>) => void;
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

function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

function sameGaps(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, reason] of a) if (b.get(id) !== reason) return false;
  return true;
}

/** A page's URL without its fragment: the unit a share-page capture request applies to. */
function pageKey(href: string): string {
  return href.split('#')[0];
}

export function createCaptureController(options: CaptureControllerOptions): CaptureController {
  const { doc, adapterFor, send } = options;
  const timers = options.timers ?? defaultTimers;
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

  const win = doc.defaultView;
  const cache = createElementCache();
  const navigation = createNavigationTracker(adapterFor, getUrl());
  const scheduler = createScanScheduler(timers, { debounceMs: options.debounceMs ?? 250, maxWaitMs: options.maxWaitMs ?? 2000, sliceMs }, scan);
  let observer: MutationObserver | null = null;
  let unlisten: (() => void) | null = null;
  /** The last scan paused (time slice used up) and has not completed yet. */
  let paused = false;
  /** Share pages the user asked to capture (by URL without fragment); others wait. */
  const sharedAllowed = new Set<string>();
  let state: SettleState = emptySettleState();
  let elements = new Map<string, Element>();
  let lastBadges: Record<string, BadgeInfo> = {};
  let shownPending: ReadonlySet<string> = new Set();
  /** Replies on screen that could not be read, with the reason (see onBadges). */
  let gaps: ReadonlyMap<string, string> = new Map();

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
      scheduler.poke();
    } catch (err) {
      report(err);
    }
  }

  function onNavigationEvent(): void {
    try {
      scheduler.poke();
    } catch (err) {
      report(err);
    }
  }

  function noteNavigation(href: string): void {
    const change = navigation.check(href, elements);
    if (change === 'none') return;
    // A new chat that just received its id keeps its turns; they are re-sent under the id.
    state = { seen: change === 'got-id' ? state.seen : new Map(), sent: new Map(), statusKey: '' };
    lastBadges = {};
  }

  function sendStatus(key: string, message: CapturePageMessage): void {
    elements = new Map();
    const next = settleStatus(state, key);
    if (!next) return;
    state = next;
    sendToWorker(message);
  }

  function scan(budgetMs = sliceMs): void {
    try {
      // Records not yet delivered to the callback still have to invalidate the cache.
      if (observer) cache.noteMutations(observer.takeRecords());
      const href = getUrl();
      noteNavigation(href);
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
        scheduler.resume();
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
        sendStatus(`${href}|shared-waiting`, { ...base, conversationId: null, status: 'ok', detail: SHARE_ON_DEMAND_DETAIL, turns: [], pending: 0 });
        return;
      }
      if (reading.status !== 'ok') {
        const detail = reading.detail ? { detail: reading.detail } : {};
        sendStatus(`${href}|${reading.status}|${reading.detail ?? ''}`, { ...base, status: reading.status, ...detail, turns: [], pending: 0 });
        return;
      }
      const live = new Map<string, Element>();
      const turns = reading.turns.filter((turn) => {
        const el = reading.elements.get(turn.id);
        if (navigation.isStale(turn.id, el)) return false;
        if (el) live.set(turn.id, el);
        return true;
      });
      elements = live;
      const gapsBefore = gaps;
      gaps = new Map(turns.flatMap((t) => (t.notCaptured ? [[t.id, t.notCaptured] as const] : [])));
      const result = settle(state, { href, turns }, timers.now(), quietMs);
      state = result.state;
      if (result.recheckInMs !== null) scheduler.recheck(result.recheckInMs);
      if (!result.batch) {
        showPending(result.pendingIds, !sameGaps(gapsBefore, gaps));
        return;
      }
      shownPending = result.pendingIds;
      sendToWorker({ ...base, status: 'ok', turns: result.batch, pending: result.pending });
    } catch (err) {
      if (err instanceof ScanPaused) scheduler.resume();
      else report(err);
    }
  }

  /** A streaming reply shows as pending right away, without waiting for a stored batch. */
  function showPending(pendingIds: ReadonlySet<string>, gapsChanged: boolean): void {
    if (sameIds(pendingIds, shownPending) && !gapsChanged) return;
    shownPending = pendingIds;
    options.onBadges?.(lastBadges, elements, pendingIds, gaps);
  }

  function sendToWorker(message: CapturePageMessage): void {
    deliver(message, {
      send,
      report,
      onStored(badges) {
        lastBadges = badges;
        // The freshest elements and pending set: later scans may have run while the worker answered.
        options.onBadges?.(lastBadges, elements, shownPending, gaps);
      },
      onNotStored(turns) {
        state = forgetSent(state, turns);
      },
    });
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
        unlisten = navigation.listen(win, onNavigationEvent);
        scan();
      } catch (err) {
        report(err);
      }
    },
    stop() {
      try {
        observer?.disconnect();
        observer = null;
        scheduler.cancel();
        unlisten?.();
        unlisten = null;
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
      state = { ...state, statusKey: '' };
      scan();
    },
  };
}
