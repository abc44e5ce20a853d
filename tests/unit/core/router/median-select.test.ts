import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../../../src/core/math/stats.ts';
import { medianInPlace } from '../../../../src/core/math/select.ts';
import { robustScale } from '../../../../src/core/router/embed.ts';
import { createRng } from '../../../../src/core/router/random.ts';

describe('the median by selection (robust scaling on large piles)', () => {
  it('equals the median of the sorted copy, bit for bit, zeros signed as the sort orders them', () => {
    const rng = createRng(9);
    const draws = [() => rng.normal(), () => rng.int(3) - 1, () => [0, -0, 1, -1][rng.int(4)], () => Math.round(rng.normal() * 2) * 0.5];
    for (let trial = 0; trial < 3000; trial++) {
      const draw = draws[trial % draws.length];
      const values = Float64Array.from({ length: 1 + rng.int(trial < 1500 ? 12 : 400) }, draw);
      const want = quantileSorted(Float64Array.from(values).sort(), 0.5);
      expect(Object.is(medianInPlace(Float64Array.from(values)), want)).toBe(true);
    }
  });

  it('robust scale: median and MAD × 1.4826, or the SD when the MAD is 0', () => {
    expect(robustScale([1, 2, 3, 4, 100])).toEqual({ center: 3, scale: 1.4826 });
    const flat = robustScale([5, 5, 5, 5, 9]);
    expect(flat.center).toBeCloseTo(5.8, 12);
    expect(flat.scale).toBeCloseTo(Math.sqrt((4 * 0.8 ** 2 + 3.2 ** 2) / 4), 12);
  });
});
