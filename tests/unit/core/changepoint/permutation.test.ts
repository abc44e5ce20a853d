import { describe, expect, it } from 'vitest';
import { gateSwitches, permutationPValue, permutationTest } from '../../../../src/core/changepoint/permutation.ts';
import { l2Cost } from '../../../../src/core/changepoint/cost.ts';
import { pelt } from '../../../../src/core/changepoint/pelt.ts';
import { piecewise, series } from '../detect/synthetic.ts';

const opts = { permutations: 99, minSize: 2 };

describe('permutation test of a switch', () => {
  it('gives a small p-value to a real level shift and a large one to a split of pure noise', () => {
    const shifted = series(
      16,
      3,
      11,
      piecewise(
        [8],
        [
          [0, 0, 0],
          [2.5, 2.5, 2.5],
        ],
      ),
    );
    expect(permutationPValue(shifted, 0, 8, 16, opts)).toBeLessThan(0.05);
    const noise = series(16, 3, 12, () => [0, 0, 0]);
    const pNull = Array.from({ length: 10 }, (_, t) => permutationPValue(noise, 0, t + 3, 16, opts));
    // Fixed split points on noise: p is spread over (0, 1], mostly far from 0.
    expect(pNull.filter((p) => p > 0.2).length).toBeGreaterThanOrEqual(7);
  });

  it('counts shuffles that redraw the observed partition: a 2 + 2 window cannot be significant', () => {
    // Orders that put both 0-rows on one side (1 in 3) split exactly as observed.
    const rows = [
      [0.1, 0.3],
      [0.1, 0.3],
      [5.7, 5.9],
      [5.7, 5.9],
    ];
    const p = permutationPValue(rows, 0, 2, 4, opts);
    expect(p).toBeGreaterThan(0.2);
    expect(p).toBeLessThan(0.5);
  });

  it('is deterministic and a valid p-value (1/(k+1) … 1)', () => {
    const xs = series(12, 2, 5, () => [0, 0]);
    const p = permutationPValue(xs, 0, 6, 12, opts);
    expect(permutationPValue(xs, 0, 6, 12, opts)).toBe(p);
    expect(p).toBeGreaterThanOrEqual(1 / 100);
    expect(p).toBeLessThanOrEqual(1);
  });

  it('the gate keeps a clear switch, drops a spurious one, and is off at maxPValue 1', () => {
    const xs = series(
      24,
      3,
      21,
      piecewise(
        [12],
        [
          [0, 0, 0],
          [3, 3, 3],
        ],
      ),
    );
    const { kept, pValues } = gateSwitches([5, 12], xs.length, permutationTest(xs, { ...opts, maxPValue: 0.1 }));
    expect(kept).toEqual([12]);
    expect(pValues[0]).toBeGreaterThan(0.1);
    expect(gateSwitches([5, 12], xs.length, permutationTest(xs, { ...opts, maxPValue: 1 })).kept).toEqual([5, 12]);
  });

  it('on seeded null series it removes most of what a low penalty finds, and keeps real switches', () => {
    const gate = (xs: number[][], found: number[]) => gateSwitches(found, xs.length, permutationTest(xs, { ...opts, maxPValue: 0.1 })).kept;
    let foundNull = 0,
      keptNull = 0,
      foundReal = 0,
      keptReal = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const noise = series(20, 3, 100 + seed, () => [0, 0, 0]);
      const f = pelt(l2Cost(noise), 4, 2);
      foundNull += f.length;
      keptNull += gate(noise, f).length;
      const real = series(
        20,
        3,
        200 + seed,
        piecewise(
          [10],
          [
            [0, 0, 0],
            [2, 2, 2],
          ],
        ),
      );
      const g = pelt(l2Cost(real), 4, 2).filter((t) => Math.abs(t - 10) <= 1);
      foundReal += g.length;
      keptReal += gate(real, g).length;
    }
    expect(foundNull).toBeGreaterThan(10);
    expect(keptNull).toBeLessThan(foundNull * 0.35);
    expect(foundReal).toBeGreaterThan(25);
    expect(keptReal).toBeGreaterThan(foundReal * 0.9);
  });
});
