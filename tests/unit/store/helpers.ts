/** Shared fixtures for store tests: a fresh in-memory IndexedDB per test, turns, a fake detector. */
import { IDBFactory } from 'fake-indexeddb';
import type { CapturedTurn, ConversationAnalysis } from '../../../src/core/model/types.ts';
import type { Analyzer } from '../../../src/store/analyzer.ts';
import { openObservatoryDB, resetObservatoryDBCache } from '../../../src/store/connection.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';

export async function freshDB(version?: number): Promise<ObservatoryDB> {
  resetObservatoryDBCache();
  globalThis.indexedDB = new IDBFactory();
  return openObservatoryDB(version === undefined ? {} : { version });
}

export function turn(id: string, role: 'user' | 'assistant', text: string, extra: Partial<CapturedTurn> = {}): CapturedTurn {
  return { id, role, text, model: null, selectedModel: null, streaming: false, thinking: null, branch: null, ...extra };
}

/** u0 a0 u1 a1 ... : alternating user/assistant turns with ids u<i>/a<i>. */
export function dialogue(from: number, to: number): CapturedTurn[] {
  const out: CapturedTurn[] = [];
  for (let i = from; i < to; i++) {
    out.push(turn(`u${i}`, 'user', `question ${i}`));
    out.push(turn(`a${i}`, 'assistant', `answer ${i}`, { model: i % 2 ? 'gpt-4o' : 'gpt-4o-mini' }));
  }
  return out;
}

/**
 * A detector stand-in: a reply shouts ("!") or not; a shift where that flips. Version is
 * settable so tests can simulate a detector upgrade.
 */
export function fakeAnalyzer(version = 'fake-1'): Analyzer & { calls: number } {
  const a = {
    version,
    calls: 0,
    analyze(turns: { role: string; text: string }[]): ConversationAnalysis {
      a.calls++;
      const replies = turns.filter((t) => t.role === 'assistant');
      let prev: boolean | null = null;
      const out = replies.map((r, index) => {
        const loud = r.text.includes('!');
        const shift = prev !== null && loud !== prev;
        prev = loud;
        return {
          index,
          state: loud ? 'B' : 'A',
          stateName: loud ? 'loud' : 'calm',
          shift,
          confidence: shift ? 0.9 : 0.1,
          labels: shift
            ? [{ kind: 'tone', text: 'tone: calm → loud', confidence: 0.9, evidence: [{ feature: 'exclaim', before: 0, after: 1, effect: 2 }] }]
            : [],
          features: { exclaim: loud ? 1 : 0, length: r.text.length },
        };
      });
      return { detectorVersion: a.version, switches: out.filter((r) => r.shift).map((r) => r.index), replies: out };
    },
  };
  return a;
}
