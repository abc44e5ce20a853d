import { describe, expect, it } from 'vitest';
import { persistenceTest } from '../../../../src/core/router/persistence.ts';
import { createRng, type Rng } from '../../../../src/core/router/random.ts';

const DIMS = 4;

/** Conversations of `length` replies; `persona(t)` picks the state of reply t, `level` is the conversation's own offset. */
function pile(rng: Rng, conversations: number, length: number, persona: (t: number, c: number) => number, level = 0): number[][][] {
  return Array.from({ length: conversations }, (_, c) => {
    const offset = Array.from({ length: DIMS }, () => level * rng.normal());
    return Array.from({ length }, (_, t) => Array.from({ length: DIMS }, (_, j) => offset[j] + (j === 0 ? 2 * persona(t, c) : 0) + rng.normal()));
  });
}

/** A sticky two-state chain per conversation (stay 0.85). */
function stickyPersonas(rng: Rng, conversations: number, length: number): number[][] {
  return Array.from({ length: conversations }, () => {
    let s = rng.int(2);
    return Array.from({ length }, (_, t) => (t > 0 && rng.next() > 0.85 ? (s = 1 - s) : s));
  });
}

describe('within-conversation persistence test (replies shuffled inside conversations)', () => {
  it('finds a sticky router among replies whose persona shows in one feature of four (2 SD)', () => {
    const rng = createRng(11);
    const states = stickyPersonas(rng, 20, 16);
    const t = persistenceTest(
      pile(rng, 20, 16, (i, c) => states[c][i]),
      199,
      createRng(1),
    );
    expect(t.conversationsTested).toBe(20);
    expect(t.lagCorrelation).toBeGreaterThan(t.lagCorrelationNull ?? 1);
    expect(t.p).toBeLessThan(0.01);
  });

  it('clustered piles (each conversation its own level and persona, nothing switching inside) are rejected at about the nominal rate', () => {
    let rejected = 0;
    const datasets = 200;
    for (let d = 0; d < datasets; d++) {
      const rng = createRng(1000 + d);
      const personaOf = Array.from({ length: 12 }, () => rng.int(2));
      const t = persistenceTest(
        pile(rng, 12, 10, (_, c) => personaOf[c], 2),
        99,
        createRng(d),
      );
      if ((t.p ?? 1) <= 0.05) rejected++;
    }
    // Exact under within-conversation exchangeability: 5% expected; 200 datasets put 95% of outcomes in 4–16.
    expect(rejected).toBeGreaterThanOrEqual(2);
    expect(rejected).toBeLessThanOrEqual(18);
  });

  it('a conversation-level offset or a rescaled feature changes nothing (centring and whitening)', () => {
    const rng = createRng(5);
    const states = stickyPersonas(rng, 10, 12);
    const base = pile(rng, 10, 12, (i, c) => states[c][i]);
    const shifted = base.map((q, c) => q.map((r) => r.map((v, j) => (j === 1 ? 1000 * v : v) + 7 * c)));
    const a = persistenceTest(base, 49, createRng(2));
    const b = persistenceTest(shifted, 49, createRng(2));
    expect(b.lagCorrelation).toBeCloseTo(a.lagCorrelation ?? Number.NaN, 9);
    expect(b.p).toBe(a.p);
  });

  it('conversations of fewer than 3 replies cannot change under a shuffle: nothing to test', () => {
    const t = persistenceTest(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [[5, 6]],
      ],
      99,
      createRng(1),
    );
    expect(t.p).toBeNull();
    expect(t.conversationsTested).toBe(0);
  });
});
