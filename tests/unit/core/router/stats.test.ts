import { describe, expect, it } from 'vitest';
import { bicWeights, evidenceStrength } from '../../../../src/core/router/stats.ts';
import { holm, logSumExp, permutationP } from '../../../../src/core/math/stats.ts';
import { rotate } from '../../../../src/core/router/permutation.ts';

describe('router statistics helpers', () => {
  it('Holm adjustment matches hand-computed values', () => {
    // sorted: 0.005·4 = 0.02; 0.01·3 = 0.03; 0.03·2 = 0.06; 0.04·1 = 0.04 → running max 0.06
    const adj = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
    expect(holm([0.5, null, 0.6])).toEqual([1, null, 1]);
    expect(holm([0.02, null])).toEqual([0.02, null]);
  });

  it('permutation p-value uses the +1 correction', () => {
    expect(permutationP(5, [1, 2, 5, 6])).toBeCloseTo(3 / 5);
    expect(permutationP(10, [1, 2, 3])).toBeCloseTo(1 / 4);
  });

  it('BIC weights and evidence words', () => {
    const w = bicWeights([100, 102, 110]);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(w[0] / w[1]).toBeCloseTo(Math.E);
    expect(evidenceStrength(1)).toBe('weak');
    expect(evidenceStrength(4)).toBe('positive');
    expect(evidenceStrength(8)).toBe('strong');
    expect(evidenceStrength(12)).toBe('very strong');
  });

  it('logSumExp is stable and rotate is circular', () => {
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.log(2));
    expect(logSumExp([])).toBe(-Infinity);
    expect(rotate([1, 2, 3, 4], 1)).toEqual([4, 1, 2, 3]);
    expect(rotate([1, 2, 3, 4], 5)).toEqual([4, 1, 2, 3]);
    expect(rotate([1, 2, 3], 0)).toEqual([1, 2, 3]);
  });
});
