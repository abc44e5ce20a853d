import { describe, expect, it } from 'vitest';
import type { Conversation, Turn } from '../../../src/core/model/types.ts';
import { openObservatoryDB } from '../../../src/store/connection.ts';
import { DB_VERSION } from '../../../src/store/migrations.ts';
import { decodeTurn, encodeTurn } from '../../../src/store/turn-rows.ts';
import { freshDB } from './helpers.ts';

function v5Turn(i: number, role: Turn['role'], text: string): Turn {
  return {
    key: `chatgpt:c:t${i}`,
    conversationKey: 'chatgpt:c',
    turnId: `t${i}`,
    order: i,
    role,
    text,
    contentHash: `h${i}`,
    model: role === 'assistant' ? 'gpt-5' : null,
    selectedModel: null,
    thinking: i === 3 ? 'Thought for 3s' : null,
    branch: null,
    alternativeOf: null,
    capturedAt: 1,
    createdAt: null,
    route: null,
  };
}

describe('migration v6 (steps, citations, not-captured replies)', () => {
  it('marks stored placeholders notCaptured and recounts their conversation; every other row is unchanged', async () => {
    const old = await freshDB(5);
    const tx = old.transaction(['conversations', 'turns'], 'readwrite');
    const conv: Conversation = {
      key: 'chatgpt:c',
      site: 'chatgpt',
      conversationId: 'c',
      title: null,
      url: null,
      source: 'capture',
      firstSeen: 1,
      lastSeen: 1,
      models: ['gpt-5'],
      turnCount: 4,
      assistantCount: 2,
      shiftCount: 0,
      annotationCount: 0,
    };
    await tx.objectStore('conversations').put(conv);
    const turns = [
      v5Turn(0, 'user', 'research X'),
      v5Turn(1, 'assistant', '[reply not captured: Deep Research report in a frame]'),
      v5Turn(2, 'user', '[reply not captured: a user may type this]'),
      v5Turn(3, 'assistant', 'Here is the answer.'),
    ];
    for (const t of turns) await tx.objectStore('turns').put(encodeTurn(t));
    await tx.done;
    old.close();

    const db = await openObservatoryDB();
    expect(db.version).toBe(DB_VERSION);
    const after = new Map((await db.getAll('turns')).map((r) => [r.key, decodeTurn(r)]));
    expect(after.get('chatgpt:c:t1')).toEqual({ ...turns[1], notCaptured: 'Deep Research report in a frame' });
    // A user's own text is never a placeholder; other rows come back exactly as stored.
    for (const i of [0, 2, 3]) expect(after.get(`chatgpt:c:t${i}`)).toEqual(turns[i]);
    expect(await db.get('conversations', 'chatgpt:c')).toEqual({ ...conv, assistantCount: 1 });
  });
});
