/**
 * PELT (Killick et al. 2012): exact minimiser of Σ cost(segment) + penalty·(#changes), with
 * pruning. Returns change points (segment starts, 0 and n excluded), sorted.
 */
import type { SegmentCost } from './cost.ts';

export function pelt(c: SegmentCost, penalty: number, minSize = 1): number[] {
  const n = c.n;
  if (n < 2 * minSize) return [];
  const F = new Float64Array(n + 1).fill(Infinity);
  const last = new Int32Array(n + 1);
  F[0] = -penalty;
  let candidates: number[] = [0];
  for (let t = minSize; t <= n; t++) {
    let best = Infinity;
    let arg = 0;
    const costs: number[] = [];
    for (const s of candidates) {
      if (t - s < minSize) {
        costs.push(Infinity);
        continue;
      }
      const v = F[s] + c.cost(s, t) + penalty;
      costs.push(v);
      if (v < best) {
        best = v;
        arg = s;
      }
    }
    F[t] = best;
    last[t] = arg;
    // Prune candidates that can never be optimal again; keep those too recent to evaluate.
    const kept: number[] = [];
    candidates.forEach((s, i) => {
      if (t - s < minSize || costs[i] - penalty <= best) kept.push(s);
    });
    if (t + 1 - minSize >= 0 && t >= minSize) kept.push(t);
    candidates = kept;
  }
  const cps: number[] = [];
  for (let t = last[n]; t > 0; t = last[t]) cps.push(t);
  return cps.reverse();
}
