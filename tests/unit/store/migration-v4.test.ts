import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/core/model/types.ts';
import { openObservatoryDB } from '../../../src/store/connection.ts';
import { DB_VERSION } from '../../../src/store/migrations.ts';
import { decodeTurn, encodeTurn } from '../../../src/store/turn-rows.ts';
import { freshDB } from './helpers.ts';

function v3Turn(conv: string, i: number, model: string | null, selectedModel: string | null): Turn {
  return {
    key: `${conv}:t${i}`,
    conversationKey: conv,
    turnId: `t${i}`,
    order: i,
    role: i % 2 ? 'assistant' : 'user',
    text: `text ${i}`,
    contentHash: `h${i}`,
    model,
    selectedModel,
    thinking: null,
    branch: null,
    alternativeOf: null,
    capturedAt: 1,
    createdAt: null,
    route: null,
  };
}

describe('migration v4 (turn routes)', () => {
  it('backfills ChatGPT-export replies from their label and default; leaves every other row as it was', async () => {
    const old = await freshDB(3);
    const tx = old.transaction(['conversations', 'turns'], 'readwrite');
    const conv = (key: string, source: string) =>
      tx.objectStore('conversations').put({
        key,
        site: key.split(':')[0],
        conversationId: key.split(':')[1],
        title: null,
        url: null,
        source,
        firstSeen: 1,
        lastSeen: 1,
        models: [],
        turnCount: 4,
        assistantCount: 2,
        shiftCount: 0,
        annotationCount: 0,
      } as never);
    await conv('chatgpt:imp', 'import:chatgpt');
    await conv('chatgpt:cap', 'capture');
    const turns = [
      v3Turn('chatgpt:imp', 0, null, null),
      v3Turn('chatgpt:imp', 1, 'gpt-5-thinking', 'auto'),
      v3Turn('chatgpt:imp', 3, null, null),
      v3Turn('chatgpt:cap', 0, null, null),
      v3Turn('chatgpt:cap', 1, 'gpt-5', null),
    ];
    for (const t of turns) await tx.objectStore('turns').put(encodeTurn(t));
    await tx.done;
    old.close();

    const db = await openObservatoryDB();
    expect(db.version).toBe(DB_VERSION);
    const after = new Map((await db.getAll('turns')).map((r) => [r.key, decodeTurn(r)]));
    expect(after.get('chatgpt:imp:t1')!.route).toEqual({
      requested: 'auto',
      shown: 'gpt-5-thinking',
      served: null,
      flags: ['backfilled'],
      source: 'export',
    });
    // A reply without any model, user turns and captured turns: untouched.
    for (const key of ['chatgpt:imp:t0', 'chatgpt:imp:t3', 'chatgpt:cap:t0', 'chatgpt:cap:t1']) {
      expect(after.get(key)).toStrictEqual(turns.find((t) => t.key === key));
    }
  });

  it('a row with a route encodes and decodes to the same turn; one without reads as route null', () => {
    const t: Turn = {
      ...v3Turn('chatgpt:x', 1, 'gpt-5', null),
      route: { requested: 'gpt-5', shown: 'gpt-5', served: 'gpt-5-mini', flags: ['via:stream'], source: 'page-reported' },
    };
    expect(decodeTurn(encodeTurn(t))).toStrictEqual(t);
    const { r: _r, ...withoutRoute } = encodeTurn(t);
    expect(decodeTurn(withoutRoute).route).toBeNull();
  });
});
