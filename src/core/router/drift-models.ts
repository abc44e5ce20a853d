/**
 * The non-router explanations, each fitted jointly across conversations by maximum likelihood
 * on the decorrelated dimensions (treated as independent, like the HMM's diagonal covariance):
 *
 * - constant: one persona + noise (shared mean and variance);
 * - linear trend: drift with turn index, same slope for every conversation (Li et al.-style decay);
 * - random walk: local-level model (Kalman filter), level starts near a shared value and
 *   wanders; with q ≈ 0 it also covers "each conversation sits at its own constant level";
 * - piecewise constant: exact optimal partitioning (the answer PELT finds) per conversation,
 *   with switches but no notion of returning to an earlier persona.
 */
export type Seqs = readonly (readonly (readonly number[])[])[];

export interface DriftFit {
  logLik: number;
  params: number;
  detail: string;
}

const LOG2PI = Math.log(2 * Math.PI);

function dims(seqs: Seqs): number {
  return seqs.find((s) => s.length)?.[0].length ?? 0;
}

function count(seqs: Seqs): number {
  return seqs.reduce((s, q) => s + q.length, 0);
}

/** Gaussian log-likelihood at the ML variance: −n/2·(ln 2πσ̂² + 1). */
function gaussLogLik(rss: number, n: number): number {
  const v = Math.max(rss / n, 1e-8);
  return -0.5 * n * (LOG2PI + Math.log(v) + 1);
}

export function fitConstant(seqs: Seqs): DriftFit {
  const d = dims(seqs);
  const n = count(seqs);
  let logLik = 0;
  for (let j = 0; j < d; j++) {
    const xs = seqs.flatMap((s) => s.map((x) => x[j]));
    const m = xs.reduce((a, b) => a + b, 0) / n;
    logLik += gaussLogLik(
      xs.reduce((a, x) => a + (x - m) ** 2, 0),
      n,
    );
  }
  return { logLik, params: 2 * d, detail: 'one mean and one variance per dimension' };
}

export function fitLinearTrend(seqs: Seqs): DriftFit {
  const d = dims(seqs);
  const n = count(seqs);
  const ts = seqs.flatMap((s) => s.map((_, t) => t));
  const tm = ts.reduce((a, b) => a + b, 0) / n;
  const stt = ts.reduce((a, t) => a + (t - tm) ** 2, 0);
  let logLik = 0;
  const slopes: number[] = [];
  for (let j = 0; j < d; j++) {
    const xs = seqs.flatMap((s) => s.map((x) => x[j]));
    const xm = xs.reduce((a, b) => a + b, 0) / n;
    const b = stt > 0 ? xs.reduce((a, x, i) => a + (x - xm) * (ts[i] - tm), 0) / stt : 0;
    const a0 = xm - b * tm;
    slopes.push(b);
    logLik += gaussLogLik(
      xs.reduce((acc, x, i) => acc + (x - a0 - b * ts[i]) ** 2, 0),
      n,
    );
  }
  const steepest = Math.max(...slopes.map(Math.abs));
  return { logLik, params: 3 * d, detail: `largest slope ${steepest.toFixed(3)} per reply (in component units)` };
}

const Q_GRID = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const P0_GRID = [0, 0.1, 0.3, 1, 3, 10];

/**
 * Local-level model y_t = μ_t + ε, μ_{t+1} = μ_t + η, per dimension, Var η / Var ε = q,
 * initial level ~ N(μ0, p0·Var ε). Var ε is concentrated out; q, p0 by grid search; μ0 from
 * the conversations' first replies or the overall mean, whichever fits better.
 */
export function fitRandomWalk(seqs: Seqs): DriftFit {
  const d = dims(seqs);
  const n = count(seqs);
  let logLik = 0;
  const qs: number[] = [];
  for (let j = 0; j < d; j++) {
    const series = seqs.filter((s) => s.length).map((s) => s.map((x) => x[j]));
    const firsts = series.map((s) => s[0]);
    const mu0s = [firsts.reduce((a, b) => a + b, 0) / firsts.length, series.flat().reduce((a, b) => a + b, 0) / n];
    let best = { ll: -Infinity, q: 0 };
    for (const mu0 of mu0s)
      for (const q of Q_GRID)
        for (const p0 of P0_GRID) {
          const ll = localLevelLogLik(series, mu0, q, p0);
          if (ll > best.ll) best = { ll, q };
        }
    logLik += best.ll;
    qs.push(best.q);
  }
  return {
    logLik,
    params: 4 * d,
    detail: `level noise / observation noise ratio q per dimension: ${qs.map((q) => q.toString()).join(', ')}`,
  };
}

/** Concentrated log-likelihood of the local-level model over several independent series. */
export function localLevelLogLik(series: readonly (readonly number[])[], mu0: number, q: number, p0: number): number {
  let sumLogF = 0;
  let sumV2F = 0;
  let n = 0;
  for (const ys of series) {
    let a = mu0;
    let p = p0;
    for (const y of ys) {
      const f = p + 1;
      const v = y - a;
      sumLogF += Math.log(f);
      sumV2F += (v * v) / f;
      n++;
      const gain = p / f;
      a += gain * v;
      p = p * (1 - gain) + q;
    }
  }
  const s2 = Math.max(sumV2F / n, 1e-8);
  return -0.5 * (n * LOG2PI + sumLogF + n * Math.log(s2) + n);
}

