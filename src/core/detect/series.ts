/**
 * Turns per-reply FeatureValues into a standardised, weighted matrix for the detectors.
 *
 * Why within-conversation: a detector must generalise to models it has never seen, so it may
 * not memorise what "gpt-4o" looks like. Each feature is centred on the conversation's median and
 * scaled by its reply-to-reply noise (median absolute first difference, which a few mean shifts
 * barely move), shrunk toward a prior scale so that a short or oddly quiet conversation does not
 * blow tiny differences up. Values are clipped so one extreme reply cannot dominate.
 */
import { median } from '../math/stats.ts';
import { probit } from 'simple-statistics';
import type { FeatureValues } from '../model/types.ts';

export interface SeriesOptions {
  /** Feature names (dimensions) and their weights. */
  weights: Readonly<Record<string, number>>;
  /** Typical reply-to-reply noise scale of each feature (prior), in feature units. */
  priorScale: Readonly<Record<string, number>>;
  /** Pseudo-count of the prior scale against the conversation's own estimate. */
  priorStrength: number;
  /** |z| is clipped to this. */
  clip: number;
  /**
   * 'robust-z': (x − median) / noise scale. 'rank': normal scores of within-conversation ranks
   * (distribution-free: on a single-source conversation the null behaviour no longer depends on
   * the model's own spread, which is what lets a penalty tuned on some models carry to others).
   */
  transform?: 'robust-z' | 'rank';
}

export interface StandardSeries {
  dims: string[];
  /** rows = replies, columns = dims; weighted, clipped z-scores. */
  matrix: number[][];
  center: number[];
  scale: number[];
}

/** Reply-to-reply noise scale: median |Δx| / (0.6745·√2), robust to a few level shifts. */
export function diffScale(xs: readonly number[]): number {
  if (xs.length < 3) return 0;
  const d = new Float64Array(xs.length - 1);
  for (let i = 1; i < xs.length; i++) d[i - 1] = Math.abs(xs[i] - xs[i - 1]);
  return median(d) / (0.6745 * Math.SQRT2);
}

export function standardise(values: readonly FeatureValues[], o: SeriesOptions): StandardSeries {
  const dims = Object.keys(o.weights);
  const n = values.length;
  const matrix: number[][] = Array.from({ length: n }, () => new Array<number>(dims.length).fill(0));
  const center: number[] = [];
  const scale: number[] = [];
  dims.forEach((f, k) => {
    const raw = values.map((v) => v[f]);
    const present = raw.filter((x): x is number => x !== null && x !== undefined);
    const c = present.length ? median(present) : 0;
    const xs = raw.map((x) => x ?? c);
    const prior = o.priorScale[f] ?? 1;
    const own = diffScale(xs);
    const m = Math.max(0, xs.length - 1);
    const s = Math.sqrt((o.priorStrength * prior * prior + m * own * own) / (o.priorStrength + m)) || prior;
    center.push(c);
    scale.push(s);
    const w = o.weights[f];
    if (o.transform === 'rank') {
      const scores = normalScores(xs);
      for (let t = 0; t < n; t++) matrix[t][k] = w * scores[t];
      return;
    }
    for (let t = 0; t < n; t++) {
      const z = (xs[t] - c) / s;
      matrix[t][k] = w * Math.max(-o.clip, Math.min(o.clip, z));
    }
  });
  return { dims, matrix, center, scale };
}

/** Two series of the same replies side by side: a's dimensions, then b's. */
export function joinSeries(a: StandardSeries, b: StandardSeries): StandardSeries {
  return {
    dims: [...a.dims, ...b.dims],
    matrix: a.matrix.map((row, t) => row.concat(b.matrix[t])),
    center: [...a.center, ...b.center],
    scale: [...a.scale, ...b.scale],
  };
}

/** Normal scores probit((rank − 0.5) / n), ties sharing their mean rank. */
export function normalScores(xs: readonly number[]): number[] {
  const n = xs.length;
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    const z = n > 1 && j - i + 1 < n ? probit((rank - 0.5) / n) : 0;
    for (let k = i; k <= j; k++) out[order[k][1]] = z;
    i = j + 1;
  }
  return out;
}
