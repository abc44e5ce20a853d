/**
 * PELT (Killick et al. 2012): exact minimiser of Σ cost(segment) + penalty·(#changes), with
 * pruning. Returns change points (segment starts, 0 and n excluded), sorted.
 * Candidates and their costs live in preallocated typed arrays (at most n + 1 candidates), so the
 * O(n · candidates) inner loop allocates nothing.
 */
import type { SegmentCost } from './cost.ts';

export function pelt(c: SegmentCost, penalty: number, minSize = 1): number[] {
  const n = c.n;
  if (n < 2 * minSize) return [];
  const F = new Float64Array(n + 1).fill(Infinity);
  const last = new Int32Array(n + 1);
  F[0] = -penalty;
  let candidates = new Int32Array(n + 1);
  let kept = new Int32Array(n + 1);
  const costs = new Float64Array(n + 1);
  let count = 1; // candidates[0] = 0
  for (let t = minSize; t <= n; t++) {
    let best = Infinity;
    let arg = 0;
    for (let i = 0; i < count; i++) {
      const s = candidates[i];
      if (t - s < minSize) {
        costs[i] = Infinity;
        continue;
      }
      const v = F[s] + c.cost(s, t) + penalty;
      costs[i] = v;
      if (v < best) {
        best = v;
        arg = s;
      }
    }
    F[t] = best;
    last[t] = arg;
    // Prune candidates that can never be optimal again; keep those too recent to evaluate.
    let next = 0;
    for (let i = 0; i < count; i++) {
      const s = candidates[i];
      if (t - s < minSize || costs[i] - penalty <= best) kept[next++] = s;
    }
    if (t + 1 - minSize >= 0 && t >= minSize) kept[next++] = t;
    [candidates, kept] = [kept, candidates];
    count = next;
  }
  const cps: number[] = [];
  for (let t = last[n]; t > 0; t = last[t]) cps.push(t);
  return cps.reverse();
}
