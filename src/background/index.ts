/**
 * Background worker (Chrome service worker / Firefox event page): the only writer to the store.
 * Thin wiring of webextension-polyfill to the testable modules beside it. The sender check uses
 * the URL → site table (src/core/sites.ts), so no DOM adapter is loaded here. Listeners are
 * registered synchronously at top level, as MV3 requires for a worker woken by an event.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { chatSiteOfUrl } from '../core/sites.ts';
import { getObservatoryDB } from '../store/connection.ts';
import { buildTextIndex } from '../store/text-index.ts';
import { coreAnalyzer } from './analyzer.ts';
import { createBackgroundContext } from './context.ts';
import { handleRuntimeMessage } from './dispatch.ts';
import { createCalibrationScheduler, startUserCalibration } from './user-calibration.ts';
import type { SessionArea } from './session.ts';
import { settingsPush } from '../messaging/settings-push.ts';
import type { Settings } from '../core/model/types.ts';

/** The dashboard's first-run view (src/ui/dashboard/welcome). */
const FIRST_RUN_PAGE = 'src/ui/dashboard/index.html#/welcome';

function sessionArea(): SessionArea | null {
  const area = (browser.storage as { session?: typeof browser.storage.local }).session;
  if (!area) return null;
  return {
    get: async (key) => (await area.get(key))[key],
    set: async (key, value) => {
      await area.set({ [key]: value });
    },
  };
}

/**
 * Every tab's content script follows the settings (badges hidden, capture off for a site,
 * selector overrides) from this push. Tabs without our content script refuse it: ignored.
 */
async function pushSettings(settings: Settings): Promise<void> {
  const tabs = await browser.tabs.query({});
  const message = settingsPush(settings);
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message).catch(() => undefined))));
}

const ctx = createBackgroundContext({
  db: getObservatoryDB,
  analyzer: coreAnalyzer,
  version: browser.runtime.getManifest().version,
  policy: {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL(''),
    siteForUrl: chatSiteOfUrl,
  },
  session: sessionArea(),
  storageUsage: async () => (await navigator.storage?.estimate?.())?.usage ?? null,
  settingsChanged: (settings) => void pushSettings(settings).catch(() => undefined),
});
ctx.verdictsChanged = createCalibrationScheduler(getObservatoryDB, coreAnalyzer, ctx.queue);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => handleRuntimeMessage(message, sender, ctx));
browser.tabs.onRemoved.addListener((tabId) => {
  ctx.tabs.remove(tabId);
  ctx.newConversations.forget(tabId);
});
// First install (not updates): open the first-run page (what a badge means, privacy, demo, import).
browser.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(FIRST_RUN_PAGE) }).catch(() => undefined);
});

// Labels made by an older detector or another confidence curve (or never made, e.g. after an
// import cut short) are brought up to date in the background; captures queue behind it. The
// user's stored curve is used at once, and refitted from their verdicts after a detector upgrade.
void ctx.ready
  .then(async () => {
    const db = await getObservatoryDB();
    const recomputed = await ctx.queue.run(() => startUserCalibration(db, coreAnalyzer));
    if (recomputed > 0) console.info(`persona-observatory: recomputed labels of ${recomputed} conversations (detector ${coreAnalyzer.version})`);
  })
  .catch((error: unknown) => console.warn('persona-observatory: recompute at startup failed', error));

// Conversations stored before the transcript index existed are indexed a slice at a time,
// each slice its own queued write, so captures never wait behind the whole build. Searches
// scan until it is done; a worker stopped part-way resumes from the saved cursor.
void ctx.ready
  .then(async () => {
    const db = await getObservatoryDB();
    const count = await buildTextIndex(db, (slice) => ctx.queue.run(slice));
    if (count > 0) console.info(`persona-observatory: indexed the text of ${count} conversations for search`);
  })
  .catch((error: unknown) => console.warn('persona-observatory: building the search index failed', error));
