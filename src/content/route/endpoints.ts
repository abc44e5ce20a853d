/**
 * Which of the page's own requests the route observer reads, per site (routing.md §1.2, §5).
 * Exact same-origin paths on the site's own host only: a prefix would also catch ChatGPT's
 * `/f/conversation/prepare`, sentinel or auth endpoints, which are never read. Pure.
 */
export type RouteEndpoint =
  | { site: 'chatgpt'; kind: 'send' }
  | { site: 'chatgpt'; kind: 'resume' }
  | { site: 'chatgpt'; kind: 'record'; conversationId: string }
  /** Grok's send: `conversationId` is null for `/conversations/new` (the stream names it). */
  | { site: 'grok'; kind: 'send'; conversationId: string | null }
  | { site: 'grok'; kind: 'record'; conversationId: string };

const CHATGPT_HOSTS = new Set(['chatgpt.com', 'chat.openai.com']);
const SEND = /^\/backend-api\/(?:f\/)?conversation$/;
const RESUME = /^\/backend-api\/(?:f\/)?conversation\/[A-Za-z0-9_-]{1,100}\/stream$/;
const RECORD = /^\/backend-api\/conversation\/([A-Za-z0-9_-]{1,100})$/;

const GROK_HOSTS = new Set(['grok.com']);
const GROK_NEW = /^\/rest\/app-chat\/conversations\/new$/;
const GROK_REPLY = /^\/rest\/app-chat\/conversations\/([A-Za-z0-9_-]{1,100})\/responses$/;
const GROK_RECORD = /^\/rest\/app-chat\/conversations\/([A-Za-z0-9_-]{1,100})\/load-responses$/;

/**
 * A cheap test on the raw URL text before any parse: every read endpoint's path contains one
 * of these, so the page's other requests (most of them) skip `new URL` and the path tests.
 */
const PATH_MARKERS = ['backend-api/', 'rest/app-chat/'];
export const mightBeRouteRequest = (rawUrl: string): boolean => PATH_MARKERS.some((m) => rawUrl.includes(m));

export function classifyRequest(url: URL, method: string, origin: string): RouteEndpoint | null {
  if (url.origin !== origin) return null;
  const m = method.toUpperCase();
  const path = url.pathname;
  if (CHATGPT_HOSTS.has(url.hostname)) {
    if (m === 'POST' && SEND.test(path)) return { site: 'chatgpt', kind: 'send' };
    if (m === 'GET' && RESUME.test(path)) return { site: 'chatgpt', kind: 'resume' };
    const record = m === 'GET' ? RECORD.exec(path) : null;
    return record ? { site: 'chatgpt', kind: 'record', conversationId: record[1] } : null;
  }
  if (GROK_HOSTS.has(url.hostname) && m === 'POST') {
    if (GROK_NEW.test(path)) return { site: 'grok', kind: 'send', conversationId: null };
    const reply = GROK_REPLY.exec(path);
    if (reply) return { site: 'grok', kind: 'send', conversationId: reply[1] };
    const record = GROK_RECORD.exec(path);
    if (record) return { site: 'grok', kind: 'record', conversationId: record[1] };
  }
  return null;
}

/** Only ChatGPT hands replies to a socket; elsewhere `WebSocket` is left alone. */
export const readsSocket = (hostname: string): boolean => CHATGPT_HOSTS.has(hostname);

/** The page's own socket (`wss://ws.chatgpt.com/…`): handed-off replies arrive there. */
export function isChatSocket(url: URL): boolean {
  return url.protocol === 'wss:' && (url.hostname === 'ws.chatgpt.com' || url.hostname.endsWith('.chatgpt.com') || url.hostname === 'chatgpt.com');
}
