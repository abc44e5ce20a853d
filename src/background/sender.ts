/**
 * Who sent a runtime message. Only our own extension counts: extension pages (popup,
 * dashboard) by their origin, content scripts only from tabs on a supported chat site.
 */
import type { SiteId } from '../core/types.ts';

/** The parts of runtime.MessageSender we look at. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

export type SenderKind =
  | { kind: 'page' }
  | { kind: 'content'; tabId: number; url: string; site: SiteId };

export interface SenderPolicy {
  extensionId: string;
  /** runtime.getURL(''), e.g. chrome-extension://<id>/ or moz-extension://<uuid>/. */
  extensionOrigin: string;
  /** The supported chat site of a URL, or null. */
  siteForUrl(url: string): SiteId | null;
}

export function classifySender(sender: SenderLike, policy: SenderPolicy): SenderKind | null {
  if (!sender || sender.id !== policy.extensionId) return null;
  const url = sender.url ?? sender.tab?.url;
  if (typeof url !== 'string') return null;
  if (url.startsWith(policy.extensionOrigin)) return { kind: 'page' };
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return null;
  const site = policy.siteForUrl(url);
  return site ? { kind: 'content', tabId, url, site } : null;
}
