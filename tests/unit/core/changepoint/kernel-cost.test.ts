import { describe, expect, it } from 'vitest';
import { gramCost, kernelCost, l2Cost, rbfFromCosine } from '../../../../src/core/changepoint/cost.ts';

const rows = [
  [1, 0, 2],
  [0.5, 1, -1],
  [2, 2, 0],
  [-1, 0.5, 1],
  [0, 0, 3],
];
const gram = (xs: number[][]) => {
  const n = xs.length;
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K[i * n + j] = xs[i].reduce((s, x, k) => s + x * xs[j][k], 0);
  return K;
};

describe('kernelCost', () => {
  it('with a linear kernel equals the L2 cost of the vectors on every segment', () => {
    const k = kernelCost(gram(rows), rows.length);
    const l2 = l2Cost(rows);
    const g = gramCost(rows.map((r) => Float64Array.from(r)));
    for (let a = 0; a < rows.length; a++) {
      for (let b = a + 1; b <= rows.length; b++) {
        expect(k.cost(a, b)).toBeCloseTo(l2.cost(a, b), 10);
        expect(g.cost(a, b)).toBeCloseTo(l2.cost(a, b), 10);
      }
    }
  });
  it('worked example: two identical unit vectors cost 0, two orthogonal ones cost 1', () => {
    const same = new Float64Array([1, 1, 1, 1]);
    expect(kernelCost(same, 2).cost(0, 2)).toBeCloseTo(0, 12);
    const orth = new Float64Array([1, 0, 0, 1]);
    expect(kernelCost(orth, 2).cost(0, 2)).toBeCloseTo(1, 12);
    expect(kernelCost(orth, 2).cost(1, 1)).toBe(0);
  });
  it('rbfFromCosine: 1 on the diagonal, exp(−1/h²) for orthogonal unit vectors', () => {
    const r = rbfFromCosine(new Float64Array([1, 0, 0, 1]), 2, 1);
    expect(r[0]).toBeCloseTo(1, 12);
    expect(r[1]).toBeCloseTo(Math.exp(-1), 12);
  });
});
