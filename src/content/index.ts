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
import type { BadgeInfo, CapturePageMessage } from '../messaging/catalog.ts';
import { isRouteSite } from '../core/route/observation.ts';
import { createRouteBridge, type RouteBridge } from './route/bridge.ts';
import { listenForPopupRequests } from './popup-requests.ts';

let controller: CaptureController | null = null;
const ROUTE_HOLD_MS = 2_500;

/** A capture message carries the route observations of its conversation's replies, if any wait. */
function withRoutes(message: CapturePageMessage): CapturePageMessage {
  if (!routeBridge || message.status !== 'ok' || message.conversationId === null) return message;
  const routes = routeBridge.takeFor(
    message.conversationId,
    message.turns.map((t) => t.id),
  );
  return routes.length > 0 ? { ...message, routes } : message;
}
let routeBridge: RouteBridge | null = null;

/** The last badges drawn, so a route answer can redraw them with its "served by" text. */
let lastBadges: { badges: Record<string, BadgeInfo>; elements: Map<string, Element>; pending: ReadonlySet<string> } | null = null;
const routeTexts = new Map<string, string | null>();

function drawBadges(): void {
  if (!lastBadges) return;
  const merged: Record<string, BadgeInfo> = {};
  for (const [id, info] of Object.entries(lastBadges.badges)) {
    merged[id] = routeTexts.has(id) ? { ...info, route: routeTexts.get(id) ?? null } : info;
  }
  renderBadges(merged, lastBadges.elements, lastBadges.pending);
}

function logOnce(): (err: unknown) => void {
  let logged = 0;
  return (err) => {
    if (logged++ < 3) console.warn('[persona-observatory] capture error (contained):', err);
  };
}

async function main(): Promise<void> {
  const adapter = adapterForUrl(location.href);
  if (!adapter) return;
  let readResponses = true;
  // Listening starts before any await: the main-world observer may already be posting.
  if (isRouteSite(adapter.id)) {
    routeBridge = createRouteBridge({
      win: window,
      conversationId: () => adapterForUrl(location.href)?.conversationId(new URL(location.href)) ?? null,
      send: (message) => sendMessage(message),
      enabled: () => readResponses,
      // A finished reply is captured about 1.5 s after its stream ends: its route rides along.
      holdMs: ROUTE_HOLD_MS,
      onRoutes: (routes) => {
        // Redraw only when a badge's route text really changed (answers repeat for every stream).
        let changed = false;
        for (const [id, text] of Object.entries(routes)) {
          if (routeTexts.get(id) !== text || !routeTexts.has(id)) {
            routeTexts.set(id, text);
            changed = true;
          }
        }
        if (changed) drawBadges();
      },
    });
    routeBridge.start();
  }
  useNativeMatching(true); // a real browser: one native selector match per node is the fast path
  // No marker on the page: whether we run is not the page's business (tests ask the worker).
  // Even with capture off for the site, a layout report can be saved for a bug report.
  listenForPopupRequests(
    adapter.id,
    () => controller?.captureSharedPage(),
    () => (routeBridge ? { ...routeBridge.drops } : null),
  );
  let overrides: Record<string, Record<string, string> | undefined> = {};
  try {
    const answer = await sendMessage({ type: 'settings/get' });
    if (answer.ok) {
      const siteSettings = answer.settings.sites[adapter.id];
      if (siteSettings && siteSettings.enabled === false) {
        routeBridge?.stop();
        return;
      }
      readResponses = siteSettings?.readResponses ?? true;
      overrides = Object.fromEntries(Object.entries(answer.settings.sites).map(([k, v]) => [k, v?.selectors]));
    }
  } catch {
    // The worker may be starting up: capture with the built-in selectors; answers carry settings later.
  }
  controller = createCaptureController({
    doc: document,
    adapterFor: (url) => adapterForUrl(url),
    send: (message) => sendMessage(withRoutes(message)),
    onBadges: (badges, elements, pending) => {
      lastBadges = { badges, elements, pending };
      drawBadges();
      routeBridge?.captured(elements.keys());
    },
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
