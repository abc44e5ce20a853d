/**
 * Change-point metrics (ruptures semantics, docs/reference/methods.md §3.1).
 * A change point is the index where a new segment starts; lists exclude 0 and the length n.
 */

export interface PrecisionRecall {
  /** null when nothing was estimated (precision undefined). */
  precision: number | null;
  /** null when there is nothing to find. */
  recall: number | null;
  truePositives: number;
}

/**
 * ruptures `precision_recall`: a true change point is detected when an estimate lies STRICTLY
 * within `margin` (|t − e| < margin); each estimate matches at most one true point. So a
 * "1-turn margin" (off by at most one reply) is margin = 2 here.
 */
export function precisionRecall(trueCps: readonly number[], estCps: readonly number[], margin: number): PrecisionRecall {
  const used = new Set<number>();
  let tp = 0;
  for (const t of trueCps) {
    for (let j = 0; j < estCps.length; j++) {
      const e = estCps[j];
      if (!used.has(j) && e - margin < t && t < e + margin) {
        used.add(j);
        tp++;
        break;
      }
    }
  }
  return {
    precision: estCps.length ? tp / estCps.length : null,
    recall: trueCps.length ? tp / trueCps.length : null,
    truePositives: tp,
  };
}

/** Harmonic mean of precision and recall; 0 when either is 0 or undefined. */
export function f1(precision: number | null, recall: number | null): number {
  if (!precision || !recall) return 0;
  return (2 * precision * recall) / (precision + recall);
}

/** Worst-case localisation error: symmetric Hausdorff distance between the two sets. */
export function hausdorff(a: readonly number[], b: readonly number[]): number {
  if (!a.length || !b.length) return a.length === b.length ? 0 : Infinity;
  const directed = (x: readonly number[], y: readonly number[]) => Math.max(...x.map((p) => Math.min(...y.map((q) => Math.abs(p - q)))));
  return Math.max(directed(a, b), directed(b, a));
}

/** Segment sizes of a partition of 0..n−1 given its change points. */
function segmentSizes(cps: readonly number[], n: number): number[] {
  const bounds = [0, ...[...cps].sort((x, y) => x - y), n];
  const out: number[] = [];
  for (let i = 1; i < bounds.length; i++) if (bounds[i] > bounds[i - 1]) out.push(bounds[i] - bounds[i - 1]);
  return out;
}

const pairs = (k: number) => (k * (k - 1)) / 2;

/** Rand index of the two partitions of 0..n−1: share of sample pairs on which they agree. */
export function randIndex(a: readonly number[], b: readonly number[], n: number): number {
  if (n < 2) return 1;
  const ba = [0, ...[...a].sort((x, y) => x - y), n];
  const bb = [0, ...[...b].sort((x, y) => x - y), n];
  // Intersections of segments (contingency table cells) via a merge of the two boundary lists.
  let sameBoth = 0;
  let i = 1,
    j = 1,
    start = 0;
  while (i < ba.length && j < bb.length) {
    const end = Math.min(ba[i], bb[j]);
    sameBoth += pairs(end - start);
    start = end;
    if (ba[i] === end) i++;
    if (bb[j] === end) j++;
  }
  const sameA = segmentSizes(a, n).reduce((s, k) => s + pairs(k), 0);
  const sameB = segmentSizes(b, n).reduce((s, k) => s + pairs(k), 0);
  const total = pairs(n);
  return (total + 2 * sameBoth - sameA - sameB) / total;
}
