/** Pooled (micro-averaged) change-point scores over a set of conversations. */
import { f1, precisionRecall } from './metrics/changepoints.ts';

export interface SetScore {
  conversations: number;
  replies: number;
  trueSwitches: number;
  estimated: number;
  truePositives: number;
  precision: number | null;
  recall: number | null;
  f1: number;
  /** Estimated switches per 100 replies that match no true switch. */
  falsePer100: number;
}

/** "1-turn margin": an estimate off by at most one reply counts (ruptures margin = 2, strict). */
export const MARGIN = 2;

export function scoreSet(items: readonly { truth: readonly number[]; est: readonly number[]; n: number }[]): SetScore {
  let tp = 0,
    est = 0,
    truth = 0,
    replies = 0;
  for (const it of items) {
    tp += precisionRecall(it.truth, it.est, MARGIN).truePositives;
    est += it.est.length;
    truth += it.truth.length;
    replies += it.n;
  }
  const precision = est ? tp / est : null;
  const recall = truth ? tp / truth : null;
  return {
    conversations: items.length,
    replies,
    trueSwitches: truth,
    estimated: est,
    truePositives: tp,
    precision,
    recall,
    f1: f1(precision, recall),
    falsePer100: (100 * (est - tp)) / Math.max(1, replies),
  };
}

/** Which estimated switches match a true one (same greedy rule as precisionRecall). */
export function matchedEstimates(truth: readonly number[], est: readonly number[]): boolean[] {
  const used = new Set<number>();
  const ok = est.map(() => false);
  for (const t of truth) {
    for (let j = 0; j < est.length; j++) {
      if (!used.has(j) && est[j] - MARGIN < t && t < est[j] + MARGIN) {
        used.add(j);
        ok[j] = true;
        break;
      }
    }
  }
  return ok;
}
