/**
 * Requests the popup sends to this page's content script (tabs.sendMessage), and only the
 * popup: the page itself cannot reach this listener, and a content script of another tab would
 * carry `sender.tab`. Three requests:
 * - `layout/snapshot`: a redacted snapshot of this page's structure (src/sites/layout-snapshot.ts),
 *   answered as JSON text that the popup saves as a file. Nothing is sent anywhere.
 * - `capture/shared-page`: the user asked to capture the share page open now.
 * - `route/drops`: how many route messages from the page the bridge ignored, by reason (null
 *   where routes are not read).
 */
import browser from 'webextension-polyfill';
import { layoutSnapshot } from '../sites/layout-snapshot.ts';
import type { BridgeDropCounts } from '../core/route/bridge-drops.ts';

export interface LayoutReportRequest {
  type: 'layout/snapshot';
  includeText: boolean;
  /** The status line the popup showed (which check failed), kept with the report. */
  status: string | null;
}

export interface CaptureSharedPageRequest {
  type: 'capture/shared-page';
}

export interface RouteDropsRequest {
  type: 'route/drops';
}

export type PopupRequest = LayoutReportRequest | CaptureSharedPageRequest | RouteDropsRequest;

export function parsePopupRequest(m: unknown): PopupRequest | null {
  if (typeof m !== 'object' || m === null) return null;
  const r = m as Record<string, unknown>;
  if (r.type === 'capture/shared-page') return { type: 'capture/shared-page' };
  if (r.type === 'route/drops') return { type: 'route/drops' };
  if (r.type === 'layout/snapshot' && typeof r.includeText === 'boolean' && (r.status === null || (typeof r.status === 'string' && r.status.length <= 2000))) {
    return { type: 'layout/snapshot', includeText: r.includeText, status: r.status };
  }
  return null;
}

export function listenForPopupRequests(site: string, captureSharedPage: () => void, routeDrops: () => BridgeDropCounts | null): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    const request = parsePopupRequest(message);
    if (sender.id !== browser.runtime.id || sender.tab || !request) return undefined;
    if (request.type === 'capture/shared-page') {
      captureSharedPage();
      return Promise.resolve(true);
    }
    if (request.type === 'route/drops') return Promise.resolve(routeDrops());
    const snapshot = layoutSnapshot(document.documentElement, { url: location.href, site, status: request.status }, { includeText: request.includeText });
    return Promise.resolve(JSON.stringify(snapshot, null, 1));
  });
}
