import { describe, expect, it } from 'vitest';
import { f1, hausdorff, precisionRecall, randIndex } from '../../../bench/lib/metrics/changepoints.ts';

// docs/reference/methods.md §3.1 fixture (ruptures' own metric code): true=[100,200,500], est=[105,115,350,400,500];
// ruptures includes n=500 as the last breakpoint, our lists exclude it.
const TRUE = [100, 200];
const EST = [105, 115, 350, 400];

describe('change-point metrics (ruptures fixture)', () => {
  it('precision/recall = (0.25, 0.5) at margin 10 and 20', () => {
    for (const margin of [10, 20]) {
      const pr = precisionRecall(TRUE, EST, margin);
      expect(pr.precision).toBe(0.25);
      expect(pr.recall).toBe(0.5);
    }
  });
  it('hausdorff = 200', () => expect(hausdorff(TRUE, EST)).toBe(200));
  it('rand index = 0.66272545…', () => expect(randIndex(TRUE, EST, 500)).toBeCloseTo(0.66272545, 7));
  it('margin is strict: an estimate exactly `margin` away does not count', () => {
    expect(precisionRecall([10], [12], 2).truePositives).toBe(0);
    expect(precisionRecall([10], [11], 2).truePositives).toBe(1);
  });
  it('each estimate matches one true point only', () => {
    expect(precisionRecall([10, 11], [10], 3)).toMatchObject({ precision: 1, recall: 0.5 });
  });
  it('f1 and empty cases', () => {
    expect(f1(0.25, 0.5)).toBeCloseTo(1 / 3, 10);
    expect(f1(null, 0)).toBe(0);
    expect(precisionRecall([5], [], 2)).toMatchObject({ precision: null, recall: 0 });
    expect(randIndex([], [], 10)).toBe(1);
    expect(randIndex([5], [], 10)).toBeCloseTo(1 - 25 / 45, 10);
  });
});
