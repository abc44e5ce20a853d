/**
 * Content-script entry (manifest content_scripts for the supported chat sites).
 * Wires the capture controller to the background worker (typed messages through
 * webextension-polyfill) and the in-page badge renderer. Everything is wrapped so that nothing
 * we do can break the site: failures are logged once and capture simply stops.
 */
import { createCaptureController, type CaptureController } from './capture/controller.ts';
import browser, { type Runtime } from 'webextension-polyfill';
import { renderBadges, setBadgesHidden } from './badges/index.ts';
import { createSettingsOwner } from './settings.ts';
import { adapterForUrl } from '../sites/registry.ts';
import { useNativeMatching } from '../sites/dom-text/ui-chrome.ts';
import { sendMessage } from '../messaging/client.ts';
import type { CapturePageMessage } from '../messaging/requests.ts';
import type { BadgeInfo } from '../messaging/responses.ts';
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
let lastBadges: {
  badges: Record<string, BadgeInfo>;
  elements: Map<string, Element>;
  pending: ReadonlySet<string>;
  gaps: ReadonlyMap<string, string>;
} | null = null;
const routeTexts = new Map<string, string | null>();

function drawBadges(): void {
  if (!lastBadges) return;
  const merged: Record<string, BadgeInfo> = {};
  for (const [id, info] of Object.entries(lastBadges.badges)) {
    merged[id] = routeTexts.has(id) ? { ...info, route: routeTexts.get(id) ?? null } : info;
  }
  renderBadges(merged, lastBadges.elements, lastBadges.pending, lastBadges.gaps);
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
  const site = adapter.id;
  const settings = createSettingsOwner();
  const siteOn = () => settings.current()?.sites[site]?.enabled !== false;
  // Listening starts before any await: the main-world observer may already be posting.
  if (isRouteSite(site)) {
    routeBridge = createRouteBridge({
      win: window,
      conversationId: () => adapterForUrl(location.href)?.conversationId(new URL(location.href)) ?? null,
      send: (message) => sendMessage(message),
      enabled: () => siteOn() && (settings.current()?.sites[site]?.readResponses ?? true),
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
    site,
    () => controller?.captureSharedPage(),
    () => (routeBridge ? { ...routeBridge.drops } : null),
  );
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    settings.receive(message, sender, browser.runtime.id);
    return undefined;
  });
  try {
    const answer = await sendMessage({ type: 'settings/get' });
    if (answer.ok) settings.set(answer.settings);
  } catch {
    // The worker may be starting up: capture with the built-in selectors; a push brings settings later.
  }
  controller = createCaptureController({
    doc: document,
    adapterFor: (url) => adapterForUrl(url),
    send: (message) => sendMessage(withRoutes(message)),
    onBadges: (badges, elements, pending, gaps) => {
      lastBadges = { badges, elements, pending, gaps };
      drawBadges();
      routeBridge?.captured(elements.keys());
    },
    overrides: (s) => settings.current()?.sites[s]?.selectors,
    onError: logOnce(),
  });
  // Capture (and reading the site's responses) runs while the site is on; turning it off or on in
  // Settings applies to open pages too. null: not decided yet.
  let running: boolean | null = null;
  const capture = controller;
  const follow = (on: boolean) => {
    if (on === running) return;
    running = on;
    if (on) {
      routeBridge?.start();
      capture.start();
    } else {
      routeBridge?.stop();
      capture.stop();
      renderBadges({}, new Map());
    }
  };
  settings.subscribe((now) => {
    setBadgesHidden(now.badgesHidden);
    follow(now.sites[site]?.enabled !== false);
  });
  // The worker did not answer yet: capture with the defaults until its push arrives.
  if (running === null) follow(siteOn());
}

/** For the badge renderer: the element of a captured turn, by turn id. */
export function findTurnElement(turnId: string): Element | null {
  return controller?.findTurnElement(turnId) ?? null;
}

main().catch(logOnce());
