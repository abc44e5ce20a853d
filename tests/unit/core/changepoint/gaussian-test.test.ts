import { describe, expect, it } from 'vitest';
import { gaussianPValue } from '../../../../src/core/changepoint/gaussian-test.ts';
import { permutationPValue } from '../../../../src/core/changepoint/permutation.ts';
import { piecewise, series } from '../detect/synthetic.ts';

const opts = { simulations: 99, minSize: 2, columnScale: [1, 1, 1], clip: 2.5 };
/** series() with noise of the given SD around the piecewise means. */
const noisy = (n: number, seed: number, means: (t: number) => number[], sd: number) =>
  series(n, 3, seed, () => [0, 0, 0]).map((row, t) => row.map((x, k) => means(t)[k] + sd * x));

describe('Gaussian-null switch test', () => {
  it('can pass a clean 3 + 3 switch, which the shuffle test cannot push below 0.1', () => {
    const rows = noisy(
      6,
      21,
      piecewise(
        [3],
        [
          [0, 0, 0],
          [2.2, 2.2, 2.2],
        ],
      ),
      0.3,
    );
    expect(gaussianPValue(rows, 0, 3, 6, opts)).toBeLessThan(0.05);
    expect(permutationPValue(rows, 0, 3, 6, { permutations: 99, minSize: 2 })).toBeGreaterThanOrEqual(0.05);
  });

  it('rarely passes splits of noise at the prior scale, and answers the same way twice', () => {
    const ps = Array.from({ length: 12 }, (_, s) =>
      gaussianPValue(
        series(12, 3, 100 + s, () => [0, 0, 0]),
        0,
        6,
        12,
        opts,
      ),
    );
    expect(ps.filter((p) => p <= 0.1).length).toBeLessThanOrEqual(3);
    const rows = series(12, 3, 7, () => [0, 0, 0]);
    expect(gaussianPValue(rows, 0, 6, 12, opts)).toBe(gaussianPValue(rows, 0, 6, 12, opts));
  });

  it('widens its null when the window itself is restless (within-segment spread above the prior)', () => {
    const wild = noisy(
      12,
      9,
      piecewise(
        [6],
        [
          [0, 0, 0],
          [1.5, 1.5, 1.5],
        ],
      ),
      2,
    );
    const calm = noisy(
      12,
      9,
      piecewise(
        [6],
        [
          [0, 0, 0],
          [1.5, 1.5, 1.5],
        ],
      ),
      0.3,
    );
    expect(gaussianPValue(wild, 0, 6, 12, opts)).toBeGreaterThan(gaussianPValue(calm, 0, 6, 12, opts));
  });
});
