import { describe, expect, it } from 'vitest';
import { l2Cost, gramCost, splitGain } from '../../../../src/core/changepoint/cost.ts';
import { pelt } from '../../../../src/core/changepoint/pelt.ts';
import { binseg } from '../../../../src/core/changepoint/binseg.ts';
import { bocpdStartProbabilities, OnlineDetector } from '../../../../src/core/changepoint/bocpd.ts';
import { calibrate } from '../../../../src/core/detect/calibration.ts';
import { fitCalibration } from '../../../../bench/lib/calibration-fit.ts';
import { diffScale, standardise } from '../../../../src/core/detect/series.ts';
import { piecewise, series } from '../detect/synthetic.ts';

const D = 3;
const penalty = (n: number) => 3 * D * Math.log(n);

describe('costs', () => {
  it('L2 cost equals the within-segment sum of squares', () => {
    const x = [[1], [2], [3], [10]];
    const c = l2Cost(x);
    expect(c.cost(0, 3)).toBeCloseTo(2, 10);
    expect(c.cost(0, 4)).toBeCloseTo(1 + 4 + 9 + 100 - 256 / 4, 10);
    expect(splitGain(c, 0, 3, 4)).toBeCloseTo(c.cost(0, 4) - 2, 10);
  });
  it('Gram (linear kernel) cost equals the L2 cost of the same vectors', () => {
    const xs = series(12, 4, 7, () => [0, 1, 2, 3]);
    const a = l2Cost(xs);
    const b = gramCost(xs.map((r) => Float64Array.from(r)));
    for (const [i, j] of [
      [0, 12],
      [2, 9],
      [5, 6],
      [0, 1],
    ])
      expect(b.cost(i, j)).toBeCloseTo(a.cost(i, j), 8);
  });
});

describe('PELT and BinSeg on seeded synthetic series', () => {
  const levels = [
    [0, 0, 0],
    [3, -3, 0],
    [0, 3, 3],
  ];
  it('find clear switches (within one step; seed 3 puts an outlier at 10)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const x = series(30, D, seed, piecewise([10, 20], levels));
      for (const found of [pelt(l2Cost(x), penalty(30), 2), binseg(l2Cost(x), penalty(30), 2)]) {
        expect(found).toHaveLength(2);
        expect(Math.abs(found[0] - 10)).toBeLessThanOrEqual(1);
        expect(Math.abs(found[1] - 20)).toBeLessThanOrEqual(1);
      }
    }
  });
  it('PELT equals the unpruned optimal partitioning', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const x = series(
        18,
        D,
        seed,
        piecewise(
          [5, 11],
          [
            [0, 0, 0],
            [1.5, 0, 0],
            [0, 1.5, 0],
          ],
        ),
      );
      const c = l2Cost(x);
      const pen = 6;
      const F = [-pen];
      const last = [0];
      for (let t = 1; t <= 18; t++) {
        F[t] = Infinity;
        for (let s = 0; s <= t - 2; s++)
          if (s === 0 || s >= 2) {
            const v = F[s] + c.cost(s, t) + pen;
            if (v < F[t]) [F[t], last[t]] = [v, s];
          }
      }
      const cps: number[] = [];
      for (let t = last[18]; t > 0; t = last[t]) cps.unshift(t);
      expect(pelt(c, pen, 2)).toEqual(cps);
    }
  });
  it('find nothing in most null series', () => {
    let found = 0;
    for (let seed = 1; seed <= 20; seed++) found += pelt(l2Cost(series(30, D, seed, () => [0, 0, 0])), penalty(30), 2).length;
    expect(found).toBeLessThanOrEqual(2);
  });
  it('respect the minimum segment size', () => {
    const x = series(20, D, 5, (t) => (t === 10 ? [9, 9, 9] : [0, 0, 0]));
    for (const cp of pelt(l2Cost(x), penalty(20), 2)) expect(cp).toBeGreaterThanOrEqual(2);
    const cps = [0, ...pelt(l2Cost(x), 1, 3), 20];
    for (let i = 1; i < cps.length; i++) expect(cps[i] - cps[i - 1]).toBeGreaterThanOrEqual(3);
  });
  it('PELT cost is never worse than BinSeg (exact vs greedy)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const x = series(
        25,
        D,
        seed,
        piecewise(
          [6, 13, 19],
          [
            [0, 0, 0],
            [2, 0, 0],
            [0, 2, 0],
            [2, 2, 0],
          ],
        ),
      );
      const c = l2Cost(x);
      const total = (cps: number[]) => {
        const b = [0, ...cps, 25];
        let s = 0;
        for (let i = 1; i < b.length; i++) s += c.cost(b[i - 1], b[i]);
        return s + penalty(25) * cps.length;
      };
      expect(total(pelt(c, penalty(25), 2))).toBeLessThanOrEqual(total(binseg(c, penalty(25), 2)) + 1e-9);
    }
  });
});

