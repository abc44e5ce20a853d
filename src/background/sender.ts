/**
 * Who sent a runtime message. Only our own extension counts: extension pages (popup,
 * dashboard) by their origin, content scripts only from tabs on a supported chat site, and our
 * own extension page framed inside such a tab (the annotation frame of the badge panel).
 *
 * A sender in a chat tab is bound to that tab's site and URL, taken from the browser's
 * MessageSender (never from the message body): handlers read them from `chatSender(from)`.
 */
import type { ChatSiteId } from '../core/sites.ts';

/** The parts of runtime.MessageSender we look at. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

/** Where a sender in a chat tab is, as the browser reports it. */
export interface ChatSender {
  tabId: number;
  /** The page's URL (the content script's frame, or the tab of an extension frame). */
  url: string;
  site: ChatSiteId;
}

export type SenderKind = { kind: 'page' } | ({ kind: 'content' } & ChatSender) | ({ kind: 'frame' } & ChatSender);

export interface SenderPolicy {
  extensionId: string;
  /** runtime.getURL(''), e.g. chrome-extension://<id>/ or moz-extension://<uuid>/. */
  extensionOrigin: string;
  /** The supported chat site of a URL, or null. */
  siteForUrl(url: string): ChatSiteId | null;
}

export function classifySender(sender: SenderLike, policy: SenderPolicy): SenderKind | null {
  if (!sender || sender.id !== policy.extensionId) return null;
  const url = sender.url ?? sender.tab?.url;
  if (typeof url !== 'string') return null;
  const tabId = sender.tab?.id;
  const tabUrl = sender.tab?.url;
  if (url.startsWith(policy.extensionOrigin)) {
    // The popup has no tab; the dashboard is a tab of its own. Anything else is one of our pages
    // framed in a web page: it is bound to that page's site, or refused when we can't tell which.
    if (!sender.tab || (typeof tabUrl === 'string' && tabUrl.startsWith(policy.extensionOrigin))) return { kind: 'page' };
    return inChatTab('frame', tabId, tabUrl, policy);
  }
  return inChatTab('content', tabId, url, policy);
}

function inChatTab(kind: 'content' | 'frame', tabId: number | undefined, url: string | undefined, policy: SenderPolicy): SenderKind | null {
  if (typeof tabId !== 'number' || tabId < 0 || typeof url !== 'string') return null;
  const site = policy.siteForUrl(url);
  return site ? { kind, tabId, url, site } : null;
}

/** The site, URL and tab a sender is bound to; null for our own pages (popup, dashboard). */
export function chatSender(from: SenderKind): ChatSender | null {
  return from.kind === 'page' ? null : { tabId: from.tabId, url: from.url, site: from.site };
}
