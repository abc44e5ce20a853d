import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundContext, type BackgroundContext } from '../../../src/background/context.ts';
import { handleRuntimeMessage } from '../../../src/background/dispatch.ts';
import { memorySession, type SessionArea } from '../../../src/background/session.ts';
import type { SenderLike } from '../../../src/background/sender.ts';
import type { CapturedTurn, Settings } from '../../../src/core/model/types.ts';
import type { CapturePageResponse, TabStatus } from '../../../src/messaging/responses.ts';
import { getConversationBundle } from '../../../src/store/read.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { fakeAnalyzer, freshDB, turn } from '../store/helpers.ts';

let db: ObservatoryDB;
let session: SessionArea;
let ctx: BackgroundContext;
let clock = 0;
/** Settings the worker pushed to the content scripts. */
let pushed: Settings[] = [];

function makeContext(): BackgroundContext {
  return createBackgroundContext({
    db: async () => db,
    analyzer: fakeAnalyzer('v1'),
    version: '0.1.0',
    policy: { extensionId: 'ours', extensionOrigin: 'chrome-extension://ours/', siteForUrl: (u) => (u.startsWith('https://chatgpt.com/') ? 'chatgpt' : null) },
    session,
    now: () => ++clock,
    newId: () => `id${clock}`,
    settingsChanged: (s) => pushed.push(s),
  });
}

