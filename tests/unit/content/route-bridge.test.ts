import { describe, expect, it } from 'vitest';
import { createRouteBridge, type RouteBridgeWindow } from '../../../src/content/route/bridge.ts';
import { ROUTE_CHANNEL_SOURCE, ROUTE_CHANNEL_VERSION } from '../../../src/content/route/channel.ts';
import { classifyRequest, mightBeRouteRequest } from '../../../src/content/route/endpoints.ts';
import type { RouteObserveMessage } from '../../../src/messaging/requests.ts';

const ORIGIN = 'https://chatgpt.com';

function fakeWindow() {
  const listeners: ((e: MessageEvent) => void)[] = [];
  const win: RouteBridgeWindow = {
    addEventListener: (_t, l) => {
      listeners.push(l);
    },
    removeEventListener: (_t, l) => {
      listeners.splice(listeners.indexOf(l), 1);
    },
    location: { origin: ORIGIN, href: `${ORIGIN}/c/c1` },
  };
  const dispatch = (data: unknown, over: { source?: unknown; origin?: string } = {}) => {
    const event = { data, source: 'source' in over ? over.source : win, origin: over.origin ?? ORIGIN } as unknown as MessageEvent;
    for (const l of [...listeners]) l(event);
  };
  return { win, dispatch, listeners };
}

const observation = (messageId: string, over: Record<string, unknown> = {}) => ({
  site: 'chatgpt',
  conversationId: 'c1',
  messageId,
  requested: 'gpt-5',
  shown: 'gpt-5',
  served: 'gpt-5-mini',
  flags: [],
  via: 'stream',
  ...over,
});
const wrap = (payload: unknown) => ({
  source: ROUTE_CHANNEL_SOURCE,
  v: ROUTE_CHANNEL_VERSION,
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
});

function setup(over: Partial<Parameters<typeof createRouteBridge>[0]> = {}) {
  const w = fakeWindow();
  const sent: RouteObserveMessage[] = [];
  let t = 0;
  const bridge = createRouteBridge({
    win: w.win,
    conversationId: () => 'c1',
    now: () => t,
    send: async (m) => {
      sent.push(m);
      return { ok: true, stored: m.routes.length, unknown: 0, kept: 0, routes: {} };
    },
    ...over,
  });
  bridge.start();
  return {
    ...w,
    bridge,
    sent,
    tick: (ms: number) => {
      t += ms;
    },
  };
}