export interface Segmentation {
  /** Start index of every segment after the first, per conversation. */
  changePoints: number[][];
  logLik: number;
  params: number;
  /** Noise variance per dimension and the per-segment penalty the partition was found with. */
  variances: number[];
  penalty: number;
}

/**
 * Piecewise-constant means with a shared per-dimension variance. Exact optimal partitioning with
 * the BIC penalty for one extra segment ((d + 1)·ln n); σ² re-estimated from the residuals twice.
 */
export function fitPiecewiseConstant(seqs: Seqs, minSize = 2): DriftFit & { segmentation: Segmentation } {
  const d = dims(seqs);
  const n = count(seqs);
  const penalty = (d + 1) * Math.log(Math.max(n, 2));
  let variances = initialNoiseVariance(seqs, d);
  let cps: number[][] = [];
  for (let round = 0; round < 3; round++) {
    cps = seqs.map((s) => optimalPartition(s, variances, penalty, minSize));
    variances = residualVariance(seqs, cps, d, n);
  }
  const segments = cps.reduce((a, c) => a + c.length + 1, 0);
  const changes = cps.reduce((a, c) => a + c.length, 0);
  const logLik = variances.reduce((acc, v) => acc - 0.5 * n * (LOG2PI + Math.log(v) + 1), 0);
  const params = d + segments * d + changes;
  return {
    logLik,
    params,
    detail: `${changes} change point(s) in ${seqs.length} conversation(s)`,
    segmentation: { changePoints: cps, logLik, params, variances, penalty },
  };
}

/** Robust within-segment noise guess from first differences: Var(Δx)/2 (jumps are rare). */
function initialNoiseVariance(seqs: Seqs, d: number): number[] {
  return Array.from({ length: d }, (_, j) => {
    const diffs = seqs.flatMap((s) => s.slice(1).map((x, t) => Math.abs(x[j] - s[t][j]))).sort((a, b) => a - b);
    if (diffs.length === 0) return 1;
    const mad = diffs[Math.floor(diffs.length / 2)] / 0.6745; // median |Δ| → σ_Δ
    return Math.max((mad * mad) / 2, 1e-4);
  });
}

function residualVariance(seqs: Seqs, cps: number[][], d: number, n: number): number[] {
  const rss = new Array<number>(d).fill(0);
  seqs.forEach((s, c) => {
    const bounds = [0, ...cps[c], s.length];
    for (let b = 0; b < bounds.length - 1; b++) {
      const seg = s.slice(bounds[b], bounds[b + 1]);
      for (let j = 0; j < d; j++) {
        const m = seg.reduce((a, x) => a + x[j], 0) / seg.length;
        rss[j] += seg.reduce((a, x) => a + (x[j] - m) ** 2, 0);
      }
    }
  });
  return rss.map((r) => Math.max(r / n, 1e-4));
}

/** Exact optimal partitioning of one sequence under a normal (known-variance) cost. */
export function optimalPartition(seq: readonly (readonly number[])[], variances: readonly number[], penalty: number, minSize: number): number[] {
  return partition(seq, variances, penalty, minSize).changePoints;
}

/**
 * The optimal partition's penalised cost: Σ over segments of the standardised residual sum of
 * squares, plus `penalty` per change point (−2·log-likelihood up to a constant, plus penalty).
 */
export function optimalPartitionCost(seq: readonly (readonly number[])[], variances: readonly number[], penalty: number, minSize: number): number {
  return partition(seq, variances, penalty, minSize).cost;
}

function partition(
  seq: readonly (readonly number[])[],
  variances: readonly number[],
  penalty: number,
  minSize: number,
): { changePoints: number[]; cost: number } {
  const T = seq.length;
  const d = variances.length;
  // Prefix sums of x/σ and x²/σ² make each segment cost O(d).
  const s1 = Array.from({ length: T + 1 }, () => new Array<number>(d).fill(0));
  const s2 = Array.from({ length: T + 1 }, () => new Array<number>(d).fill(0));
  for (let t = 0; t < T; t++)
    for (let j = 0; j < d; j++) {
      const z = seq[t][j] / Math.sqrt(variances[j]);
      s1[t + 1][j] = s1[t][j] + z;
      s2[t + 1][j] = s2[t][j] + z * z;
    }
  const cost = (a: number, b: number): number => {
    let c = 0;
    for (let j = 0; j < d; j++) {
      const m1 = s1[b][j] - s1[a][j];
      c += s2[b][j] - s2[a][j] - (m1 * m1) / (b - a);
    }
    return c;
  };
  if (T < 2 * minSize) return { changePoints: [], cost: T > 0 ? cost(0, T) : 0 };
  const F = new Array<number>(T + 1).fill(Infinity);
  const last = new Array<number>(T + 1).fill(0);
  F[0] = -penalty;
  for (let t = minSize; t <= T; t++)
    for (let s = 0; s <= t - minSize; s++) {
      if (s !== 0 && s < minSize) continue;
      const v = F[s] + cost(s, t) + penalty;
      if (v < F[t]) {
        F[t] = v;
        last[t] = s;
      }
    }
  const cps: number[] = [];
  for (let t = T; last[t] > 0; t = last[t]) cps.unshift(last[t]);
  return { changePoints: cps, cost: F[T] };
}
