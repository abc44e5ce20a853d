/**
 * Return fidelity: a persona that comes back comes back to the same place (issue 17, cascades).
 *
 * The recurrence test (recurrence.ts) counts returns on the HMM's labels. With at most 4 states,
 * fresh levels that never come back (cascades: bursts of changes to new levels) are forced onto a
 * few states, and the labels then show "returns" to a state whose level is new. This test looks at
 * the levels themselves.
 *
 * Visits are recurrence.ts's: runs of ≥ MIN_VISIT replies in one Viterbi state, neighbouring runs
 * in one state (split by a shorter run) one visit. A return is a visit to a state visited earlier
 * in the same conversation; it is compared with the most recent earlier visit to that state, on
 * the observations the HMM was fitted on (centred, prompt-conditioned dimensions), dimension by
 * dimension:
 *   z_rk = (m_jk − m_ik) / (s_k · √(1/n_i + 1/n_j)),
 * m the visits' means, n their sizes, s_k² the pooled spread of replies around their own run's
 * mean (runs of ≥ MIN_VISIT replies, ν = Σ (n − 1) degrees of freedom). Around the run, not the
 * state: a state standing for several fresh levels would otherwise count their spread as noise.
 * Statistic: T = Σ_r Σ_k z_rk² / (R·d), the mean squared standardised return distance (R returns,
 * d dimensions; dimensions are the HMM's, decorrelated by PCA, and treated as independent like the
 * HMM's diagonal covariances do).
 * Null ("faithful"): every return comes back to its earlier visit's level, up to a between-visit
 * noise variance at most FIDELITY_TOLERANCE times the within-run noise. Under that null T/c is at
 * most F(R·d, ν)-distributed (exactly F at c = 1 for Gaussian independent replies); p = P(F > T/c)
 * by Paulson's normal approximation to F. The tolerance c = 2 leaves room for what makes
 * between-visit noise larger than within-run noise under a true router (neighbouring replies that
 * still share a task, Viterbi trimming visit edges), so the many returns of a large pile do not
 * turn a small misfit into "unfaithful"; a fresh cascade level (in the bench SD 1.5 per dimension
 * against noise 1) gives E[z²] ≥ 1 + 4.5/(1/n_i + 1/n_j) ≥ 5.5, far beyond it.
 * Returns are unfaithful when p < α; no return → not testable. Cheap: one pass over the replies.
 * Chosen before the bench was run (docs/router.md, Known limits).
 */
import { errorFunction } from 'simple-statistics';
import { formatNumber, formatP } from './stats.ts';
import { MIN_VISIT } from './recurrence.ts';
import type { ReturnFidelityResult } from './types.ts';

/** Between-visit noise allowed, as a multiple of the within-run noise variance, before returns count as unfaithful. */
export const FIDELITY_TOLERANCE = 2;

interface Visit {
  state: number;
  n: number;
  sum: Float64Array;
}

interface ReturnPair {
  earlier: Visit;
  later: Visit;
}

/** Adds the run y[from..to) to the within-run sums of squares; returns its sum per dimension. */
function addRun(rows: readonly (readonly number[])[], from: number, to: number, ss: Float64Array): Float64Array {
  const d = ss.length;
  const sum = new Float64Array(d);
  for (let t = from; t < to; t++) for (let k = 0; k < d; k++) sum[k] += rows[t][k];
  const n = to - from;
  for (let t = from; t < to; t++)
    for (let k = 0; k < d; k++) {
      const e = rows[t][k] - sum[k] / n;
      ss[k] += e * e;
    }
  return sum;
}

/** P(F(m, n) > x) by Paulson's (Wilson–Hilferty) normal approximation. */
export function fUpperTail(x: number, m: number, n: number): number {
  if (!(x > 0)) return 1;
  const a = 2 / (9 * m);
  const b = 2 / (9 * n);
  const c = Math.cbrt(x);
  const z = ((1 - b) * c - (1 - a)) / Math.sqrt(a + b * c * c);
  return Math.min(1, Math.max(0, 0.5 * (1 - errorFunction(z / Math.SQRT2))));
}

/**
 * The test on every conversation's Viterbi path (`paths[c][t]`) and its observations (`seqs[c][t]`, d dimensions).
 * `alpha` only words the conclusion; the verdict reads `p`.
 */
export function returnFidelityTest(
  paths: readonly (readonly number[])[],
  seqs: readonly (readonly (readonly number[])[])[],
  alpha: number,
): ReturnFidelityResult {
  const d = seqs.find((q) => q.length > 0)?.[0]?.length ?? 0;
  const ss = new Float64Array(d);
  let noiseDf = 0;
  const pairs: ReturnPair[] = [];
  paths.forEach((path, c) => {
    const rows = seqs[c];
    const visits: Visit[] = [];
    let t = 0;
    while (t < path.length) {
      let end = t + 1;
      while (end < path.length && path[end] === path[t]) end++;
      if (end - t >= MIN_VISIT) {
        const sum = addRun(rows, t, end, ss);
        noiseDf += end - t - 1;
        const last = visits[visits.length - 1];
        if (last?.state === path[t]) {
          last.n += end - t;
          for (let k = 0; k < d; k++) last.sum[k] += sum[k];
        } else visits.push({ state: path[t], n: end - t, sum });
      }
      t = end;
    }
    const lastOf = new Map<number, Visit>();
    for (const v of visits) {
      const earlier = lastOf.get(v.state);
      if (earlier) pairs.push({ earlier, later: v });
      lastOf.set(v.state, v);
    }
  });
  const variance = Array.from(ss, (s) => (noiseDf > 0 ? s / noiseDf : 0));
  const top = Math.max(0, ...variance);
  const dims = variance.map((_, k) => k).filter((k) => variance[k] > 1e-12 * top && top > 0);
  const base = { returns: pairs.length, dimensions: dims.length, noiseDf, tolerance: FIDELITY_TOLERANCE };
  if (pairs.length === 0 || dims.length === 0 || noiseDf === 0)
    return {
      ...base,
      status: 'not-testable',
      meanDistance: null,
      p: null,
      conclusion: `Return fidelity not testable: ${pairs.length === 0 ? 'no persona comes back to a state visited earlier in the same conversation' : 'no spread within visits to scale the returns by'}.`,
    };
  let total = 0;
  for (const { earlier, later } of pairs) {
    const scale = 1 / earlier.n + 1 / later.n;
    for (const k of dims) {
      const diff = later.sum[k] / later.n - earlier.sum[k] / earlier.n;
      total += (diff * diff) / (variance[k] * scale);
    }
  }
  const df1 = pairs.length * dims.length;
  const meanDistance = total / df1;
  const p = fUpperTail(meanDistance / FIDELITY_TOLERANCE, df1, noiseDf);
  return {
    ...base,
    status: 'tested',
    meanDistance,
    p,
    conclusion:
      `Return fidelity: the ${pairs.length} return(s) sit ${formatNumber(meanDistance, 2)}× the within-visit noise (squared, per dimension) from the earlier visit to their state (≈ 1 when a persona comes back to the same level). ` +
      `Null hypothesis: each return comes back to its earlier level, with up to ${FIDELITY_TOLERANCE}× the within-visit noise variance between visits (F(${df1}, ${noiseDf}) reference): ${formatP(p)}` +
      (p < alpha
        ? ' — the returns land on new levels, which fresh segments labelled alike (cascades) give, not a persona coming back.'
        : ' — the returns come back to where they left.'),
  };
}
