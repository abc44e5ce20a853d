import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationBundle } from '../../../src/core/model/types.ts';
import { recomputeConversation, recomputeStale } from '../../../src/store/analyses.ts';
import { deleteAnnotation, saveAnnotation } from '../../../src/store/annotations.ts';
import { storeCapture } from '../../../src/store/capture.ts';
import { clearAllData, deleteConversation } from '../../../src/store/delete.ts';
import { ImportError, importBundles } from '../../../src/store/import.ts';
import { getConversationAnalyses, getConversationBundle, listConversations, storeCounts } from '../../../src/store/read.ts';
import { decodeTurn } from '../../../src/store/turn-rows.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { getSettings, setSettings } from '../../../src/store/settings.ts';
import { dialogue, fakeAnalyzer, freshDB, turn } from './helpers.ts';

let db: ObservatoryDB;
beforeEach(async () => {
  db = await freshDB();
});

/** URLs of the conversation's own site: imports keep only those (src/core/sites.ts siteUrlOrNull). */
const SITE_URL = { chatgpt: 'https://chatgpt.com/c/', claude: 'https://claude.ai/chat/' } as const;
const capture = (id: string, turns = dialogue(0, 2), site: 'chatgpt' | 'claude' = 'chatgpt', now = 1) =>
  storeCapture(db, { site, conversationId: id, url: `${SITE_URL[site]}${id}`, title: `title ${id}`, turns }, now);

async function seedThree(): Promise<void> {
  await capture('c1', dialogue(0, 2), 'chatgpt', 10);
  await capture('c2', [turn('u', 'user', 'q'), turn('a', 'assistant', 'hi', { model: 'claude-opus' })], 'claude', 30);
  await capture('c3', dialogue(0, 4), 'chatgpt', 20);
  const id = 'n1';
  await saveAnnotation(db, { turnKey: 'chatgpt:c1:a0', conversationKey: 'chatgpt:c1', kind: 'confirm', label: null, note: null }, 5, () => id);
}

describe('analyses', () => {
  it('labels the main line, tagged with the detector version, and recomputes when it changes', async () => {
    await capture('c1', [turn('u0', 'user', 'q'), turn('a0', 'assistant', 'calm'), turn('u1', 'user', 'q'), turn('a1', 'assistant', 'loud!')]);
    const v1 = fakeAnalyzer('v1');
    const stored = await recomputeConversation(db, 'chatgpt:c1', v1);
    expect(stored.map((a) => [a.turnKey, a.shift, a.detectorVersion])).toEqual([
      ['chatgpt:c1:a0', false, 'v1'],
      ['chatgpt:c1:a1', true, 'v1'],
    ]);
    expect((await db.get('conversations', 'chatgpt:c1'))?.shiftCount).toBe(1);
    expect(await recomputeStale(db, v1)).toBe(1); // meta had no version yet
    expect(await recomputeStale(db, v1)).toBe(0);
    const v2 = fakeAnalyzer('v2');
    expect(await recomputeStale(db, v2)).toBe(1);
    expect((await getConversationAnalyses(db, 'chatgpt:c1')).every((a) => a.detectorVersion === 'v2')).toBe(true);
  });

  it('a regenerated reply replaces its analysis; alternatives carry none', async () => {
    const an = fakeAnalyzer();
    await capture('c1', [turn('u0', 'user', 'q'), turn('a0', 'assistant', 'calm')]);
    await recomputeConversation(db, 'chatgpt:c1', an);
    await capture('c1', [turn('u0', 'user', 'q'), turn('a0b', 'assistant', 'loud!')]);
    await recomputeConversation(db, 'chatgpt:c1', an);
    expect((await getConversationAnalyses(db, 'chatgpt:c1')).map((a) => a.turnKey)).toEqual(['chatgpt:c1:a0b']);
    expect(await db.count('analyses')).toBe(1);
  });
});

describe('annotations and settings', () => {
  it('one verdict per turn, replaced in place; notes apart; counts kept', async () => {
    await seedThree();
    const again = await saveAnnotation(
      db,
      { turnKey: 'chatgpt:c1:a0', conversationKey: 'chatgpt:c1', kind: 'relabel', label: 'tone', note: null },
      9,
      () => 'n2',
    );
    expect(again).toMatchObject({ id: 'n1', kind: 'relabel', label: 'tone', createdAt: 5, updatedAt: 9 });
    await saveAnnotation(db, { turnKey: 'chatgpt:c1:a0', conversationKey: 'chatgpt:c1', kind: 'note', label: null, note: 'hm' }, 9, () => 'n3');
    expect((await db.get('conversations', 'chatgpt:c1'))?.annotationCount).toBe(2);
    await expect(
      saveAnnotation(db, { turnKey: 'chatgpt:c1:nope', conversationKey: 'chatgpt:c1', kind: 'note', label: null, note: null }, 9, () => 'x'),
    ).rejects.toThrow(/not in the store/);
    expect(await deleteAnnotation(db, 'n3')).toBe(true);
    expect(await deleteAnnotation(db, 'n3')).toBe(false);
    expect((await db.get('conversations', 'chatgpt:c1'))?.annotationCount).toBe(1);
  });

  it('settings default, merge per site, persist', async () => {
    expect(await getSettings(db)).toEqual({ paused: false, badgesHidden: false, sites: {} });
    await setSettings(db, { sites: { claude: { enabled: false, selectors: {} } } });
    const s = await setSettings(db, { paused: true, sites: { chatgpt: { enabled: true, selectors: { turn: 'article' } } } });
    expect(s).toEqual({
      paused: true,
      badgesHidden: false,
      sites: { claude: { enabled: false, selectors: {} }, chatgpt: { enabled: true, selectors: { turn: 'article' } } },
    });
    expect(await getSettings(db)).toEqual(s);
  });
});

