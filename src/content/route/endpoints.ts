/**
 * Which of the page's own requests the route observer reads (ChatGPT, routing.md §1.2). Exact
 * same-origin paths only: a prefix would also catch `/f/conversation/prepare`, sentinel or
 * auth endpoints, which are never read. Pure.
 */
export type RouteEndpoint = { kind: 'send' } | { kind: 'resume' } | { kind: 'record'; conversationId: string };

const SEND = /^\/backend-api\/(?:f\/)?conversation$/;
const RESUME = /^\/backend-api\/(?:f\/)?conversation\/[A-Za-z0-9_-]{1,100}\/stream$/;
const RECORD = /^\/backend-api\/conversation\/([A-Za-z0-9_-]{1,100})$/;

export function classifyRequest(url: URL, method: string, origin: string): RouteEndpoint | null {
  if (url.origin !== origin) return null;
  const m = method.toUpperCase();
  if (m === 'POST' && SEND.test(url.pathname)) return { kind: 'send' };
  if (m === 'GET' && RESUME.test(url.pathname)) return { kind: 'resume' };
  const record = m === 'GET' ? RECORD.exec(url.pathname) : null;
  return record ? { kind: 'record', conversationId: record[1] } : null;
}

/** The page's own socket (`wss://ws.chatgpt.com/…`): handed-off replies arrive there. */
export function isChatSocket(url: URL): boolean {
  return url.protocol === 'wss:' && (url.hostname === 'ws.chatgpt.com' || url.hostname.endsWith('.chatgpt.com') || url.hostname === 'chatgpt.com');
}
