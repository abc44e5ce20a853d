import { describe, expect, it } from 'vitest';
import { lengthStratum, promptCovariates, residualize, solve, wordCount } from '../../../../src/core/router/prompt-covariates.ts';

describe('prompt covariates and residualising replies on them', () => {
  it('reads length, question, code, short and empty from the user text', () => {
    expect(promptCovariates('ok')).toEqual([Math.log1p(2), 0, 0, 1, 0]);
    expect(promptCovariates('How do I sort a list in Python?').slice(1)).toEqual([1, 0, 0, 0]);
    expect(promptCovariates('fix this:\n```\nconst x = 1;\n```').slice(2, 4)).toEqual([1, 0]);
    expect(promptCovariates('   ')).toEqual([0, 0, 0, 0, 1]);
    expect([lengthStratum('ok sure'), lengthStratum('please tell me about the history of Rome'), lengthStratum('word '.repeat(40))]).toEqual([0, 1, 2]);
  });

  it('counts words in one pass, any whitespace', () => {
    expect([wordCount(''), wordCount('   '), wordCount('ok'), wordCount('  a  b\n\tc '), wordCount('a\u00a0b\u3000c')]).toEqual([0, 0, 1, 3, 3]);
  });

  it('solves a small linear system exactly', () => {
    const x = solve(
      [
        [2, 1],
        [1, 3],
      ],
      [3, 5],
    );
    expect(x[0]).toBeCloseTo(0.8, 12);
    expect(x[1]).toBeCloseTo(1.4, 12);
  });

  it('removes a reply dimension that only follows the prompt length, and keeps one that does not', () => {
    // dim 0 = 2·length + constant (explained), dim 1 = alternating ±1 (unrelated to the prompt).
    const x = Array.from({ length: 60 }, (_, i) => [i % 7, i % 2 === 0 ? 1 : 0]);
    const y = x.map(([len], i) => [2 * len + 5, i % 3 === 0 ? 1 : -1]);
    const r = residualize(y, x);
    expect(r.applied).toBe(true);
    expect(r.r2[0]).toBeCloseTo(1, 6);
    const mean = y.reduce((a, row) => a + row[0], 0) / y.length;
    for (const row of r.y) expect(row[0]).toBeCloseTo(mean, 4); // residual ≈ 0 (a tiny ridge) + the column mean
    expect(r.r2[1]).toBeLessThan(0.1);
  });

  it('leaves too few rows as they are and says so', () => {
    const r = residualize([[1], [2]], [[0], [1]]);
    expect(r.applied).toBe(false);
    expect(r.y).toEqual([[1], [2]]);
  });
});
