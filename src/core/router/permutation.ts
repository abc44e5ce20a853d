/**
 * Within-conversation circular-shift permutation test (docs/reference/methods.md §3.7).
 *
 * Each conversation's event sequence (e.g. "cue at this turn") is rotated by its own random
 * offset while the response sequence (e.g. "switch at this reply") stays put. Rotation keeps how
 * many events there are and how they cluster, and the response's own autocorrelation, so a
 * sticky persona that rarely switches cannot fake an association the way an i.i.d. shuffle can.
 */
import type { Rng } from './random.ts';
import { permutationP } from '../math/stats.ts';

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

export function circularShiftTest(series: readonly AlignedSeries[], statistic: PairStatistic, permutations: number, rng: Rng): PermutationResult {
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

/**
 * The circular-shift test for the stratified excess statistic (Σ over strata of observed minus
 * expected event-and-response pairs), without allocating per rotation: the series are packed
 * into typed arrays once and each rotation only re-reads them with an offset. Same rotations
 * (same random draws, same order) and same statistic as `circularShiftTest(series,
 * stratifiedExcess…)`, an order of magnitude faster on large piles. Stratum of pair i =
 * responseStrata[i] × eventLevels + (rotated) eventStrata[i].
 *
 * `stopAfter` (large piles only): stop rotating once that many rotations reached the observed
 * statistic (Besag–Clifford sequential p-value). A test that would reject runs all rotations and
 * gives the same p; one that stops has p ≥ stopAfter / permutations and cannot reject at α.
 */
export function stratifiedShiftTest(
  series: readonly AlignedSeries[],
  responseLevels: number,
  eventLevels: number,
  permutations: number,
  rng: Rng,
  stopAfter?: number,
): PermutationResult {
  let total = 0;
  for (const s of series) total += s.events.length;
  const ev = new Uint8Array(total);
  const es = new Uint8Array(total);
  const rs = new Uint16Array(total);
  const rp = new Uint8Array(total);
  const starts = new Int32Array(series.length + 1);
  let k = 0;
  series.forEach((s, c) => {
    starts[c] = k;
    for (let i = 0; i < s.events.length; i++, k++) {
      ev[k] = s.events[i] ? 1 : 0;
      es[k] = s.eventStrata?.[i] ?? 0;
      rs[k] = s.responseStrata?.[i] ?? 0;
      rp[k] = s.responses[i] ? 1 : 0;
    }
  });
  starts[series.length] = k;
  const cells = responseLevels * eventLevels;
  const n = new Float64Array(cells);
  const e = new Float64Array(cells);
  const r = new Float64Array(cells);
  const a = new Float64Array(cells);
  const offsets = new Int32Array(series.length);
  const excess = (): number => {
    n.fill(0);
    e.fill(0);
    r.fill(0);
    a.fill(0);
    for (let c = 0; c < series.length; c++) {
      const s0 = starts[c];
      const len = starts[c + 1] - s0;
      const o = offsets[c];
      for (let i = 0; i < len; i++) {
        let j = i - o;
        if (j < 0) j += len;
        const cell = rs[s0 + i] * eventLevels + es[s0 + j];
        const event = ev[s0 + j];
        const resp = rp[s0 + i];
        n[cell]++;
        e[cell] += event;
        r[cell] += resp;
        a[cell] += event & resp;
      }
    }
    let t = 0;
    for (let q = 0; q < cells; q++) if (n[q] > 0) t += a[q] - (e[q] * r[q]) / n[q];
    return t;
  };
  const observed = excess();
  const nullStats: number[] = [];
  let atLeast = 0;
  for (let b = 0; b < permutations; b++) {
    for (let c = 0; c < series.length; c++) offsets[c] = rng.int(Math.max(starts[c + 1] - starts[c], 1));
    const t = excess();
    nullStats.push(t);
    if (t >= observed - 1e-12) atLeast++;
    // Besag & Clifford (1991): once `stopAfter` rotations reach the observed statistic, p = h / k
    // is a valid p-value and already above h / B, so more rotations cannot make the test reject.
    if (stopAfter !== undefined && atLeast >= stopAfter && b + 1 < permutations) return { observed, nullStats, p: atLeast / nullStats.length };
  }
  return { observed, nullStats, p: permutationP(observed, nullStats) };
}