describe('read API', () => {
  it('lists with sort, site/model filters and search', async () => {
    await seedThree();
    const keys = async (q: Parameters<typeof listConversations>[1]) => (await listConversations(db, q)).conversations.map((c) => c.key);
    expect(await keys({})).toEqual(['claude:c2', 'chatgpt:c3', 'chatgpt:c1']);
    expect(await keys({ sort: 'turnCount', direction: 'asc' })).toEqual(['claude:c2', 'chatgpt:c1', 'chatgpt:c3']);
    expect(await keys({ site: 'chatgpt' })).toEqual(['chatgpt:c3', 'chatgpt:c1']);
    expect(await keys({ model: 'claude-opus' })).toEqual(['claude:c2']);
    expect(await keys({ search: 'TITLE C3' })).toEqual(['chatgpt:c3']);
    const page = await listConversations(db, { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, conversations: [{ key: 'chatgpt:c3' }] });
  });
});

describe('delete', () => {
  it('deleting a conversation removes its turns, analyses and annotations and nothing else', async () => {
    await seedThree();
    await recomputeStale(db, fakeAnalyzer());
    expect(await deleteConversation(db, 'chatgpt:c1')).toBe(true);
    expect(await getConversationBundle(db, 'chatgpt:c1')).toBeNull();
    expect(await storeCounts(db)).toEqual({ conversations: 2, turns: 2 + 8, analyses: 1 + 4, annotations: 0 });
    expect((await db.getAll('turns')).map(decodeTurn).some((t) => t.conversationKey === 'chatgpt:c1')).toBe(false);
  });

  it('delete everything empties every data store and keeps settings', async () => {
    await seedThree();
    await setSettings(db, { badgesHidden: true });
    await clearAllData(db);
    expect(await storeCounts(db)).toEqual({ conversations: 0, turns: 0, analyses: 0, annotations: 0 });
    expect((await getSettings(db)).badgesHidden).toBe(true);
  });
});

describe('import', () => {
  async function exportAll(): Promise<ConversationBundle[]> {
    const { conversations } = await listConversations(db);
    return Promise.all(conversations.map(async (c) => (await getConversationBundle(db, c.key))!));
  }

  it('imports bundles; re-import adds nothing twice', async () => {
    await seedThree();
    await recomputeStale(db, fakeAnalyzer());
    const bundles = await exportAll();
    db = await freshDB();
    expect(await importBundles(db, bundles)).toMatchObject({ added: 3, updated: 0, skipped: 0 });
    const counts = await storeCounts(db);
    expect(counts).toEqual({ conversations: 3, turns: 14, analyses: 7, annotations: 1 });
    expect(await importBundles(db, bundles)).toMatchObject({ added: 0, updated: 0, skipped: 3 });
    expect(await storeCounts(db)).toEqual(counts);
    expect(await exportAll()).toEqual(bundles);
  });

  it('merges into a stored conversation: new turns added, differing text kept as a version', async () => {
    await capture('c1', dialogue(0, 1));
    const bundle = (await getConversationBundle(db, 'chatgpt:c1'))!;
    const a0 = bundle.turns[1];
    const changed = { ...a0, text: 'imported text', contentHash: 'other' };
    const extra = { ...a0, key: 'chatgpt:c1:a9', turnId: 'a9', order: a0.order + 10 };
    const r = await importBundles(db, [{ ...bundle, turns: [bundle.turns[0], changed, extra] }]);
    expect(r).toMatchObject({ added: 0, updated: 1, skipped: 0 });
    const turns = (await getConversationBundle(db, 'chatgpt:c1'))!.turns;
    expect(turns.map((t) => t.turnId)).toEqual(['u0', 'a0', 'a0@other', 'a9']);
    expect(turns[1].text).toBe('answer 0');
    expect(turns[2]).toMatchObject({ text: 'imported text', alternativeOf: 'chatgpt:c1:a0' });
  });

  it('is all or nothing: one inconsistent bundle rejects the whole import', async () => {
    await seedThree();
    const bundles = await exportAll();
    db = await freshDB();
    const broken = { ...bundles[2], turns: bundles[2].turns.map((t, i) => (i === 0 ? { ...t, conversationKey: 'chatgpt:elsewhere' } : t)) };
    await expect(importBundles(db, [bundles[0], bundles[1], broken])).rejects.toBeInstanceOf(ImportError);
    expect(await storeCounts(db)).toEqual({ conversations: 0, turns: 0, analyses: 0, annotations: 0 });
  });
});
