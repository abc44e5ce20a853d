/**
 * permutationPValue (changepoint/permutation.ts) against the test written out plainly: mulberry32 with
 * its state as an unsigned integer, Fisher–Yates shuffles, every split's gain by the division
 * formula, the maximum compared with the observed gain. The fast code must give the same p-value,
 * bit for bit, with and without its early stop.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permutationPValue } from '../../../../src/core/changepoint/permutation.ts';

function referencePValue(m: readonly (readonly number[])[], a: number, t: number, b: number, permutations: number, minSize: number): number {
  let s = (Math.imul(a + 1, 73856093) ^ Math.imul(t + 1, 19349663) ^ Math.imul(b + 1, 83492791)) >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const rows = m.slice(a, b);
  const n = rows.length,
    d = rows[0].length;
  const total = Array.from({ length: d }, (_, k) => rows.reduce((acc, r) => acc + r[k], 0));
  const totalTerm = total.reduce((acc, x) => acc + (x * x) / n, 0);
  const gainAt = (order: number[], split: number) => {
    const left = new Array<number>(d).fill(0);
    for (let i = 0; i < split; i++) for (let k = 0; k < d; k++) left[k] += rows[order[i]][k];
    let g = -totalTerm;
    for (let k = 0; k < d; k++) g += (left[k] * left[k]) / split + ((total[k] - left[k]) * (total[k] - left[k])) / (n - split);
    return g;
  };
  const observedLeft = new Array<number>(d).fill(0);
  for (let i = 0; i < t - a; i++) for (let k = 0; k < d; k++) observedLeft[k] += rows[i][k];
  let observed = -totalTerm;
  for (let k = 0; k < d; k++) observed += (observedLeft[k] * observedLeft[k]) / (t - a) + (total[k] - observedLeft[k]) ** 2 / (b - t);
  const order = rows.map((_, i) => i);
  let atLeast = 1;
  for (let p = 0; p < permutations; p++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let best = 0;
    for (let split = minSize; split <= n - minSize; split++) best = Math.max(best, gainAt(order, split));
    if (best >= observed * (1 - 1e-12)) atLeast++;
  }
  return atLeast / (permutations + 1);
}

describe('permutation p-value', () => {
  const window = fc.integer({ min: 4, max: 24 }).chain((n) =>
    fc.record({
      rows: fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: n, maxLength: n }),
      t: fc.integer({ min: 2, max: n - 2 }),
      minSize: fc.integer({ min: 1, max: 2 }),
    }),
  );
  it('equals the plain formulation, bit for bit', () => {
    fc.assert(
      fc.property(window, ({ rows, t, minSize }) => {
        const expected = referencePValue(rows, 0, t, rows.length, 49, minSize);
        expect(permutationPValue(rows, 0, t, rows.length, { permutations: 49, minSize })).toBe(expected);
        // The early stop only ever shortens the count of a p-value already above the bar.
        const stopped = permutationPValue(rows, 0, t, rows.length, { permutations: 49, minSize }, 0.1);
        if (expected <= 0.1) expect(stopped).toBe(expected);
        else expect(stopped).toBeGreaterThan(0.1);
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});
