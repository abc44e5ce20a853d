import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundContext, type BackgroundContext } from '../../../src/background/context.ts';
import { handleRuntimeMessage } from '../../../src/background/dispatch.ts';
import { memorySession } from '../../../src/background/session.ts';
import type { SenderLike } from '../../../src/background/sender.ts';
import type { CapturePageResponse, RouteObserveResponse, TabStatus } from '../../../src/messaging/responses.ts';
import { getConversationBundle } from '../../../src/store/read.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { fakeAnalyzer, freshDB, turn } from '../store/helpers.ts';

let db: ObservatoryDB;
let ctx: BackgroundContext;
let clock = 0;

beforeEach(async () => {
  db = await freshDB();
  ctx = createBackgroundContext({
    db: async () => db,
    analyzer: fakeAnalyzer('v1'),
    version: '0.1.0',
    policy: {
      extensionId: 'ours',
      extensionOrigin: 'chrome-extension://ours/',
      siteForUrl: (u) => (u.startsWith('https://chatgpt.com/') ? 'chatgpt' : u.startsWith('https://claude.ai/') ? 'claude' : null),
    },
    session: memorySession(),
    now: () => ++clock,
    newId: () => `id${clock}`,
  });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const tab = (url = 'https://chatgpt.com/c/c1', id = 7): SenderLike => ({ id: 'ours', url, tab: { id, url } });
const page: SenderLike = { id: 'ours', url: 'chrome-extension://ours/dashboard.html' };
const send = (message: unknown, sender: SenderLike) => handleRuntimeMessage(message, sender, ctx);
const route = (messageId: string, over: Record<string, unknown> = {}) => ({
  site: 'chatgpt',
  conversationId: 'c1',
  messageId,
  requested: 'gpt-5',
  shown: 'gpt-5',
  served: 'gpt-5-chat-safety',
  flags: ['served-from:ste'],
  via: 'stream',
  ...over,
});
const observe = (routes: unknown[], conversationId = 'c1') => ({ type: 'route/observe', conversationId, routes });

async function captureTwoReplies(): Promise<void> {
  const r = (await send(
    {
      type: 'capture/page',
      site: 'chatgpt',
      conversationId: 'c1',
      url: 'https://chatgpt.com/c/c1',
      title: null,
      status: 'ok',
      selectedModel: null,
      pending: 0,
      turns: [turn('u0', 'user', 'q'), turn('a0', 'assistant', 'calm'), turn('u1', 'user', 'q2'), turn('a1', 'assistant', 'loud!')],
    },
    tab(),
  )) as CapturePageResponse;
  expect(r.ok).toBe(true);
}

describe('route/observe', () => {
  it('fills the route of a stored reply; the badge and the popup count say so', async () => {
    await captureTwoReplies();
    const r = (await send(observe([route('a1')]), tab())) as RouteObserveResponse;
    expect(r).toEqual({ ok: true, stored: 1, unknown: 0, kept: 0, routes: { a1: 'served by gpt-5-chat-safety (you chose gpt-5)' } });
    const bundle = await getConversationBundle(db, 'chatgpt:c1');
    expect(bundle!.turns.find((t) => t.turnId === 'a1')!.route).toEqual({
      requested: 'gpt-5',
      shown: 'gpt-5',
      served: 'gpt-5-chat-safety',
      flags: ['served-from:ste', 'via:stream'],
      source: 'page-reported',
    });
    expect(((await send({ type: 'tab/status', tabId: 7 }, page)) as TabStatus).reroutes).toBe(1);
    // The next capture's badges carry the route text.
    const again = (await send(
      {
        type: 'capture/page',
        site: 'chatgpt',
        conversationId: 'c1',
        url: 'https://chatgpt.com/c/c1',
        title: null,
        status: 'ok',
        selectedModel: null,
        pending: 0,
        turns: [turn('a1', 'assistant', 'loud!')],
      },
      tab(),
    )) as CapturePageResponse;
    if (!again.ok) throw new Error('expected ok');
    expect(again.badges.a1.route).toBe('served by gpt-5-chat-safety (you chose gpt-5)');
  });

  it('never creates a turn: unknown ids, user turns and other conversations store nothing', async () => {
    await captureTwoReplies();
    const before = await db.count('turns');
    const r = (await send(observe([route('nope'), route('u0')]), tab())) as RouteObserveResponse;
    expect(r).toMatchObject({ ok: true, stored: 0, unknown: 2 });
    expect(await db.count('turns')).toBe(before);
  });

  it('binds to the sender: the URL must show the conversation, the site must read routes, and pages cannot send it', async () => {
    await captureTwoReplies();
    expect(await send(observe([route('a1')]), tab('https://chatgpt.com/c/other'))).toMatchObject({ ok: false });
    expect(await send(observe([route('a1', { conversationId: 'zzz' })]), tab())).toMatchObject({ ok: false });
    expect(send(observe([route('a1')]), page)).toBeUndefined();
    expect(await send(observe([route('a1')]), tab('https://claude.ai/chat/c1'))).toMatchObject({ ok: false });
    const bundle = await getConversationBundle(db, 'chatgpt:c1');
    expect(bundle!.turns.every((t) => t.route === null)).toBe(true);
  });

  it('malformed routes make the whole message invalid (no answer, nothing stored)', async () => {
    await captureTwoReplies();
    for (const bad of [route('a1', { served: '<img src=x>' }), route('a1', { site: 'claude' }), { ...route('a1'), flags: 'x' }]) {
      expect(send(observe([bad]), tab())).toBeUndefined();
    }
    expect(send(observe(Array.from({ length: 33 }, () => route('a1'))), tab())).toBeUndefined();
  });

  it("a conversation record never replaces what the reply's own stream said", async () => {
    await captureTwoReplies();
    await send(observe([route('a1')]), tab());
    const r = (await send(observe([route('a1', { served: 'gpt-5', via: 'record' })]), tab())) as RouteObserveResponse;
    expect(r).toMatchObject({ ok: true, stored: 0, kept: 1 });
    const bundle = await getConversationBundle(db, 'chatgpt:c1');
    expect(bundle!.turns.find((t) => t.turnId === 'a1')!.route!.served).toBe('gpt-5-chat-safety');
  });

  it('refused when reading responses is switched off for the site, or capture is paused', async () => {
    await captureTwoReplies();
    await send({ type: 'settings/set', patch: { sites: { chatgpt: { enabled: true, readResponses: false, selectors: {} } } } }, page);
    expect(await send(observe([route('a1')]), tab())).toMatchObject({ ok: false, error: expect.stringMatching(/off/) });
    await send({ type: 'settings/set', patch: { sites: { chatgpt: { enabled: true, selectors: {} } }, paused: true } }, page);
    expect(await send(observe([route('a1')]), tab())).toMatchObject({ ok: false });
    const bundle = await getConversationBundle(db, 'chatgpt:c1');
    expect(bundle!.turns.every((t) => t.route === null)).toBe(true);
  });
});

describe('routes riding along with capture/page', () => {
  const capture = (turns: unknown[], routes: unknown[], url = 'https://chatgpt.com/c/c1') =>
    send({ type: 'capture/page', conversationId: 'c1', title: null, status: 'ok', selectedModel: null, pending: 0, turns, routes }, tab(url));

  it("are stored after the message's turns, and its badges already say so", async () => {
    const r = (await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'calm')], [route('a0')])) as CapturePageResponse;
    if (!r.ok) throw new Error('expected ok');
    expect(r.badges.a0.route).toBe('served by gpt-5-chat-safety (you chose gpt-5)');
    const bundle = await getConversationBundle(db, 'chatgpt:c1');
    expect(bundle!.turns.find((t) => t.turnId === 'a0')!.route).toMatchObject({ served: 'gpt-5-chat-safety', source: 'page-reported' });
  });

  it('invalid or foreign routes are dropped, never the capture', async () => {
    const bad = [route('a0', { served: '<img src=x>' }), route('a0', { conversationId: 'other' }), { nonsense: true }];
    const r = (await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'calm')], bad)) as CapturePageResponse;
    expect(r).toMatchObject({ ok: true, stored: 2 });
    const bundle = await getConversationBundle(db, 'chatgpt:c1');
    expect(bundle!.turns.every((t) => t.route === null)).toBe(true);
  });

  it('follow the same rules as route/observe: reading off stores the turns only', async () => {
    await send({ type: 'settings/set', patch: { sites: { chatgpt: { enabled: true, readResponses: false, selectors: {} } } } }, page);
    const r = (await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'calm')], [route('a0')])) as CapturePageResponse;
    expect(r).toMatchObject({ ok: true, stored: 2 });
    const bundle = await getConversationBundle(db, 'chatgpt:c1');
    expect(bundle!.turns.every((t) => t.route === null)).toBe(true);
  });
});
