/**
 * Content-script entry (manifest content_scripts for the supported chat sites).
 * Wires the capture controller to the background worker (typed messages through
 * webextension-polyfill) and the in-page badge renderer. Everything is wrapped so that nothing
 * we do can break the site: failures are logged once and capture simply stops.
 */
import { createCaptureController, type CaptureController } from './capture/controller.ts';
import { renderBadges } from './badges/index.ts';
import { adapterForUrl } from '../sites/registry.ts';
import { useNativeMatching } from '../sites/dom-text.ts';
import { sendMessage } from '../messaging/client.ts';
import { listenForPopupRequests } from './popup-requests.ts';

const MARK = 'data-persona-observatory';
let controller: CaptureController | null = null;

function logOnce(): (err: unknown) => void {
  let logged = 0;
  return (err) => {
    if (logged++ < 3) console.warn('[persona-observatory] capture error (contained):', err);
  };
}

async function main(): Promise<void> {
  const adapter = adapterForUrl(location.href);
  if (!adapter) return;
  useNativeMatching(true); // a real browser: one native selector match per node is the fast path
  // Marks that the page was recognised (used by the e2e tests and for debugging).
  document.documentElement.setAttribute(MARK, adapter.id);
  // Even with capture off for the site, a layout report can be saved for a bug report.
  listenForPopupRequests(adapter.id, () => controller?.captureSharedPage());
  let overrides: Record<string, Record<string, string> | undefined> = {};
  try {
    const answer = await sendMessage({ type: 'settings/get' });
    if (answer.ok) {
      const siteSettings = answer.settings.sites[adapter.id];
      if (siteSettings && siteSettings.enabled === false) return;
      overrides = Object.fromEntries(Object.entries(answer.settings.sites).map(([k, v]) => [k, v?.selectors]));
    }
  } catch {
    // The worker may be starting up: capture with the built-in selectors; answers carry settings later.
  }
  controller = createCaptureController({
    doc: document,
    adapterFor: (url) => adapterForUrl(url),
    send: (message) => sendMessage(message),
    onBadges: (badges, elements, pending) => renderBadges(badges, elements, pending),
    overrides: (site) => overrides[site],
    onError: logOnce(),
  });
  controller.start();
}

/** For the badge renderer: the element of a captured turn, by turn id. */
export function findTurnElement(turnId: string): Element | null {
  return controller?.findTurnElement(turnId) ?? null;
}

main().catch(logOnce());
