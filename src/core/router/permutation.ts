/**
 * Within-conversation circular-shift permutation test (methods.md §3.7).
 *
 * Each conversation's event sequence (e.g. "cue at this turn") is rotated by its own random
 * offset while the response sequence (e.g. "switch at this reply") stays put. Rotation keeps how
 * many events there are and how they cluster, and the response's own autocorrelation, so a
 * sticky persona that rarely switches cannot fake an association the way an i.i.d. shuffle can.
 */
import type { Rng } from './random.ts';
import { permutationP } from './stats.ts';

export interface AlignedSeries {
  events: readonly boolean[];
  responses: readonly boolean[];
  /** A stratum carried by each event (e.g. the user message's length); rotates with the events. */
  eventStrata?: readonly number[];
  /** A stratum fixed to each response position (e.g. the turn index); stays put. */
  responseStrata?: readonly number[];
}

export type PairStatistic = (series: readonly AlignedSeries[]) => number;

export interface PermutationResult {
  observed: number;
  nullStats: number[];
  /** One-sided: share of rotations at least as extreme as observed, with the +1 correction. */
  p: number;
}

export function rotate<T>(xs: readonly T[], offset: number): T[] {
  const n = xs.length;
  if (n === 0) return [];
  const o = ((offset % n) + n) % n;
  return [...xs.slice(n - o), ...xs.slice(0, n - o)];
}

export function circularShiftTest(
  series: readonly AlignedSeries[],
  statistic: PairStatistic,
  permutations: number,
  rng: Rng,
): PermutationResult {
  const observed = statistic(series);
  const nullStats: number[] = [];
  for (let b = 0; b < permutations; b++) {
    const shifted = series.map((s) => {
      const offset = rng.int(Math.max(s.events.length, 1));
      return {
        events: rotate(s.events, offset),
        eventStrata: s.eventStrata && rotate(s.eventStrata, offset),
        responses: s.responses,
        responseStrata: s.responseStrata,
      };
    });
    nullStats.push(statistic(shifted));
  }
  return { observed, nullStats, p: permutationP(observed, nullStats) };
}
