/**
 * Issue 21 budgets: versions per turn, turns per conversation, new conversations per tab per
 * minute and a store size budget. Each cap trims or pauses, and the popup (tab/status detail)
 * says why. Over-limit fields: the long-URL case stores its turns; one bad turn drops only itself.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundContext, type BackgroundContext, type WorkerBudgets } from '../../../src/background/context.ts';
import { handleRuntimeMessage } from '../../../src/background/dispatch.ts';
import type { SenderLike } from '../../../src/background/sender.ts';
import { memorySession } from '../../../src/background/session.ts';
import { clipCapture } from '../../../src/content/capture/clip.ts';
import { chatSiteOfUrl } from '../../../src/core/sites.ts';
import type { CapturedTurn } from '../../../src/core/model/types.ts';
import type { CapturePageMessage } from '../../../src/messaging/requests.ts';
import type { TabStatus } from '../../../src/messaging/responses.ts';
import { getConversationBundle } from '../../../src/store/read.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { fakeAnalyzer, freshDB, turn } from '../store/helpers.ts';

let db: ObservatoryDB;
let ctx: BackgroundContext;
let now = 1_000_000;
let usage: number | null = null;

function context(budgets: Partial<WorkerBudgets> = {}): BackgroundContext {
  return createBackgroundContext({
    db: async () => db,
    analyzer: fakeAnalyzer('v1'),
    version: '0',
    session: memorySession(),
    budgets,
    policy: { extensionId: 'ours', extensionOrigin: 'chrome-extension://ours/', siteForUrl: chatSiteOfUrl },
    storageUsage: async () => usage,
    now: () => now,
    newId: () => `id${now}`,
  });
}

beforeEach(async () => {
  db = await freshDB();
  usage = null;
  ctx = context();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

const tab = (url = 'https://chatgpt.com/c/c1', id = 7): SenderLike => ({ id: 'ours', url, tab: { id, url } });
const send = (m: unknown, s: SenderLike = tab()) => handleRuntimeMessage(m, s, ctx);
const status = async (tabId = 7) => (await send({ type: 'tab/status', tabId }, { id: 'ours', url: 'chrome-extension://ours/popup.html' })) as TabStatus;
function capture(turns: CapturedTurn[], conversationId = 'c1'): CapturePageMessage {
  return { type: 'capture/page', conversationId, title: 'T', status: 'ok', selectedModel: null, turns, pending: 0 };
}
const qa = [turn('u0', 'user', 'q'), turn('a0', 'assistant', 'first answer')];

describe('budgets', () => {
  it('versions per turn: past the cap an edit replaces the text without another version, and says so', async () => {
    ctx = context({ versionsPerTurn: 2 });
    await send(capture(qa));
    for (const text of ['second', 'third', 'fourth']) {
      await send(capture([qa[0], turn('a0', 'assistant', text)]));
      now += 1;
    }
    const bundle = (await getConversationBundle(db, 'chatgpt:c1'))!;
    const versions = bundle.turns
      .filter((t) => t.turnId.startsWith('a0@'))
      .map((t) => t.text)
      .sort();
    expect(versions).toEqual(['first answer', 'second']);
    expect(bundle.turns.find((t) => t.turnId === 'a0')?.text).toBe('fourth');
    expect((await status()).detail).toMatch(/1 edited turn updated without keeping the earlier text: 2 versions per turn are kept/);
  });

  it('turns per conversation: new turns past the cap are not stored, and the popup says so', async () => {
    ctx = context({ turnsPerConversation: 3 });
    const many = [...qa, turn('u1', 'user', 'q1'), turn('a1', 'assistant', 'a1'), turn('u2', 'user', 'q2')];
    expect(await send(capture(many))).toMatchObject({ ok: true, stored: 3 });
    expect((await getConversationBundle(db, 'chatgpt:c1'))!.turns).toHaveLength(3);
    expect((await status()).detail).toMatch(/2 new turns not stored: this conversation holds the limit of 3 turn records/);
  });

  it('new conversations per tab per minute: past the cap capture pauses in that tab with a reason; known ones still capture; it lifts after a minute', async () => {
    ctx = context({ newConversationsPerTabPerMinute: 2 });
    expect(await send(capture(qa, 'n1'))).toMatchObject({ ok: true });
    expect(await send(capture(qa, 'n2'))).toMatchObject({ ok: true });
    const third = await send(capture(qa, 'n3'));
    expect(third).toMatchObject({ ok: false, paused: true, error: expect.stringMatching(/started 2 new conversations within a minute/) });
    expect(await db.getKey('conversations', 'chatgpt:n3')).toBeUndefined();
    expect((await status()).detail).toMatch(/within a minute/);
    // A conversation already stored keeps capturing; another tab has its own count.
    expect(await send(capture([...qa, turn('u1', 'user', 'more')], 'n1'))).toMatchObject({ ok: true, stored: 1 });
    expect(await send(capture(qa, 'n3'), tab('https://chatgpt.com/c/n3', 8))).toMatchObject({ ok: true });
    now += 60_001;
    expect(await send(capture(qa, 'n4'))).toMatchObject({ ok: true });
  });

  it('store size budget: over it, capture pauses with the sizes in the reason and writes nothing', async () => {
    ctx = context({ storeBytes: 50 * 1024 ** 2 });
    usage = 60 * 1024 ** 2;
    expect(await send(capture(qa))).toMatchObject({ ok: false, paused: true, error: expect.stringMatching(/uses 60 MB, over its budget of 50 MB/) });
    expect(await db.count('turns')).toBe(0);
    expect((await status()).detail).toMatch(/over its budget/);
    usage = 10 * 1024 ** 2;
    expect(await send(capture(qa))).toMatchObject({ ok: true, stored: 2 });
  });
});

describe('over-limit fields', () => {
  it('a chat URL with a 2,100-character query string stores its turns (origin + path kept)', async () => {
    const url = `https://chatgpt.com/c/long1?utm=${'x'.repeat(2_100)}`;
    const message = clipCapture({ ...capture(qa, 'long1'), title: 't'.repeat(3_000) });
    expect(message.title!.length).toBe(2_048);
    expect(await send(message, tab(url))).toMatchObject({ ok: true, stored: 2 });
    expect(await db.get('conversations', 'chatgpt:long1')).toMatchObject({ url: 'https://chatgpt.com/c/long1' });
    expect((await status()).status).toBe('ok');
  });

  it('one turn over the text limit is dropped alone; the others are stored and the popup says why', async () => {
    const huge = turn('a1', 'assistant', 'x'.repeat(1_000_001));
    expect(await send(capture([...qa, turn('u1', 'user', 'q1'), huge]))).toMatchObject({ ok: true, stored: 3 });
    expect((await status()).detail).toMatch(/turn a1: text over 1,000,000 characters/);
  });

  it('clipping keeps short fields under the limit and leaves turn text alone', () => {
    const long = 'm'.repeat(5_000);
    const m = clipCapture({ ...capture([{ ...qa[1], model: long, text: 'y'.repeat(1_000_001) }]), selectedModel: long, conversationId: long, detail: long });
    expect([m.selectedModel, m.conversationId, m.detail, m.turns[0].model].map((s) => s?.length)).toEqual([2_048, 2_048, 2_048, 2_048]);
    expect(m.turns[0].text.length).toBe(1_000_001);
  });
});