beforeEach(async () => {
  db = await freshDB();
  session = memorySession();
  pushed = [];
  ctx = makeContext();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const page: SenderLike = { id: 'ours', url: 'chrome-extension://ours/dashboard.html' };
const tab = (id = 7, url = 'https://chatgpt.com/c/c1'): SenderLike => ({ id: 'ours', url, tab: { id, url } });
/** Our annotation frame inside a chat tab. */
const frame = (tabUrl = 'https://chatgpt.com/c/c1', id = 7): SenderLike => ({
  id: 'ours',
  url: 'chrome-extension://ours/src/ui/annotate/index.html#t=x',
  tab: { id, url: tabUrl },
});
const send = (message: unknown, sender: SenderLike = page) => handleRuntimeMessage(message, sender, ctx);
const capture = (turns: CapturedTurn[], extra: Record<string, unknown> = {}) => ({
  type: 'capture/page',
  conversationId: 'c1',
  title: 'T',
  status: 'ok',
  selectedModel: null,
  turns,
  pending: 0,
  ...extra,
});
const turns = [turn('u0', 'user', 'q'), turn('a0', 'assistant', 'calm'), turn('u1', 'user', 'q2'), turn('a1', 'assistant', 'loud!')];

describe('dispatch', () => {
  it('answers ping with versions', async () => {
    expect(await send({ type: 'ping' })).toEqual({ ok: true, version: '0.1.0', detectorVersion: 'v1' });
  });

  it('gives no answer to malformed messages or foreign senders', () => {
    expect(send({ type: 'ping' }, { id: 'theirs', url: 'chrome-extension://theirs/' })).toBeUndefined();
    expect(send({ type: 'nope' })).toBeUndefined();
    expect(send({ type: 'ping' }, { id: 'ours', url: 'https://evil.example/', tab: { id: 1 } })).toBeUndefined();
    expect(console.warn).toHaveBeenCalledTimes(3);
  });

  it('content scripts may not delete, import or clear; pages may not capture', () => {
    expect(send({ type: 'store/clear' }, tab())).toBeUndefined();
    expect(send({ type: 'conversation/delete', conversationKey: 'chatgpt:c1' }, tab())).toBeUndefined();
    expect(send({ type: 'import/bundles', bundles: [] }, tab())).toBeUndefined();
    expect(send(capture(turns), page)).toBeUndefined();
  });
});

describe('capture/page', () => {
  it('stores turns once, labels replies, answers badges (not settings: those are pushed), records tab status', async () => {
    const r = (await send(capture(turns), tab())) as CapturePageResponse;
    expect(r).toMatchObject({ ok: true, conversationKey: 'chatgpt:c1', stored: 4 });
    expect(r).not.toHaveProperty('settings');
    if (!r.ok) throw new Error('expected ok');
    expect(Object.keys(r.badges)).toEqual(['a0', 'a1']);
    expect(r.badges.a1).toMatchObject({ turnKey: 'chatgpt:c1:a1', shift: true, stateName: 'loud', evidence: [{ feature: 'exclaim' }], annotated: null });
    const again = (await send(capture(turns), tab(8))) as CapturePageResponse;
    expect(again).toMatchObject({ ok: true, stored: 0 });
    expect(await db.count('turns')).toBe(4);
    const status = (await send({ type: 'tab/status', tabId: 7 })) as TabStatus;
    expect(status).toMatchObject({
      site: 'chatgpt',
      status: 'ok',
      conversationKey: 'chatgpt:c1',
      turnCount: 4,
      shiftCount: 1,
      paused: false,
      storeError: null,
    });
  });

  it('two tabs capturing the same conversation at once store every turn exactly once', async () => {
    const all = [...turns, turn('u2', 'user', 'q3'), turn('a2', 'assistant', 'calm again')];
    await Promise.all([send(capture(all.slice(0, 4)), tab(1)), send(capture(all), tab(2)), send(capture(all.slice(2)), tab(1))]);
    const keys = (await db.getAll('turns')).map((t) => t.key).sort();
    expect(keys).toEqual(all.map((t) => `chatgpt:c1:${t.id}`).sort());
  });

  it('no conversation id yet or layout not recognised: nothing stored, status kept', async () => {
    expect(await send(capture(turns, { conversationId: null }), tab())).toMatchObject({ ok: true, conversationKey: null, stored: 0 });
    await send(capture([], { status: 'layout-not-recognized', detail: 'no turns found' }), tab());
    expect(await db.count('turns')).toBe(0);
    expect(await send({ type: 'tab/status', tabId: 7 })).toMatchObject({ status: 'layout-not-recognized', detail: 'no turns found' });
    // The dashboard lists it with the detail (naming the failed check, when one failed).
    expect(await send({ type: 'capture/problems' })).toEqual({ ok: true, problems: [expect.objectContaining({ site: 'chatgpt', detail: 'no turns found' })] });
  });

  it('paused globally or for the site: refused, nothing stored', async () => {
    await send({ type: 'settings/set', patch: { paused: true } });
    expect(await send(capture(turns), tab())).toMatchObject({ ok: false, paused: true });
    await send({ type: 'settings/set', patch: { paused: false, sites: { chatgpt: { enabled: false, selectors: {} } } } });
    expect(await send(capture(turns), tab())).toMatchObject({ ok: false, paused: true, error: expect.stringMatching(/chatgpt/) });
    expect(await send({ type: 'tab/status', tabId: 7 })).toMatchObject({ status: 'paused', sitePaused: true, paused: false });
    expect(await db.count('turns')).toBe(0);
  });

  it('every settings change is pushed to the content scripts, "Hide all badges" included', async () => {
    await send({ type: 'settings/set', patch: { paused: true } });
    await send({ type: 'badges/hide' }, tab());
    expect(pushed).toEqual([
      { paused: true, badgesHidden: false, sites: {} },
      { paused: true, badgesHidden: true, sites: {} },
    ]);
    await send({ type: 'settings/get' });
    expect(pushed).toHaveLength(2);
  });

  it('quota exceeded: capture halts with a reason the popup shows, survives a worker restart, resumes on request', async () => {
    await send(capture(turns.slice(0, 2)), tab());
    const original = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore) {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const r = await send(capture(turns), tab());
    expect(r).toMatchObject({ ok: false, paused: true, error: expect.stringMatching(/quota/i) });
    spy.mockRestore();
    expect(IDBObjectStore.prototype.put).toBe(original);
    expect(await db.count('turns')).toBe(2);
    // Still halted: a later capture is refused without writing.
    expect(await send(capture(turns), tab())).toMatchObject({ ok: false, paused: true });
    expect(await db.count('turns')).toBe(2);
    // A restarted worker restores the halt and tab status from session storage.
    ctx = makeContext();
    const status = (await send({ type: 'tab/status', tabId: 7 })) as TabStatus;
    expect(status).toMatchObject({ status: 'error', paused: true, storeError: expect.stringMatching(/quota/i), conversationKey: 'chatgpt:c1' });
    await send({ type: 'settings/set', patch: { paused: false } });
    expect(await send(capture(turns), tab())).toMatchObject({ ok: true, stored: 2 });
  });
});

describe('other handlers', () => {
  it('annotation save/delete, conversation delete, clear, recompute, import', async () => {
    await send(capture(turns), tab());
    let verdicts = 0;
    ctx.verdictsChanged = () => verdicts++;
    const saved = await send(
      { type: 'annotation/save', turnKey: 'chatgpt:c1:a1', conversationKey: 'chatgpt:c1', kind: 'reject', label: null, note: 'no' },
      frame(),
    );
    expect(saved).toMatchObject({ ok: true, annotation: { kind: 'reject', turnKey: 'chatgpt:c1:a1' } });
    expect(verdicts).toBe(1); // the worker refits the user's confidence curve after a verdict
    const badges = (await send(capture(turns), tab())) as CapturePageResponse;
    // The page learns that the user annotated, never what they wrote.
    expect(badges.ok && badges.badges.a1.annotated).toBe('reject');
    expect(JSON.stringify(badges)).not.toContain('"no"');
    expect(
      await send({ type: 'annotation/save', turnKey: 'chatgpt:c1:zz', conversationKey: 'chatgpt:c1', kind: 'note', label: null, note: null }),
    ).toMatchObject({ ok: false });
    expect(await send({ type: 'recompute' })).toEqual({ ok: true, recomputed: 1 });
    expect(await send({ type: 'recompute', conversationKey: 'chatgpt:none' })).toMatchObject({ ok: false });

    const bundle = (await getConversationBundle(db, 'chatgpt:c1'))!;
    expect(await send({ type: 'conversation/delete', conversationKey: 'chatgpt:c1' })).toEqual({ ok: true });
    expect(await db.count('turns')).toBe(0);
    expect(await db.count('annotations')).toBe(0);
    expect(await send({ type: 'import/bundles', bundles: [bundle] })).toEqual({ ok: true, added: 1, updated: 0, skipped: 0 });
    expect(await send({ type: 'import/bundles', bundles: [bundle] })).toEqual({ ok: true, added: 0, updated: 0, skipped: 1 });
    expect(await db.count('turns')).toBe(4);
    expect(await send({ type: 'store/clear' })).toEqual({ ok: true });
    expect(verdicts).toBe(4); // save, conversation delete, import, clear
    expect(await db.count('conversations')).toBe(0);
  });

  it('import/annotations: all or nothing, from pages only; a refusal does not pause capture', async () => {
    await send(capture(turns), tab());
    const annotation = (turnKey: string, id: string) => ({
      id,
      turnKey,
      conversationKey: 'chatgpt:c1',
      kind: 'confirm',
      label: null,
      note: null,
      createdAt: null,
      updatedAt: null,
      origin: { tool: 'argilla', author: 'u-1' },
    });
    const good = { type: 'import/annotations', annotations: [annotation('chatgpt:c1:a0', 'argilla:chatgpt:c1:a0:u-1')] };
    expect(send(good, tab())).toBeUndefined();
    const refused = await send({ type: 'import/annotations', annotations: [annotation('chatgpt:c1:a0', 'x1'), annotation('chatgpt:c1:gone', 'x2')] });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/chatgpt:c1:gone is not in your store/) });
    expect(await db.count('annotations')).toBe(0);
    // A refused save of a missing turn (annotation/save, from a page) is a refusal too: capture keeps going.
    expect(
      await send({ type: 'annotation/save', turnKey: 'chatgpt:c1:zz', conversationKey: 'chatgpt:c1', kind: 'note', label: null, note: null }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/not in the store/) });
    expect(await send(capture(turns), tab())).toMatchObject({ ok: true });
    expect(await send(good)).toEqual({ ok: true, added: 1, updated: 0, unchanged: 0 });
    expect(await send(good)).toEqual({ ok: true, added: 0, updated: 0, unchanged: 1 });
    expect((await getConversationBundle(db, 'chatgpt:c1'))?.conversation.annotationCount).toBe(1);
  });
});
