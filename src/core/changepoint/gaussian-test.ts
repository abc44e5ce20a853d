/**
 * A switch test that can pass on short segments (issue 14). The shuffle test (permutation.ts)
 * can only reorder the window's own replies: two 3-reply segments have 20 distinct partitions,
 * so p can never go below about 0.1 and about half of clean 3+3 switches were dropped. This test
 * compares the observed best-split gain with windows simulated under "no change": independent
 * Gaussian rows whose per-column spread is the larger of the column's prior spread (its weight:
 * the series is in noise-scale units) and the window's own pooled within-segment spread (so a
 * restless conversation still keeps fewer switches), clipped like the series. Seeded by the
 * window, so answers are reproducible.
 */
import { mulberry32 } from '../math/random.ts';
import { bestSplitGain, type SwitchTest } from './permutation.ts';

export interface GaussianTestOptions {
  maxPValue: number;
  simulations: number;
  minSize: number;
  /** Prior spread of each column (its detector weight). */
  columnScale: readonly number[];
  /** |z| clip of the series (columns are clipped at clip · columnScale). */
  clip: number;
}

/** Pooled within-segment SD of column k over [a, t) and [t, b). */
function withinSd(matrix: readonly (readonly number[])[], k: number, a: number, t: number, b: number): number {
  let ss = 0;
  for (const [lo, hi] of [
    [a, t],
    [t, b],
  ]) {
    let m = 0;
    for (let i = lo; i < hi; i++) m += matrix[i][k];
    m /= hi - lo;
    for (let i = lo; i < hi; i++) ss += (matrix[i][k] - m) ** 2;
  }
  return Math.sqrt(ss / Math.max(1, b - a - 2));
}

export function gaussianPValue(matrix: readonly (readonly number[])[], a: number, t: number, b: number, o: Omit<GaussianTestOptions, 'maxPValue'>): number {
  const n = b - a;
  const d = n > 0 ? matrix[a].length : 0;
  const sd = Array.from({ length: d }, (_, k) => Math.max(o.columnScale[k] ?? 1, withinSd(matrix, k, a, t, b)));
  const rows = new Float64Array(n * d);
  const total = new Float64Array(d);
  const left = new Float64Array(d);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  // Observed gain at t.
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) total[k] += rows[i * d + k] = matrix[a + i][k];
  let totalTerm = 0;
  for (let k = 0; k < d; k++) totalTerm += (total[k] * total[k]) / n;
  let observed = -totalTerm;
  for (let i = 0; i < t - a; i++) for (let k = 0; k < d; k++) left[k] += rows[i * d + k];
  for (let k = 0; k < d; k++) observed += (left[k] * left[k]) / (t - a) + (total[k] - left[k]) ** 2 / (b - t);
  const random = mulberry32(Math.imul(a + 7, 2654435761) ^ Math.imul(t + 7, 40503) ^ Math.imul(b + 7, 97));
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  let atLeast = 1;
  for (let s = 0; s < o.simulations; s++) {
    total.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) {
        const lim = o.clip * (o.columnScale[k] ?? 1);
        const x = Math.max(-lim, Math.min(lim, sd[k] * gauss()));
        rows[i * d + k] = x;
        total[k] += x;
      }
    }
    let tt = 0;
    for (let k = 0; k < d; k++) tt += (total[k] * total[k]) / n;
    if (bestSplitGain(rows, d, order, total, tt, o.minSize, left) >= observed) atLeast++;
  }
  return atLeast / (o.simulations + 1);
}

export function gaussianTest(matrix: readonly (readonly number[])[], o: GaussianTestOptions): SwitchTest {
  return { maxPValue: o.maxPValue, pValue: (a, t, b) => gaussianPValue(matrix, a, t, b, o) };
}
