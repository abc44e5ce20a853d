/**
 * Helpers the browser tests share on top of browser.ts: read the extension's IndexedDB from its
 * service worker, stop the worker through the DevTools protocol, send catalog messages as an
 * extension page would, forge messages from a web page's main world, and the no-network check.
 * Test-only code: imports playwright-core, node built-ins and the store's pure row codec.
 */
import type { Page, Worker } from 'playwright-core';
import { currentWorker, type ExtensionSession, type RecordedRequest } from './browser.ts';
import { decodeTurn, type TurnRow } from '../../../src/store/turn-rows.ts';

export const DB_NAME = 'persona-observatory';

/** Every object store of the extension's database: name → all records (key order). */
export type StoreDump = Record<string, unknown[]>;

/**
 * Read from an extension page rather than the worker: pages share the extension origin's
 * IndexedDB, and a page stays usable while the worker is stopped or restarting.
 */
export async function dumpStore(session: ExtensionSession, dbName = DB_NAME): Promise<StoreDump> {
  return evaluateDump(await extensionPage(session), dbName);
}

/** The same read from inside the service worker (proves the worker itself sees the data). */
export async function dumpStoreFromWorker(session: ExtensionSession, dbName = DB_NAME): Promise<StoreDump> {
  return evaluateDump(await currentWorker(session), dbName);
}

async function evaluateDump(where: Page | Worker, dbName: string): Promise<StoreDump> {
  const read = async (name: string): Promise<StoreDump> => {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === name)) return {};
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, unknown[]> = {};
    const names = Array.from(db.objectStoreNames);
    if (names.length > 0) {
      const tx = db.transaction(names, 'readonly');
      await Promise.all(
        names.map(
          (s) =>
            new Promise<void>((resolve, reject) => {
              const req = tx.objectStore(s).getAll();
              req.onsuccess = () => {
                out[s] = req.result;
                resolve();
              };
              req.onerror = () => reject(req.error);
            }),
        ),
      );
    }
    db.close();
    return out;
  };
  // Page and Worker both have evaluate(fn, arg); TS cannot call the union's overloads directly.
  return 'goto' in where ? where.evaluate(read, dbName) : where.evaluate(read, dbName);
}

export interface StoredTurnLike {
  key: string;
  conversationKey: string;
  turnId: string;
  order: number;
  role: string;
  text: string;
  model: string | null;
  selectedModel: string | null;
  alternativeOf: string | null;
  steps?: { kind: string; text: string }[];
  citations?: string[];
  notCaptured?: string;
}

/** Stored rows → Turns, through the store's own codec (rows are compact since schema v3). */
function toTurn(row: unknown): StoredTurnLike {
  const r = row as Record<string, unknown>;
  return ('conversationKey' in r ? r : decodeTurn(r as unknown as TurnRow)) as StoredTurnLike;
}

export async function storedTurns(session: ExtensionSession, conversationKey?: string): Promise<StoredTurnLike[]> {
  const dump = await dumpStore(session);
  const turns = (dump.turns ?? []).map(toTurn);
  return turns.filter((t) => conversationKey === undefined || t.conversationKey === conversationKey).sort((a, b) => a.order - b.order);
}

/**
 * A probe's promise, or a rejection once `ms` have passed. Playwright's evaluate and CDP calls have
 * no timeout of their own; a probe that never settles (a worker or page that went away mid-call)
 * must fail its waitFor, not hang the suite.
 */
export function withinMs<T>(promise: Promise<T>, ms: number, what = 'the probe'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, hung]).finally(() => clearTimeout(timer));
}

