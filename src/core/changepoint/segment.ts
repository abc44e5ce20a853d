/**
 * Offline segmentation of a standardised series plus a score for every boundary:
 * score[t] = (cost reduction of a change at t within its neighbouring segments) / penalty.
 * A detected switch has score > 1 by construction (for PELT, approximately). With a switch test
 * (permutation.ts), switches that fail it are dropped before scoring: their replies are scored as
 * non-switches of the merged segment. The search is PELT unless the caller passes another
 * (e.g. `binseg`): callers that never use another search do not pull it into their bundle.
 */
import { splitGain, type SegmentCost } from './cost.ts';
import { pelt } from './pelt.ts';
import { gateSwitches, type SwitchTest } from './permutation.ts';

/** A penalised search: change points of `cost` (sorted, 0 and n excluded); `pelt` and `binseg` are two. */
export type SearchFn = (cost: SegmentCost, penalty: number, minSize: number) => number[];

export interface SegmentOptions {
  /** penalty = base + perLogN·ln(n). */
  penaltyBase: number;
  penaltyPerLogN: number;
  minSize: number;
}

export interface Segmentation {
  switches: number[];
  /** score[t] for t ≥ 1; score[0] = 0. */
  score: number[];
  penalty: number;
}

export function penaltyFor(n: number, o: SegmentOptions): number {
  return o.penaltyBase + o.penaltyPerLogN * Math.log(Math.max(2, n));
}

export function segmentSeries(cost: SegmentCost, o: SegmentOptions, test?: SwitchTest, search: SearchFn = pelt): Segmentation {
  const n = cost.n;
  const score = new Array<number>(n).fill(0);
  if (n < 2) return { switches: [], score, penalty: 0 };
  const penalty = penaltyFor(n, o);
  const found = search(cost, penalty, o.minSize);
  const switches = test ? gateSwitches(found, n, test).kept : found;
  const bounds = [0, ...switches, n];
  // Detected switches: gain within the two neighbouring segments.
  for (let i = 1; i < bounds.length - 1; i++) score[bounds[i]] = splitGain(cost, bounds[i - 1], bounds[i], bounds[i + 1]) / penalty;
  // Other replies: best gain of a split there within their segment (how close it came).
  for (let i = 0; i < bounds.length - 1; i++) {
    for (let t = bounds[i] + 1; t < bounds[i + 1]; t++) score[t] = splitGain(cost, bounds[i], t, bounds[i + 1]) / penalty;
  }
  return { switches, score, penalty };
}
