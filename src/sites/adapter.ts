/**
 * The one interface every site adapter implements, and the runner that turns an adapter's
 * raw reading of a page into a `PageCapture` (liveness check, user selector overrides, errors).
 *
 * Adapters are pure functions of (DOM root, URL): no storage, no messaging, no timers. They
 * run the same on a live page, on a saved page in a unit test, and in the CLI.
 */
import type { PageCapture, SiteId, SiteSettings } from '../core/model/types.ts';
import { readTurnsWithSelectors } from './selector-reader.ts';
import { cachedPageRead, ScanPaused } from './read-cache.ts';
import type { TurnReading } from './reading.ts';
import { failedCheck, type CheckedAdapter } from './checks.ts';

/** User selector overrides from Settings.sites[site].selectors. */
export type SelectorOverrides = SiteSettings['selectors'];

export type { TurnReading } from './reading.ts';

export interface SiteAdapter extends CheckedAdapter {
  id: SiteId;
  /** Human name for messages and the README table. */
  label: string;
  /** Does this URL belong to the site (host, and path prefix where the host is shared)? */
  matchesUrl(url: URL): boolean;
  conversationId(url: URL): string | null;
  /** Does the saved or live DOM look like this site? Used when no URL is known (CLI). */
  looksLike(root: ParentNode): boolean;
  /** Turns on the page now, in DOM order. May throw: the runner contains it. */
  readTurns(root: ParentNode, url: URL): TurnReading[];
  /** The composer's model / mode picker as shown now; null when none. */
  selectedModel(root: ParentNode): string | null;
  title(root: ParentNode): string | null;
  /** A site-specific layout check beyond the shared ones of checks.ts: what failed, or null. */
  layoutProblem?(root: ParentNode, readings: TurnReading[]): string | null;
  /** Is this a read-only share page? Default: a `/share/…` or `/shares/…` path. */
  isShare?(url: URL): boolean;
}

const SHARE_PATH = /^\/(?:[a-z]\/)?(?:share|shares)\/[^/]+/i;

/** A read-only share page of `adapter`'s site (marked `shared: true` on its capture). */
export function isSharePage(adapter: SiteAdapter, url: URL): boolean {
  return adapter.isShare ? adapter.isShare(url) : SHARE_PATH.test(url.pathname);
}

export interface CaptureOptions {
  overrides?: SelectorOverrides;
  /**
   * Whether turns must be present. Default: when the URL has a conversation id. The CLI sets it
   * because a saved page is only saved for its turns.
   */
  expectTurns?: boolean;
}

export interface PageReading extends PageCapture {
  /** Turn id → element, for badge anchoring. Empty when status is not ok. */
  elements: Map<string, Element>;
}

/** The composer's model picker (memoised per page state while a read cache is installed). */
export function selectedModelOf(adapter: SiteAdapter, root: ParentNode): string | null {
  return cachedPageRead(root, `selected-model|${adapter.id}`, () => adapter.selectedModel(root));
}

function hasOverrides(o: SelectorOverrides | undefined): o is SelectorOverrides {
  return !!o && Object.values(o).some((v) => typeof v === 'string' && v.trim() !== '');
}

function notRecognized(adapter: SiteAdapter, conversationId: string | null, title: string | null, detail: string, shared: boolean): PageReading {
  return {
    site: adapter.id,
    conversationId,
    status: 'layout-not-recognized',
    detail,
    title,
    turns: [],
    elements: new Map(),
    ...(shared ? { shared } : {}),
  };
}

/**
 * Reads a page with `adapter`. Never throws (except `ScanPaused`, which only a content-script
 * read cache raises, to split a long scan across tasks): an adapter error, a failed layout check, or zero
 * turns where turns are expected all become status 'layout-not-recognized' with a detail, and
 * no turns (so nothing wrong is stored).
 */
export function readPage(adapter: SiteAdapter, root: ParentNode, url: URL, options: CaptureOptions = {}): PageReading {
  let conversationId: string | null = null;
  let title: string | null = null;
  const shared = isSharePage(adapter, url);
  try {
    conversationId = adapter.conversationId(url);
    title = cachedPageRead(root, `title|${adapter.id}`, () => adapter.title(root));
    let readings: TurnReading[] = [];
    let via = 'built-in selectors';
    if (hasOverrides(options.overrides)) {
      readings = readTurnsWithSelectors(root, options.overrides);
      via = 'selector overrides';
    }
    if (readings.length === 0) {
      readings = adapter.readTurns(root, url);
      via = 'built-in selectors';
    }
    const expect = options.expectTurns ?? conversationId !== null;
    if (readings.length === 0 && expect) {
      return notRecognized(
        adapter,
        conversationId,
        title,
        `${adapter.label}: no turns found on a conversation page (${via}); the site layout may have changed`,
        shared,
      );
    }
    const failed = failedCheck(adapter, root, readings);
    if (failed) return notRecognized(adapter, conversationId, title, `${adapter.label}: ${failed.detail} (${via})`, shared);
    const problem = adapter.layoutProblem?.(root, readings) ?? null;
    if (problem) return notRecognized(adapter, conversationId, title, `${adapter.label}: ${problem}`, shared);
    const selected = selectedModelOf(adapter, root);
    const turns = readings.map((r) => ({ ...r.turn, selectedModel: r.turn.selectedModel ?? selected }));
    const elements = new Map<string, Element>();
    readings.forEach((r) => elements.set(r.turn.id, r.element));
    return { site: adapter.id, conversationId, status: 'ok', title, turns, elements, ...(shared ? { shared } : {}) };
  } catch (err) {
    if (err instanceof ScanPaused) throw err; // not an adapter error: the caller resumes the scan later
    const message = err instanceof Error ? err.message : String(err);
    return notRecognized(adapter, conversationId, title, `${adapter.label}: adapter error: ${message}`, shared);
  }
}

/** `readPage` without the element map: the plain `PageCapture` of the shared data model. */
export function capturePage(adapter: SiteAdapter, root: ParentNode, url: URL, options: CaptureOptions = {}): PageCapture {
  const { elements: _elements, ...capture } = readPage(adapter, root, url, options);
  return capture;
}