describe('BOCPD (online, Student-t)', () => {
  it('gives a high start probability at a switch and low ones elsewhere', () => {
    const x = series(
      30,
      D,
      11,
      piecewise(
        [15],
        [
          [0, 0, 0],
          [4, 4, -4],
        ],
      ),
    );
    const p = bocpdStartProbabilities(x, 2, { lambda: 10 });
    expect(p[15]).toBeGreaterThan(0.5);
    const others = p.filter((_, t) => Math.abs(t - 15) > 1);
    expect(Math.max(...others)).toBeLessThan(0.5);
  });
  it('stays quiet on a null series and is 0 on the first reply', () => {
    const det = new OnlineDetector({ lambda: 10 });
    const x = series(40, D, 3, () => [0, 0, 0]);
    const ps = x.map((r) => det.push(r));
    expect(ps[0]).toBe(0);
    expect(ps.filter((p) => p > 0.5).length).toBeLessThanOrEqual(1);
  });
  it('a slow drift does not look like a string of switches', () => {
    const x = series(40, D, 4, (t) => [t * 0.05, t * 0.05, 0]);
    const p = bocpdStartProbabilities(x, 2, { lambda: 10 });
    expect(p.filter((v) => v > 0.5).length).toBeLessThanOrEqual(2);
  });
});

describe('standardisation', () => {
  it('diffScale ignores a single level shift', () => {
    const xs = [
      ...Array(10)
        .fill(0)
        .map((_, i) => (i % 2 ? 1 : -1)),
      ...Array(10)
        .fill(0)
        .map((_, i) => 50 + (i % 2 ? 1 : -1)),
    ];
    expect(diffScale(xs)).toBeCloseTo(2 / (0.6745 * Math.SQRT2), 5);
  });
  it('centres on the median, clips, and fills nulls with the centre', () => {
    const s = standardise([{ a: 0 }, { a: 1 }, { a: null }, { a: 100 }], { weights: { a: 1 }, priorScale: { a: 1 }, priorStrength: 1000, clip: 3 });
    expect(s.center[0]).toBe(1);
    expect(s.matrix[2][0]).toBe(0);
    expect(s.matrix[3][0]).toBeCloseTo(3, 2);
  });
});

describe('calibration', () => {
  it('fits a monotone logistic curve that recovers the base rate', () => {
    const samples = Array.from({ length: 400 }, (_, i) => ({ score: 1 + (i % 20) / 5, positive: (i * 7919) % 100 < 20 + 3 * (i % 20) }));
    const c = fitCalibration(samples);
    expect(c.b).toBeGreaterThan(0);
    const meanP = samples.reduce((a, s) => a + calibrate(s.score, c), 0) / samples.length;
    const rate = samples.filter((s) => s.positive).length / samples.length;
    expect(meanP).toBeCloseTo(rate, 2);
  });
});

describe('weighted calibration', () => {
  it('counts a sample of weight 2 like two copies of it', () => {
    const base = Array.from({ length: 60 }, (_, i) => ({ score: 0.5 + (i % 12) / 4, positive: (i * 37) % 10 < 3 + (i % 12) / 2 }));
    const weighted = base.map((s, i) => ({ ...s, weight: i % 3 === 0 ? 2 : 1 }));
    const copied = base.flatMap((s, i) => (i % 3 === 0 ? [s, s] : [s]));
    const a = fitCalibration(weighted),
      b = fitCalibration(copied);
    expect(a.a).toBeCloseTo(b.a, 6);
    expect(a.b).toBeCloseTo(b.b, 6);
    // Weighting changes the fit: doubling the failures lowers the curve.
    const failuresDoubled = fitCalibration(base.map((s) => ({ ...s, weight: s.positive ? 1 : 2 })));
    expect(calibrate(2, failuresDoubled)).toBeLessThan(calibrate(2, fitCalibration(base)));
  });
});
