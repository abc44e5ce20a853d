/**
 * v2 → v3 (compact rows): a v2 database full of varied rows is upgraded; every turn and
 * analysis must decode to exactly what was stored, through the read API.
 */
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/core/text/hash.ts';
import type { StoredAnalysis, Turn } from '../../../src/core/model/types.ts';
import { openObservatoryDB } from '../../../src/store/connection.ts';
import { deleteConversation } from '../../../src/store/delete.ts';
import { DB_VERSION } from '../../../src/store/migrations.ts';
import { getConversationAnalyses, getConversationBundle } from '../../../src/store/read.ts';
import { decodeTurn } from '../../../src/store/turn-rows.ts';
import { freshDB } from './helpers.ts';

const CONVS = ['chatgpt:a', 'chatgpt:a:b', 'claude:x'];

function v2Turn(conv: string, i: number): Turn {
  const odd = i % 2 === 1;
  return {
    key: `${conv}:t${i}`,
    conversationKey: conv,
    turnId: `t${i}`,
    order: i * 1024 + 0.5,
    role: odd ? 'assistant' : 'user',
    // Even turns carry their real content hash (stored implicitly), odd ones an imported one.
    text: `text ${i} "quoted"\nline ✓`,
    contentHash: odd ? `00ff${i}` : contentHash(odd ? 'assistant' : 'user', `text ${i} "quoted"\nline ✓`),
    model: odd ? `m${i % 3}` : null,
    selectedModel: i === 3 ? 'picker' : null,
    thinking: i === 1 ? 'thought' : null,
    branch: i === 3 ? { index: 2, count: 3 } : null,
    alternativeOf: null,
    capturedAt: 1_700_000_000_000 + i,
    createdAt: i === 1 ? 1_600_000_000_000 : null,
    route: null,
  };
}

function v2Analysis(conv: string, i: number, features: Record<string, number | null>): StoredAnalysis {
  return {
    turnKey: `${conv}:t${i}`,
    conversationKey: conv,
    detectorVersion: i === 5 ? 'old-det' : 'det-2',
    index: (i - 1) / 2,
    state: i > 3 ? 'B' : 'A',
    stateName: i > 3 ? 'playful' : 'formal',
    shift: i === 5,
    confidence: i / 10,
    labels:
      i === 5
        ? [
            {
              kind: 'tone',
              text: 'tone: formal → playful',
              confidence: 0.7,
              evidence: [
                { feature: 'exclaim_rate', before: 0.1, after: 2.5, effect: 1.75 },
                { feature: 'not_a_feature', before: 1, after: 2, effect: -0.5 },
              ],
            },
          ]
        : [],
    features,
  };
}

describe('migration v3 (compact rows)', () => {
  it('every v2 turn and analysis survives and decodes to the same values', async () => {
    const old = await freshDB(2);
    const tx = old.transaction(['conversations', 'turns', 'analyses', 'annotations', 'meta'], 'readwrite');
    const turns: Turn[] = [];
    const analyses: StoredAnalysis[] = [];
    for (const key of CONVS) {
      const [site, ...rest] = key.split(':');
      await tx.objectStore('conversations').put({
        key,
        site,
        conversationId: rest.join(':'),
        title: key,
        url: null,
        source: 'capture',
        firstSeen: 1,
        lastSeen: 2,
        models: ['m1'],
        turnCount: 6,
        assistantCount: 3,
        shiftCount: 1,
        annotationCount: 0,
      } as never);
      for (let i = 0; i < 6; i++) turns.push(v2Turn(key, i));
      analyses.push(v2Analysis(key, 1, { words_log: 2.5123456789, exclaim_rate: 0, hedges: null }));
      // Different key order and a missing name: must still decode to the same values.
      analyses.push(v2Analysis(key, 3, { exclaim_rate: 1e-9, words_log: -3 }));
      analyses.push(v2Analysis(key, 5, { words_log: 1, exclaim_rate: 2, hedges: 3, extra: 4 }));
    }
    const alt: Turn = { ...v2Turn('chatgpt:a', 5), key: 'chatgpt:a:t5@h', turnId: 't5@h', alternativeOf: 'chatgpt:a:t5', text: 'older' };
    const oddKey: Turn = { ...v2Turn('claude:x', 7), key: 'claude:x:odd', turnId: 'not-the-tail' };
    turns.push(alt, oddKey);
    for (const t of turns) await tx.objectStore('turns').put(t as never);
    for (const a of analyses) await tx.objectStore('analyses').put(a as never);
    await tx.objectStore('meta').put('det-2', 'detectorVersion');
    await tx.done;
    old.close();

    const db = await openObservatoryDB();
    expect(db.version).toBe(DB_VERSION);
    expect(await db.count('turns')).toBe(turns.length);
    expect(await db.count('analyses')).toBe(analyses.length);
    for (const t of turns) expect(decodeTurn((await db.get('turns', t.key))!)).toStrictEqual(t);
    for (const key of CONVS) {
      const bundle = await getConversationBundle(db, key);
      const expectedTurns = turns
        .filter((t) => t.conversationKey === key)
        .sort((x, y) => x.order - y.order || Number(x.alternativeOf !== null) - Number(y.alternativeOf !== null));
      expect(bundle?.turns).toStrictEqual(expectedTurns);
      const byTurn = (list: StoredAnalysis[]) => [...list].sort((x, y) => (x.turnKey < y.turnKey ? -1 : 1));
      // "chatgpt:a" must not pick up the analyses of "chatgpt:a:b" (a key-prefix neighbour).
      expect(byTurn(await getConversationAnalyses(db, key))).toStrictEqual(byTurn(analyses.filter((a) => a.conversationKey === key)));
    }
    // Stored compactly: no long feature names in the rows, names kept once per version in meta.
    const row = (await db.getAll('analyses'))[0];
    expect(Array.isArray(row.f)).toBe(true);
    expect((await db.get('turns', 'chatgpt:a:t2'))?.h).toBeUndefined();
    expect((await db.get('turns', 'chatgpt:a:t1'))?.h).toBe('00ff1');
    expect(await db.get('meta', 'featureNames:det-2')).toEqual(['words_log', 'exclaim_rate', 'hedges']);
    expect(await db.get('meta', 'featureNames:old-det')).toEqual(['words_log', 'exclaim_rate', 'hedges', 'extra']);
    expect(await db.get('meta', 'detectorVersions')).toEqual(['det-2', 'old-det']);
    expect(await db.get('meta', 'detectorVersion')).toBe('det-2');

    // Turns have no index any more: a conversation is a key range, shared with key-prefix
    // neighbours, which deleting one conversation must leave alone.
    expect([...db.transaction('turns').store.indexNames]).toEqual([]);
    expect(await deleteConversation(db, 'chatgpt:a')).toBe(true);
    expect((await getConversationBundle(db, 'chatgpt:a:b'))?.turns).toHaveLength(6);
    expect(await getConversationAnalyses(db, 'chatgpt:a:b')).toHaveLength(3);
    expect(await db.count('turns')).toBe(turns.length - 7);
    db.close();
  });
});