/** Poll `fn` until it returns a truthy value (returned) or time runs out (throws with `what`). */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, stepMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await withinMs(fn(), Math.max(stepMs, end - Date.now()) + stepMs);
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Wait until the number of stored turns stops changing and satisfies `ok`. */
export async function waitForTurns(
  session: ExtensionSession,
  ok: (turns: StoredTurnLike[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<StoredTurnLike[]> {
  return waitFor(
    what,
    async () => {
      const turns = await storedTurns(session);
      return ok(turns) ? turns : null;
    },
    timeoutMs,
    300,
  );
}

/**
 * An extension page kept open to talk to the worker like the popup/dashboard do. Opened lazily,
 * reused; `chrome.runtime.sendMessage` from it is a message from our own extension.
 */
const helperPages = new WeakMap<ExtensionSession, Page>();

export async function extensionPage(session: ExtensionSession): Promise<Page> {
  let page = helperPages.get(session);
  if (!page || page.isClosed()) {
    page = await session.openPage(session.extensionUrl('src/ui/popup/index.html'));
    helperPages.set(session, page);
  }
  return page;
}

export async function sendFromExtension<T = Record<string, unknown>>(session: ExtensionSession, message: Record<string, unknown>): Promise<T> {
  const page = await extensionPage(session);
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

/**
 * Open `url` in a new tab created by the extension itself, so we learn its tab id (without the
 * `tabs` permission, `tabs.query` hides the URLs of chat tabs, so a tab cannot be found by URL).
 */
export async function openTab(session: ExtensionSession, url: string): Promise<{ page: Page; tabId: number }> {
  const helper = await extensionPage(session);
  // The tab starts on a blank page with a unique fragment, then Playwright navigates it: a
  // navigation started by the browser itself (tabs.create with the chat URL) could leave before
  // request interception was attached to the new tab, reach the (closed) network and show
  // chrome-error instead of the fixture — seen on a loaded machine.
  const blank = `about:blank#po-tab-${Math.random().toString(36).slice(2)}`;
  const tabId = await helper.evaluate(async (u) => (await chrome.tabs.create({ url: u, active: true })).id ?? -1, blank);
  // The page of THIS tab, by its unique URL: another tab may open meanwhile (the first-run page on install).
  const page = await waitFor('the new tab', async () => session.context.pages().find((p) => p.url() === blank) ?? null, 30_000);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { page, tabId };
}

export async function tabStatus(session: ExtensionSession, tabId: number): Promise<Record<string, unknown>> {
  return sendFromExtension(session, { type: 'tab/status', tabId });
}

/**
 * Stop the extension's service worker as Chrome does when it goes idle, through the DevTools
 * protocol (ServiceWorker.stopAllWorkers). Resolves once the worker reports `stopped`; the next
 * event (a message from a tab or page) starts a fresh one.
 */
export async function stopServiceWorker(session: ExtensionSession, anyPage: Page): Promise<void> {
  const cdp = await session.context.newCDPSession(anyPage);
  try {
    // The worker may be woken again at once by a message in flight: "it went down" is what we
    // wait for, not "it stays down".
    let stoppedSeen = false;
    let calledStop = false;
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      if (!calledStop) return;
      for (const v of e.versions) if (v.scriptURL.includes(session.extensionId) && v.runningStatus === 'stopped') stoppedSeen = true;
    });
    await cdp.send('ServiceWorker.enable');
    calledStop = true;
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitFor('the service worker to stop', async () => stoppedSeen, 10_000, 50);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Requests that were neither a served fixture page nor an extension resource. */
export function foreignRequests(session: ExtensionSession): RecordedRequest[] {
  return session.requests.filter((r) => !r.servedFixture && !r.url.startsWith('chrome-extension://'));
}

export function describeRequests(list: RecordedRequest[]): string {
  return list.map((r) => `${r.resourceType} ${r.url} (from ${r.origin})`).join('\n');
}

/** A page script error or dialog, collected per page so tests can assert "nothing executed". */
export interface PageWatch {
  errors: string[];
  dialogs: string[];
  console: string[];
}

export function watchPage(page: Page): PageWatch {
  const w: PageWatch = { errors: [], dialogs: [], console: [] };
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('console', (m) => w.console.push(`${m.type()}: ${m.text()}`));
  return w;
}