describe('route bridge (isolated world)', () => {
  it('forwards a valid observation once its reply has been captured', () => {
    const s = setup();
    s.dispatch(wrap(observation('m1')));
    expect(s.sent).toEqual([]);
    s.bridge.captured(['u0', 'm1']);
    expect(s.sent).toEqual([{ type: 'route/observe', conversationId: 'c1', routes: [observation('m1')] }]);
    // A reply already captured goes at once.
    s.dispatch(wrap(observation('m1', { served: 'gpt-5' })));
    expect(s.sent).toHaveLength(2);
  });

  it('drops and counts everything forged or malformed; forwards none of it', () => {
    const s = setup();
    s.bridge.captured(['m1']);
    s.dispatch(wrap(observation('m1')), { source: {} }); // another frame
    s.dispatch(wrap(observation('m1')), { origin: 'https://evil.example' });
    s.dispatch({ source: ROUTE_CHANNEL_SOURCE, v: 1, payload: { not: 'a string' } });
    s.dispatch(wrap(`{"x":"${'a'.repeat(5_000)}"}`));
    s.dispatch(wrap('{not json'));
    s.dispatch(wrap(observation('m1', { served: '<img src=x onerror=alert(1)>' })));
    s.dispatch(wrap(observation('m1', { conversationId: 'other' })));
    s.dispatch(wrap(observation('m1', { text: 'smuggled' }))); // extra keys are stripped, not forwarded
    s.dispatch({ type: 'page-message' }); // the page's own traffic: ignored, not counted
    expect(s.sent.map((m) => m.routes)).toEqual([[observation('m1')]]);
    expect(s.bridge.drops).toEqual({ 'foreign-source': 2, malformed: 3, oversize: 1, 'other-conversation': 1 });
  });

  it('a new chat: an observation made before the URL names the conversation waits, then goes once it does', () => {
    let id: string | null = null;
    const s = setup({ conversationId: () => id });
    (s.win.location as { href: string }).href = `${ORIGIN}/`;
    s.dispatch(wrap(observation('m1')));
    s.bridge.captured(['m1']);
    expect(s.sent).toEqual([]);
    // The site moves to the conversation's URL (the bridge reads the id again only on a new URL).
    id = 'c1';
    (s.win.location as { href: string }).href = `${ORIGIN}/c/c1`;
    s.bridge.captured(['m1']);
    expect(s.sent.map((m) => m.conversationId)).toEqual(['c1']);
    // One for another conversation is dropped when its turn comes, not sent.
    s.dispatch(wrap(observation('m2', { conversationId: 'c2' })));
    expect(s.bridge.drops['other-conversation']).toBe(1);
  });

  it('reads the conversation id from the adapter once per URL, not once per message', () => {
    let calls = 0;
    const s = setup({
      conversationId: () => {
        calls++;
        return 'c1';
      },
    });
    s.bridge.captured(['m1', 'm2', 'm3']);
    for (const id of ['m1', 'm2', 'm3']) s.dispatch(wrap(observation(id)));
    expect(s.sent.flatMap((m) => m.routes.map((r) => r.messageId))).toEqual(['m1', 'm2', 'm3']);
    expect(calls).toBe(1);
    (s.win.location as { href: string }).href = `${ORIGIN}/c/c2`;
    s.dispatch(wrap(observation('m4')));
    expect(calls).toBe(2);
  });

  it('ids never captured are not forwarded, and expire', () => {
    const s = setup({ maxWaitMs: 1_000 });
    s.bridge.captured(['m1']);
    s.dispatch(wrap(observation('ghost')));
    s.tick(2_000);
    s.bridge.captured(['m1', 'm2']);
    expect(s.sent).toEqual([]);
    expect(s.bridge.drops['never-captured']).toBe(1);
  });

  it('is rate-limited and bounded', () => {
    const s = setup({ rate: { count: 5, windowMs: 1_000 }, maxPending: 3 });
    for (let i = 0; i < 10; i++) s.dispatch(wrap(observation(`m${i}`)));
    expect(s.bridge.drops['rate-limited']).toBe(5);
    expect(s.bridge.drops.overflow).toBe(2);
    s.tick(1_001);
    s.dispatch(wrap(observation('late')));
    expect(s.bridge.drops['rate-limited']).toBe(5);
  });

  it('off in settings: every observation refused, nothing sent', () => {
    const s = setup({ enabled: () => false });
    s.bridge.captured(['m1']);
    s.dispatch(wrap(observation('m1')));
    expect(s.sent).toEqual([]);
    expect(s.bridge.drops.refused).toBe(1);
  });

  it('a throwing getter is counted, never thrown into the page', () => {
    const s = setup();
    const hostile = {
      source: ROUTE_CHANNEL_SOURCE,
      v: 1,
      get payload(): string {
        throw new Error('trap');
      },
    };
    expect(() => s.dispatch(hostile)).not.toThrow();
    expect(s.bridge.drops.malformed).toBe(1);
  });
});

describe('routes riding along with capture messages (holdMs)', () => {
  function held() {
    const timers: (() => void)[] = [];
    const s = setup({ holdMs: 2_500, setTimer: (fn) => timers.push(fn) });
    return { ...s, fire: () => timers.splice(0).forEach((fn) => fn()), timers };
  }

  it('an observation for a reply not captured yet goes with the capture message that holds it, never alone', () => {
    const s = held();
    s.dispatch(wrap(observation('m1')));
    expect(s.bridge.takeFor('c1', ['u0'])).toEqual([]);
    expect(s.bridge.takeFor('c1', ['u0', 'm1'])).toEqual([observation('m1')]);
    s.bridge.captured(['u0', 'm1']);
    s.fire();
    expect(s.sent).toEqual([]);
    expect(s.bridge.forwarded).toBe(1);
    expect(s.bridge.takeFor('c1', ['m1'])).toEqual([]); // taken once
  });

  it('one for a reply already captured waits for the next capture message, else goes alone after the hold', () => {
    const s = held();
    s.bridge.captured(['m1', 'm2']);
    s.dispatch(wrap(observation('m1')));
    s.dispatch(wrap(observation('m2')));
    expect(s.sent).toEqual([]);
    expect(s.timers).toHaveLength(1);
    expect(s.bridge.takeFor('c1', []).map((o) => o.messageId)).toEqual(['m1', 'm2']);
    s.dispatch(wrap(observation('m1', { served: 'gpt-5' })));
    s.fire();
    expect(s.sent.map((m) => m.routes.map((r) => r.served))).toEqual([['gpt-5']]);
  });

  it('never hands over another conversation', () => {
    let id: string | null = 'c1';
    const timers: (() => void)[] = [];
    const s = setup({ holdMs: 2_500, setTimer: (fn) => timers.push(fn), conversationId: () => id });
    s.bridge.captured(['m1']);
    s.dispatch(wrap(observation('m1')));
    // A message of another conversation than the tab's, or of none: nothing.
    expect(s.bridge.takeFor('c2', ['m1'])).toEqual([]);
    expect(s.bridge.takeFor(null, ['m1'])).toEqual([]);
    expect(s.bridge.takeFor('c1', ['m1']).map((o) => o.messageId)).toEqual(['m1']);
    // A new chat: an observation naming c9 waits; a message of c1 drops it, never carries it.
    id = null;
    (s.win.location as { href: string }).href = `${ORIGIN}/`;
    s.dispatch(wrap(observation('m2', { conversationId: 'c9' })));
    expect(s.bridge.takeFor('c1', ['m2'])).toEqual([]);
    expect(s.bridge.drops['other-conversation']).toBe(1);
  });
});

