/**
 * Issue 21: every message from a chat tab is bound to the sender's own site and URL, as the
 * browser reports them. A content script (or our frame) on site X can't write, annotate, read
 * annotations of, or delete on site Y, whatever its message says.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundContext, type BackgroundContext } from '../../../src/background/context.ts';
import { handleRuntimeMessage } from '../../../src/background/dispatch.ts';
import { classifySender, chatSender, type SenderLike } from '../../../src/background/sender.ts';
import { memorySession } from '../../../src/background/session.ts';
import { chatSiteOfUrl } from '../../../src/core/sites.ts';
import { getConversationBundle } from '../../../src/store/read.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { fakeAnalyzer, freshDB, turn } from '../store/helpers.ts';

let db: ObservatoryDB;
let ctx: BackgroundContext;
let clock = 0;
const policy = { extensionId: 'ours', extensionOrigin: 'chrome-extension://ours/', siteForUrl: chatSiteOfUrl };

beforeEach(async () => {
  db = await freshDB();
  ctx = createBackgroundContext({
    db: async () => db,
    analyzer: fakeAnalyzer('v1'),
    version: '0',
    policy,
    session: memorySession(),
    now: () => ++clock,
    newId: () => `id${clock}`,
  });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

const content = (url: string, id = 1): SenderLike => ({ id: 'ours', url, tab: { id, url } });
const frameIn = (tabUrl: string, id = 1): SenderLike => ({ id: 'ours', url: 'chrome-extension://ours/src/ui/annotate/index.html', tab: { id, url: tabUrl } });
const dashboard: SenderLike = {
  id: 'ours',
  url: 'chrome-extension://ours/src/ui/dashboard/index.html',
  tab: { id: 9, url: 'chrome-extension://ours/src/ui/dashboard/index.html' },
};
const send = (m: unknown, s: SenderLike) => handleRuntimeMessage(m, s, ctx);
const CLAUDE = 'https://claude.ai/chat/conv1';
const GROK = 'https://grok.com/chat/conv1';
const replies = [turn('u', 'user', 'question'), turn('a', 'assistant', 'the original answer')];
const capture = (text: string, title: string, extra: Record<string, unknown> = {}) => ({
  type: 'capture/page',
  conversationId: 'conv1',
  title,
  status: 'ok',
  selectedModel: null,
  pending: 0,
  turns: [replies[0], { ...replies[1], text }],
  ...extra,
});

async function claudeConversationWithNote(): Promise<string> {
  await send(capture('the original answer', 'Claude chat'), content(CLAUDE));
  const saved = await send(
    { type: 'annotation/save', turnKey: 'claude:conv1:a', conversationKey: 'claude:conv1', kind: 'note', label: null, note: 'mine' },
    frameIn(CLAUDE),
  );
  if (!saved || !(saved as { ok: boolean }).ok) throw new Error('setup: could not annotate');
  return (saved as { annotation: { id: string } }).annotation.id;
}

describe('sender binding', () => {
  it('classifies by the browser-reported URL: content script, our frame in a chat tab, our own pages', () => {
    expect(classifySender(content(CLAUDE, 3), policy)).toEqual({ kind: 'content', tabId: 3, url: CLAUDE, site: 'claude' });
    expect(classifySender(frameIn(GROK, 4), policy)).toEqual({ kind: 'frame', tabId: 4, url: GROK, site: 'grok' });
    expect(classifySender(dashboard, policy)).toEqual({ kind: 'page' });
    expect(classifySender({ id: 'ours', url: 'chrome-extension://ours/src/ui/popup/index.html' }, policy)).toEqual({ kind: 'page' });
    // Our page framed somewhere that is not a chat site, or where the tab URL is hidden: refused.
    expect(classifySender(frameIn('https://evil.example/'), policy)).toBeNull();
    expect(classifySender({ id: 'ours', url: 'chrome-extension://ours/x.html', tab: { id: 1 } }, policy)).toBeNull();
    // http: is not a chat site, nor a look-alike host.
    expect(classifySender(content('http://claude.ai/chat/x'), policy)).toBeNull();
    expect(classifySender(content('https://claude.ai.evil.example/chat/x'), policy)).toBeNull();
    expect(chatSender({ kind: 'page' })).toBeNull();
  });

  it('a capture from grok.com lands under grok, whatever site or URL its body names', async () => {
    await send(capture('the original answer', 'Claude chat'), content(CLAUDE));
    const forged = capture('rewritten by grok', 'forged title', { site: 'claude', url: 'https://claude.ai/chat/conv1?evil=1' });
    expect(await send(forged, content(GROK, 2))).toMatchObject({ ok: true, conversationKey: 'grok:conv1' });
    const claude = await db.get('conversations', 'claude:conv1');
    expect(claude).toMatchObject({ title: 'Claude chat', url: CLAUDE });
    expect((await getConversationBundle(db, 'claude:conv1'))?.turns.map((t) => t.text)).toEqual(['question', 'the original answer']);
    expect(await db.get('conversations', 'grok:conv1')).toMatchObject({ site: 'grok', url: GROK, title: 'forged title' });
  });

  it("the stored URL is the sender's origin and path (no query, no fragment)", async () => {
    await send(capture('x', 't'), content(`${CLAUDE}?q=${'a'.repeat(2_100)}#frag`));
    expect((await db.get('conversations', 'claude:conv1'))?.url).toBe(CLAUDE);
  });

  it('a frame on grok.com cannot save, read or delete a Claude annotation', async () => {
    const id = await claudeConversationWithNote();
    const save = { type: 'annotation/save', turnKey: 'claude:conv1:a', conversationKey: 'claude:conv1', kind: 'reject', label: null, note: 'forged' };
    expect(await send(save, frameIn(GROK))).toMatchObject({ ok: false, error: expect.stringMatching(/grok page can only annotate grok/) });
    // A turn key outside the named conversation is refused too.
    expect(await send({ ...save, conversationKey: 'grok:conv1' }, frameIn(GROK))).toMatchObject({ ok: false });
    expect(await send({ type: 'annotation/get', turnKey: 'claude:conv1:a' }, frameIn(GROK))).toMatchObject({ ok: false });
    expect(await send({ type: 'annotation/delete', id }, frameIn(GROK))).toMatchObject({ ok: false });
    const left = await db.getAll('annotations');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ id, kind: 'note', note: 'mine' });
    // The frame on Claude itself, and the dashboard, may.
    expect(await send({ type: 'annotation/get', turnKey: 'claude:conv1:a' }, frameIn(CLAUDE))).toMatchObject({ ok: true, annotations: [{ note: 'mine' }] });
    expect(await send({ type: 'annotation/delete', id }, dashboard)).toEqual({ ok: true });
  });

  it('content scripts never touch annotations or settings other than hiding badges', async () => {
    const id = await claudeConversationWithNote();
    const claudeTab = content(CLAUDE);
    expect(send({ type: 'annotation/get', turnKey: 'claude:conv1:a' }, claudeTab)).toBeUndefined();
    expect(
      send({ type: 'annotation/save', turnKey: 'claude:conv1:a', conversationKey: 'claude:conv1', kind: 'reject', label: null, note: null }, claudeTab),
    ).toBeUndefined();
    expect(send({ type: 'annotation/delete', id }, claudeTab)).toBeUndefined();
    expect(send({ type: 'settings/set', patch: { paused: true } }, claudeTab)).toBeUndefined();
    expect(await db.count('annotations')).toBe(1);
    expect(await send({ type: 'badges/hide' }, claudeTab)).toEqual({ ok: true });
    expect(await send({ type: 'settings/get' }, claudeTab)).toMatchObject({ ok: true, settings: { badgesHidden: true, paused: false } });
    // Only content scripts hide badges this way; frames and pages use settings/set.
    expect(send({ type: 'badges/hide' }, frameIn(CLAUDE))).toBeUndefined();
  });
});

describe('share pages', () => {
  it('a capture the adapter marks as shared is stored tagged capture:shared', async () => {
    await send(capture('answer', 'Shared chat', { shared: true }), content('https://claude.ai/share/s1'));
    expect(await db.get('conversations', 'claude:conv1')).toMatchObject({ source: 'capture:shared', url: 'https://claude.ai/share/s1' });
  });
});
