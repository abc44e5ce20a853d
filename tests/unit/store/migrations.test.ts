import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/core/model/types.ts';
import { openObservatoryDB } from '../../../src/store/connection.ts';
import { DB_VERSION, MIGRATIONS } from '../../../src/store/migrations.ts';
import { decodeTurn } from '../../../src/store/turn-rows.ts';
import { freshDB } from './helpers.ts';

function v1Turn(conv: string, i: number, alt = false): Turn {
  return {
    key: `${conv}:t${i}${alt ? 'b' : ''}`,
    conversationKey: conv,
    turnId: `t${i}${alt ? 'b' : ''}`,
    order: i,
    role: i % 2 ? 'assistant' : 'user',
    text: `text ${i}`,
    contentHash: `h${i}`,
    model: i % 2 ? (i < 4 ? 'gpt-4' : 'gpt-3.5') : null,
    selectedModel: null,
    thinking: null,
    branch: null,
    alternativeOf: alt ? `${conv}:t${i}` : null,
    capturedAt: 1,
    createdAt: null,
    route: null,
  };
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
    expect(DB_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('v1 → current: every row survives and v2 backfills models, assistantCount and the by-model index', async () => {
    const old = await freshDB(1);
    expect(old.version).toBe(1);
    expect([...old.transaction('conversations').store.indexNames]).not.toContain('by-model');
    const tx = old.transaction(['conversations', 'turns', 'analyses', 'annotations', 'settings', 'meta'], 'readwrite');
    const convs = ['chatgpt:a', 'claude:b', 'chatgpt:empty'];
    for (const key of convs) {
      const [site, conversationId] = key.split(':');
      // A v1 conversation record: no models, no assistantCount.
      await tx.objectStore('conversations').put({
        key,
        site,
        conversationId,
        title: key,
        url: null,
        source: 'capture',
        firstSeen: 1,
        lastSeen: 2,
        turnCount: 0,
        shiftCount: 0,
        annotationCount: 1,
      } as never);
    }
    const turns: Turn[] = [];
    for (const conv of convs.slice(0, 2)) for (let i = 0; i < 6; i++) turns.push(v1Turn(conv, i));
    turns.push(v1Turn('chatgpt:a', 5, true));
    for (const t of turns) await tx.objectStore('turns').put(t as never);
    await tx
      .objectStore('annotations')
      .put({ id: 'n1', turnKey: 'chatgpt:a:t1', conversationKey: 'chatgpt:a', kind: 'note', label: null, note: 'x', createdAt: 1, updatedAt: 1 });
    await tx.objectStore('settings').put({ paused: true, badgesHidden: false, sites: {} }, 'settings');
    await tx.objectStore('meta').put('v-old', 'detectorVersion');
    await tx.done;
    old.close();

    const db = await openObservatoryDB();
    expect(db.version).toBe(DB_VERSION);
    expect(await db.count('turns')).toBe(turns.length);
    for (const t of turns) expect(decodeTurn((await db.get('turns', t.key))!)).toEqual(t);
    expect(await db.get('annotations', 'n1')).toBeTruthy();
    expect(await db.get('settings', 'settings')).toEqual({ paused: true, badgesHidden: false, sites: {} });
    expect(await db.get('meta', 'detectorVersion')).toBe('v-old');
    const a = await db.get('conversations', 'chatgpt:a');
    expect(a).toMatchObject({ models: ['gpt-4', 'gpt-3.5'], assistantCount: 3, annotationCount: 1, title: 'chatgpt:a' });
    expect(await db.get('conversations', 'chatgpt:empty')).toMatchObject({ models: [], assistantCount: 0 });
    expect((await db.getAllFromIndex('conversations', 'by-model', 'gpt-3.5')).map((c) => c.key)).toEqual(['chatgpt:a', 'claude:b']);
    db.close();
  });
});