describe('allow-listed endpoints', () => {
  const c = (path: string, method = 'POST', origin = ORIGIN) => classifyRequest(new URL(path, origin), method, ORIGIN);
  it('exact same-origin paths only', () => {
    expect(c('/backend-api/f/conversation')).toEqual({ site: 'chatgpt', kind: 'send' });
    expect(c('/backend-api/conversation')).toEqual({ site: 'chatgpt', kind: 'send' });
    expect(c('/backend-api/conversation/abc-1', 'GET')).toEqual({ site: 'chatgpt', kind: 'record', conversationId: 'abc-1' });
    expect(c('/backend-api/f/conversation/abc/stream', 'GET')).toEqual({ site: 'chatgpt', kind: 'resume' });
    for (const bad of ['/backend-api/f/conversation/prepare', '/backend-api/sentinel/chat-requirements', '/api/auth/session', '/backend-api/celsius/ws/user']) {
      expect(c(bad)).toBeNull();
      expect(c(bad, 'GET')).toBeNull();
    }
    expect(c('/backend-api/f/conversation', 'POST', 'https://evil.example')).toBeNull();
    expect(c('/backend-api/conversation/abc', 'DELETE')).toBeNull();
  });

  it('the raw-URL pre-test lets through every read endpoint, relative or absolute', () => {
    for (const raw of [
      '/backend-api/f/conversation',
      'https://chatgpt.com/backend-api/conversation/abc',
      'backend-api/f/conversation',
      '../backend-api/f/conversation/abc/stream',
      '/rest/app-chat/conversations/new',
      'https://grok.com/rest/app-chat/conversations/c-1/load-responses',
    ])
      expect(mightBeRouteRequest(raw)).toBe(true);
    for (const raw of ['/api/auth/session', 'https://cdn.example/app.js', '/c/abc', '/rest/user-settings']) expect(mightBeRouteRequest(raw)).toBe(false);
  });

  it('Grok: the send, reply and reload paths on grok.com, POST only', () => {
    const GROK = 'https://grok.com';
    const g = (path: string, method = 'POST', origin = GROK) => classifyRequest(new URL(path, origin), method, GROK);
    expect(g('/rest/app-chat/conversations/new')).toEqual({ site: 'grok', kind: 'send', conversationId: null });
    expect(g('/rest/app-chat/conversations/c-1/responses')).toEqual({ site: 'grok', kind: 'send', conversationId: 'c-1' });
    expect(g('/rest/app-chat/conversations/c-1/load-responses')).toEqual({ site: 'grok', kind: 'record', conversationId: 'c-1' });
    for (const bad of [
      '/rest/app-chat/conversations/new/x',
      '/rest/app-chat/conversations/c-1/response-node',
      '/rest/auth/session',
      '/rest/app-chat/conversations',
    ])
      expect(g(bad)).toBeNull();
    expect(g('/rest/app-chat/conversations/new', 'GET')).toBeNull();
    expect(g('/rest/app-chat/conversations/new', 'POST', 'https://evil.example')).toBeNull();
    // ChatGPT paths on grok.com, and Grok paths on chatgpt.com, are not read.
    expect(g('/backend-api/f/conversation')).toBeNull();
    expect(c('/rest/app-chat/conversations/new')).toBeNull();
  });
});
