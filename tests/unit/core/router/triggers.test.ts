import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/router/random.ts';
import { analyzeTriggers, mantelHaenszelRiskRatio, type CueSwitchSeries } from '../../../../src/core/router/triggers.ts';
import type { CueOrControl } from '../../../../src/core/router/types.ts';

/** Conversations with sticky switches; boredom cues independent of them unless `effect`. */
function series(seed: number, effect: boolean, convs = 20, len = 15): CueSwitchSeries[] {
  const rng = createRng(seed);
  return Array.from({ length: convs }, () => {
    const cues: CueOrControl[][] = [];
    const switches: boolean[] = [];
    for (let j = 0; j < len; j++) {
      const bored = j > 0 && rng.next() < 0.2;
      cues.push(bored ? ['boredom'] : []);
      switches.push(j > 0 && rng.next() < (effect && bored ? 0.8 : 0.12));
    }
    return { cues, switches };
  });
}

const OPTS = { permutations: 199, alpha: 0.05, minCueEvents: 5, switchSource: 'test' };

describe('trigger test (circular shift, stratified, Holm)', () => {
  it('p-values are roughly uniform under no effect', () => {
    const ps = Array.from({ length: 40 }, (_, i) => analyzeTriggers(series(100 + i, false), OPTS, createRng(i)).tests[0].p as number);
    const mean = ps.reduce((a, b) => a + b, 0) / ps.length;
    expect(mean).toBeGreaterThan(0.35);
    expect(mean).toBeLessThan(0.65);
    expect(ps.filter((p) => p < 0.05).length).toBeLessThanOrEqual(6); // ≈ 2 expected; binomial tail
    expect(ps.filter((p) => p > 0.5).length).toBeGreaterThan(10);
  });

  it('detects a real boredom effect with a risk ratio well above 1', () => {
    const r = analyzeTriggers(series(7, true), OPTS, createRng(1));
    const b = r.tests.find((t) => t.cue === 'boredom')!;
    expect(b.status).toBe('tested');
    expect(b.p).toBeLessThan(0.01);
    expect(b.significant).toBe(true);
    expect(b.riskRatio).toBeGreaterThan(3);
  });

  it('refuses to conclude with too few cue events', () => {
    const r = analyzeTriggers(series(7, true, 2, 6), OPTS, createRng(1));
    for (const t of r.tests) {
      expect(t.status).toBe('insufficient-data');
      expect(t.p).toBeNull();
      expect(t.conclusion).toMatch(/not concluded/);
    }
  });

  it('Mantel–Haenszel risk ratio on one hand-checked stratum', () => {
    // reply indices 1..2 are one stratum: cue&switch 1, cue&no 0, no cue&switch 0, no cue&no 1 → ∞;
    expect(mantelHaenszelRiskRatio([{ events: [true, false], responses: [true, false] }])).toBe(Infinity);
    // a=1,b=1,c=1,d=1 in one stratum → (1·2/4)/(1·2/4) = 1
    expect(
      mantelHaenszelRiskRatio([
        { events: [true, true], responses: [true, false] },
        { events: [false, false], responses: [true, false] },
      ]),
    ).toBeCloseTo(1);
  });
});
