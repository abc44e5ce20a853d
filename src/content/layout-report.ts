/**
 * Answers the popup's "Save layout report" request with a redacted snapshot of this page's
 * structure (src/sites/layout-snapshot.ts). Only the extension's own pages can send it
 * (tabs.sendMessage); the page itself cannot reach this listener. Nothing is sent anywhere: the
 * popup turns the answer into a file download.
 */
import browser from 'webextension-polyfill';
import { layoutSnapshot } from '../sites/layout-snapshot.ts';

export interface LayoutReportRequest {
  type: 'layout/snapshot';
  includeText: boolean;
  /** The status line the popup showed (which check failed), kept with the report. */
  status: string | null;
}

export function isLayoutReportRequest(m: unknown): m is LayoutReportRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.type === 'layout/snapshot' && typeof r.includeText === 'boolean'
    && (r.status === null || (typeof r.status === 'string' && r.status.length <= 2000));
}

export function listenForLayoutReports(site: string): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    // From our own extension pages only (a content script of another tab would carry sender.tab).
    if (sender.id !== browser.runtime.id || sender.tab || !isLayoutReportRequest(message)) return undefined;
    const snapshot = layoutSnapshot(document.documentElement, { url: location.href, site, status: message.status }, { includeText: message.includeText });
    return Promise.resolve(JSON.stringify(snapshot, null, 1));
  });
}
