import { describe, expect, it } from 'vitest';
import { bootstrapInterval, riskRatioInterval, wilson } from '../../../../src/core/router/intervals.ts';
import { createRng } from '../../../../src/core/router/random.ts';

describe('95% intervals', () => {
  it('Wilson for 5 of 10 is 0.237–0.763 (textbook value)', () => {
    const w = wilson(5, 10)!;
    expect(w.low).toBeCloseTo(0.2366, 3);
    expect(w.high).toBeCloseTo(0.7634, 3);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(0, 100)!.high).toBeCloseTo(0.037, 3);
  });

  it('Mantel–Haenszel risk ratio: one stratum gives the plain ratio and the Katz-like interval', () => {
    // 20/100 exposed vs 10/100 unexposed: RR 2; Greenland–Robins var of log RR = (1/20 − 1/100 + 1/10 − 1/100) here.
    const r = riskRatioInterval([[20, 80, 10, 90]])!;
    expect(r.value).toBeCloseTo(2, 12);
    const se = Math.sqrt(1 / 20 - 1 / 100 + 1 / 10 - 1 / 100);
    expect(r.low).toBeCloseTo(2 * Math.exp(-1.959964 * se), 4);
    expect(r.high).toBeCloseTo(2 * Math.exp(1.959964 * se), 4);
    expect(riskRatioInterval([[0, 10, 0, 10]])).toBeNull();
  });

  it('the bootstrap is seeded and brackets the estimate', () => {
    const xs = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const stat = (idx: readonly number[]) => idx.reduce((a, i) => a + xs[i], 0) / idx.length;
    const a = bootstrapInterval(xs.length, stat, 200, createRng(9))!;
    const b = bootstrapInterval(xs.length, stat, 200, createRng(9))!;
    expect(a).toEqual(b);
    expect(a.value).toBe(0.25);
    expect(a.low).toBeLessThan(0.25);
    expect(a.high).toBeGreaterThan(0.25);
  });
});
