/**
 * Main-world route observer (manifest content script with `world: "MAIN"`, the route sites' hosts only,
 * top frame, document_start; built as one self-contained IIFE). It runs in the page's own
 * JavaScript world, so it can see the page's responses, and everything it posts is as
 * untrusted as the page itself.
 *
 * - Observes, never modifies or delays: `fetch` calls through with the same `this` and
 *   arguments and returns the page's own Response; we read a `clone()` (a tee) off the page's
 *   promise chain. The socket gets one extra listener of ours; outgoing frames are not read.
 * - Reads only allow-listed endpoints (endpoints.ts), only the request's model (ChatGPT `model`,
 *   Grok `modelName`/`isReasoning`), and keeps only the fields of src/core/route (slugs, ids,
 *   flags): never text, tokens, headers or cookies.
 * - Bounded: 8 MB per stream (then our branch is cancelled; the page's is unaffected).
 * - Posts each observation once, as a JSON string, to this window's origin (channel.ts).
 */
import { createChatGptSocketParser } from '../../core/route/chatgpt-socket.ts';
import { createChatGptStreamParser } from '../../core/route/chatgpt-stream.ts';
import { parseChatGptRecord } from '../../core/route/chatgpt-record.ts';
import { requestedModelOf } from '../../core/route/chatgpt-request.ts';
import { createGrokStreamParser, grokRequestOf, parseGrokRecord } from '../../core/route/grok.ts';
import type { RouteObservation } from '../../core/route/observation.ts';
import { ROUTE_CHANNEL_SOURCE, ROUTE_CHANNEL_VERSION, type RouteChannelMessage } from './channel.ts';
import { classifyRequest, isChatSocket, mightBeRouteRequest, readsSocket, type RouteEndpoint } from './endpoints.ts';

const MAX_RECORD_CHARS = 8_000_000;
const MAX_HANDOFF_TOPICS = 32;
/** Observations made before the content script (document_idle) listens are posted after load. */
const EARLY_FLUSH_DELAY_MS = 500;

const noop = (): void => undefined;

/** A successful response of the content type its endpoint streams (checked on the headers, before any copy). */
function readable(endpoint: RouteEndpoint, response: Response): boolean {
  if (!response.ok) return false;
  const type = response.headers.get('content-type') ?? '';
  if (endpoint.kind === 'record') return type.includes('json');
  // Grok's NDJSON is served as JSON or plain text, never as a page; ChatGPT's as SSE.
  return endpoint.site === 'grok' ? /json|text\/plain/.test(type) : type.includes('text/event-stream');
}

