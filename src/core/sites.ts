/**
 * The site ids, written once as a runtime list, and the small URL → site table.
 *
 * The table holds host names and path prefixes only (no DOM adapters), so the background worker
 * can tell which chat site a message's sender is on without loading every adapter, and the
 * adapter registry (src/sites/registry.ts) finds the adapter of a URL through the same table.
 * A unit test checks it against the manifest's content-script matches and each adapter's
 * own `matchesUrl`. Pure: no browser API.
 */

/** Sites with a dedicated adapter, plus `generic` (fallback) and `unknown` (imported data). */
export const SITE_IDS = [
  'chatgpt',
  'claude',
  'gemini',
  'copilot',
  'perplexity',
  'deepseek',
  'grok',
  'mistral',
  'poe',
  'huggingchat',
  'meta-ai',
  'generic',
  'unknown',
] as const;

export type SiteId = (typeof SITE_IDS)[number];

/** A site the extension captures on (every id except the two fallbacks). */
export type ChatSiteId = Exclude<SiteId, 'generic' | 'unknown'>;

export interface ChatSiteHosts {
  site: ChatSiteId;
  /** Exact host names. */
  hosts: readonly string[];
  /** Path prefix where the host is shared with other things (huggingface.co/chat). */
  pathPrefix?: string;
}

/** Order matters only where two entries could match one URL (none today). */
export const CHAT_SITE_HOSTS: readonly ChatSiteHosts[] = [
  { site: 'chatgpt', hosts: ['chatgpt.com', 'chat.openai.com'] },
  { site: 'claude', hosts: ['claude.ai'] },
  { site: 'gemini', hosts: ['gemini.google.com'] },
  { site: 'copilot', hosts: ['copilot.microsoft.com', 'm365.cloud.microsoft'] },
  { site: 'perplexity', hosts: ['perplexity.ai', 'www.perplexity.ai'] },
  { site: 'deepseek', hosts: ['chat.deepseek.com'] },
  { site: 'grok', hosts: ['grok.com'] },
  { site: 'mistral', hosts: ['chat.mistral.ai'] },
  { site: 'poe', hosts: ['poe.com'] },
  { site: 'huggingchat', hosts: ['huggingface.co'], pathPrefix: '/chat' },
  { site: 'meta-ai', hosts: ['meta.ai', 'www.meta.ai'] },
];

export function isSiteId(v: unknown): v is SiteId {
  return typeof v === 'string' && (SITE_IDS as readonly string[]).includes(v);
}

function parse(url: URL | string): URL | null {
  if (typeof url !== 'string') return url;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function prefixMatches(pathname: string, prefix: string | undefined): boolean {
  if (!prefix) return true;
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** The chat site of an `https:` URL, or null (other schemes, other hosts, unparseable). */
export function chatSiteOfUrl(url: URL | string): ChatSiteId | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:') return null;
  const entry = CHAT_SITE_HOSTS.find((e) => e.hosts.includes(parsed.hostname) && prefixMatches(parsed.pathname, e.pathPrefix));
  return entry ? entry.site : null;
}

/** Manifest match patterns of the table (`https://host/*`, or `https://host/prefix/*`). */
export function chatSiteMatchPatterns(): string[] {
  return CHAT_SITE_HOSTS.flatMap((e) => e.hosts.map((h) => `https://${h}${e.pathPrefix ?? ''}/*`));
}

/** The origins of the table (`https://host`), e.g. for CSP frame-ancestors. */
export function chatSiteOrigins(): string[] {
  return [...new Set(CHAT_SITE_HOSTS.flatMap((e) => e.hosts.map((h) => `https://${h}`)))];
}

/**
 * A conversation's URL from an import, kept only when it is an `https:` URL of the
 * conversation's own site (it becomes an "open on site" link); anything else becomes null.
 */
export function siteUrlOrNull(url: string | null, site: SiteId): string | null {
  return url !== null && chatSiteOfUrl(url) === site ? url : null;
}

/** What is kept of a conversation URL: origin and path, never the query or fragment. */
export function conversationUrl(url: URL | string): string | null {
  const parsed = parse(url);
  return parsed && /^https?:$/.test(parsed.protocol) ? `${parsed.origin}${parsed.pathname}` : null;
}
