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
 * Counts are integers, so the per-stratum tallies (pairs, events, responses, both) are exact in
 * any order. When no event carries a stratum the strata stay put under rotation, so pairs and responses per
 * stratum are counted once and each rotation visits only the events.
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
  // Event side of a pair: 2 × its event stratum. Response side: 2 × (its stratum × eventLevels) + response.
  // Their sum indexes the tallies: 2 × cell + response.
  const evKey = new Int32Array(total);
  const respKey = new Int32Array(total);
  const starts = new Int32Array(series.length + 1);
  const eventList: number[] = [];
  let k = 0;
  series.forEach((s, c) => {
    starts[c] = k;
    for (let i = 0; i < s.events.length; i++, k++) {
      ev[k] = s.events[i] ? 1 : 0;
      if (ev[k]) eventList.push(k);
      evKey[k] = 2 * (s.eventStrata?.[i] ?? 0);
      respKey[k] = 2 * (s.responseStrata?.[i] ?? 0) * eventLevels + (s.responses[i] ? 1 : 0);
    }
  });
  starts[series.length] = k;
  const eventAt = Int32Array.from(eventList);
  const cells = responseLevels * eventLevels;
  // pairs[2q + r]: pairs in stratum q with response r; eventPairs[2q + r]: those whose event is on.
  const pairs = new Int32Array(2 * cells);
  const eventPairs = new Int32Array(2 * cells);
  const offsets = new Int32Array(series.length);
  const conversationOf = new Int32Array(total);
  for (let c = 0; c < series.length; c++) conversationOf.fill(c, starts[c], starts[c + 1]);
  const fixedStrata = evKey.every((x) => x === 0);
  if (fixedStrata) for (let i = 0; i < total; i++) pairs[respKey[i]]++;
  const statistic = (): number => {
    let t = 0;
    for (let q = 0; q < cells; q++) {
      const n = pairs[2 * q] + pairs[2 * q + 1];
      if (n > 0) {
        const r = pairs[2 * q + 1];
        const e = eventPairs[2 * q] + eventPairs[2 * q + 1];
        t += eventPairs[2 * q + 1] - (e * r) / n;
      }
    }
    return t;
  };
  const excess = (): number => {
    eventPairs.fill(0);
    if (fixedStrata) tallyEvents(eventAt, conversationOf, starts, offsets, respKey, eventPairs);
    else {
      pairs.fill(0);
      tallyPairs(starts, offsets, respKey, evKey, ev, pairs, eventPairs);
    }
    return statistic();
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

/** Every pair's stratum tallied under the current offsets: response i pairs with event i − o (wrapping). */
function tallyPairs(
  starts: Int32Array,
  offsets: Int32Array,
  respKey: Int32Array,
  evKey: Int32Array,
  ev: Uint8Array,
  pairs: Int32Array,
  eventPairs: Int32Array,
): void {
  const conversations = offsets.length;
  for (let c = 0; c < conversations; c++) {
    const s0 = starts[c];
    const end = starts[c + 1];
    const o = offsets[c];
    // First the pairs whose event index wrapped around the end, then the rest.
    let i = s0;
    let j = end - o;
    for (; i < s0 + o; i++, j++) {
      const key = respKey[i] + evKey[j];
      pairs[key]++;
      if (ev[j]) eventPairs[key]++;
    }
    for (j = s0; i < end; i++, j++) {
      const key = respKey[i] + evKey[j];
      pairs[key]++;
      if (ev[j]) eventPairs[key]++;
    }
  }
}

/** With no event strata only the events move: the event at j pairs with the response at j + offset (mod length). */
function tallyEvents(
  eventAt: Int32Array,
  conversationOf: Int32Array,
  starts: Int32Array,
  offsets: Int32Array,
  respKey: Int32Array,
  eventPairs: Int32Array,
): void {
  for (let e = 0; e < eventAt.length; e++) {
    const j = eventAt[e];
    const c = conversationOf[j];
    const s0 = starts[c];
    const len = starts[c + 1] - s0;
    let i = j - s0 + offsets[c];
    if (i >= len) i -= len;
    eventPairs[respKey[s0 + i]]++;
  }
}