function installRouteObserver(win: Window & typeof globalThis): void {
  const origin = win.location.origin;
  const handoffTopics = new Set<string>();
  let early: RouteObservation[] | null = [];

  const post = (observations: readonly RouteObservation[]): void => {
    if (early) {
      early.push(...observations.slice(0, 64 - early.length));
      return;
    }
    for (const o of observations) {
      const message: RouteChannelMessage = { source: ROUTE_CHANNEL_SOURCE, v: ROUTE_CHANNEL_VERSION, payload: JSON.stringify(o) };
      win.postMessage(message, origin);
    }
  };
  const flushEarly = (): void => {
    const queued = early ?? [];
    early = null;
    post(queued);
  };
  if (win.document.readyState === 'complete') win.setTimeout(flushEarly, EARLY_FLUSH_DELAY_MS);
  else win.addEventListener('load', () => win.setTimeout(flushEarly, EARLY_FLUSH_DELAY_MS), { once: true });

  /** Read a body text-wise, incrementally, within a cap; `onText` gets each decoded piece. */
  async function readBody(response: Response, onText: (text: string) => boolean): Promise<void> {
    const body = response.body;
    if (!body) return;
    const reader = body.getReader();
    const decoder = new TextDecoder('utf-8');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!onText(decoder.decode(value, { stream: true }))) {
        await reader.cancel().catch(noop);
        return;
      }
    }
    onText(decoder.decode());
  }

  /**
   * `copy` is our tee of the page's Response, taken in the first reaction to the fetch promise
   * (registered before the page's own), so the page can read its body whenever it likes. Only
   * responses `readable` accepted are copied: no tee for errors or unexpected content types.
   */
  async function observe(endpoint: RouteEndpoint, requestBody: Promise<string | null>, copy: Response): Promise<void> {
    if (endpoint.kind === 'record') {
      let text = '';
      await readBody(copy, (piece) => (text += piece).length <= MAX_RECORD_CHARS);
      if (text.length > MAX_RECORD_CHARS) return;
      const record = JSON.parse(text) as unknown;
      post((endpoint.site === 'grok' ? parseGrokRecord(record, endpoint.conversationId) : parseChatGptRecord(record, endpoint.conversationId)).observations);
      return;
    }
    if (endpoint.site === 'grok') {
      const body = await requestBody;
      const parser = createGrokStreamParser({ request: body === null ? null : grokRequestOf(body), conversationId: endpoint.conversationId });
      await readBody(copy, (piece) => {
        parser.push(piece);
        return !parser.overLimit;
      });
      post(parser.finish().observations);
      return;
    }
    const body = await requestBody;
    const parser = createChatGptStreamParser({ requested: body === null ? null : requestedModelOf(body) });
    await readBody(copy, (piece) => {
      parser.push(piece);
      return !parser.overLimit;
    });
    const result = parser.finish();
    for (const topic of result.handoffTopics) {
      handoffTopics.add(topic);
      // Only recent hand-offs can still stream; keep the set small for a long session.
      if (handoffTopics.size > MAX_HANDOFF_TOPICS) handoffTopics.delete(handoffTopics.values().next().value as string);
    }
    post(result.observations);
  }

  const nativeFetch = win.fetch;
  const wrappedFetch = function fetch(this: unknown, ...args: Parameters<typeof nativeFetch>): Promise<Response> {
    let plan: { endpoint: RouteEndpoint; body: Promise<string | null> } | null = null;
    try {
      const [input, init] = args;
      const isRequest = typeof Request !== 'undefined' && input instanceof Request;
      const raw = isRequest ? input.url : String(input);
      const method = init?.method ?? (isRequest ? input.method : 'GET');
      const endpoint = mightBeRouteRequest(raw) ? classifyRequest(new URL(raw, win.location.href), method, origin) : null;
      if (endpoint) {
        // The body is read before calling through (a Request body can be read only once).
        const body: Promise<string | null> =
          endpoint.kind !== 'send'
            ? Promise.resolve(null)
            : typeof init?.body === 'string'
              ? Promise.resolve(init.body)
              : isRequest && init?.body === undefined
                ? input
                    .clone()
                    .text()
                    .catch(() => null)
                : Promise.resolve(null);
        plan = { endpoint, body };
      }
    } catch {
      plan = null; // never let our bookkeeping break the page's call
    }
    const pending = nativeFetch.apply(this, args);
    if (plan) {
      const { endpoint, body } = plan;
      pending.then((response) => (readable(endpoint, response) ? observe(endpoint, body, response.clone()) : undefined)).catch(noop);
    }
    return pending;
  };
  win.fetch = wrappedFetch as typeof fetch;

  const NativeSocket = win.WebSocket;
  if (typeof NativeSocket === 'function' && readsSocket(win.location.hostname)) {
    const socketParser = createChatGptSocketParser({ acceptTopic: (topic) => handoffTopics.has(topic) });
    win.WebSocket = new Proxy(NativeSocket, {
      construct(target, argList, newTarget) {
        const socket = Reflect.construct(target, argList, newTarget) as WebSocket;
        try {
          if (isChatSocket(new URL(String(argList[0]), win.location.href))) {
            socket.addEventListener('message', (event: MessageEvent) => {
              // Nothing handed off yet: no frame can be ours to read.
              if (handoffTopics.size === 0 || typeof event.data !== 'string') return;
              try {
                post(socketParser.pushFrame(event.data));
              } catch {
                // contained
              }
            });
          }
        } catch {
          // contained
        }
        return socket;
      },
    });
  }
}

try {
  if (window.top === window) installRouteObserver(window);
} catch {
  // Never throw into the page.
}
