import { describe, expect, it } from 'vitest';
import { circularShiftTest, stratifiedShiftTest, type AlignedSeries } from '../../../../src/core/router/permutation.ts';
import { createRng } from '../../../../src/core/router/random.ts';
import { stratifiedExcess } from '../../../../src/core/router/triggers.ts';

/** The fast test and the generic one, on the same series, rotations and seed: identical results. */
function expectSameAsGeneric(series: AlignedSeries[], responseLevels: number, eventLevels: number, rotations: number, seed: number): void {
  const slow = circularShiftTest(series, stratifiedExcess, rotations, createRng(seed));
  const fast = stratifiedShiftTest(series, responseLevels, eventLevels, rotations, createRng(seed));
  expect(fast.observed).toBeCloseTo(slow.observed, 10);
  expect(fast.nullStats).toHaveLength(rotations);
  fast.nullStats.forEach((t, i) => expect(t).toBeCloseTo(slow.nullStats[i], 10));
  expect(fast.p).toBe(slow.p);
}

describe('the allocation-free stratified shift test', () => {
  it('gives the same statistic, rotations and p as the generic circular-shift test', () => {
    const rng = createRng(42);
    const series: AlignedSeries[] = Array.from({ length: 25 }, () => {
      const len = 3 + rng.int(15);
      return {
        events: Array.from({ length: len }, () => rng.next() < 0.2),
        eventStrata: Array.from({ length: len }, () => rng.int(3)),
        responses: Array.from({ length: len }, () => rng.next() < 0.3),
        responseStrata: Array.from({ length: len }, (_, i) => (i < 2 ? 0 : i < 5 ? 1 : i < 10 ? 2 : 3)),
      };
    });
    expectSameAsGeneric(series, 5, 3, 99, 7);
  });

  it('gives the same results on the events-only path (no event strata: only the events are visited per rotation)', () => {
    const rng = createRng(5);
    const series: AlignedSeries[] = Array.from({ length: 40 }, () => {
      const len = 1 + rng.int(20);
      return {
        events: Array.from({ length: len }, () => rng.next() < 0.15),
        responses: Array.from({ length: len }, () => rng.next() < 0.3),
        responseStrata: Array.from({ length: len }, (_, i) => (i < 2 ? 0 : i < 5 ? 1 : i < 10 ? 2 : i < 20 ? 3 : 4)),
      };
    });
    expectSameAsGeneric(series, 5, 1, 199, 11);
  });
});
