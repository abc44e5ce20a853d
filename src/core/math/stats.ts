/**
 * The small statistics every analysis shares (router, route analysis, detector series): one
 * implementation each, pure, documented with what it computes. simple-statistics' versions throw
 * on empty input; these answer NaN (or null, 0) where the analyses need to go on.
 */

/** log(Σ exp(v)), stable for large negative values. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Median of a copy sorted as a typed array: a numeric sort without a comparator callback (far
 * faster than Array#sort with one), the same result for finite values; NaN for no values.
 */
export function median(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  const s = new Float64Array(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Pearson correlation; null when either side has no variance. */
export function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/**
 * Holm's step-down adjusted p-values (Holm 1979): sort ascending, multiply the i-th smallest by
 * (m − i), keep the running maximum, cap at 1. Nulls stay null and do not count towards m.
 */
export function holm(ps: readonly (number | null)[]): (number | null)[] {
  const idx = ps.map((p, i) => [p, i] as const).filter((e): e is readonly [number, number] => e[0] !== null);
  idx.sort((a, b) => a[0] - b[0]);
  const m = idx.length;
  const out: (number | null)[] = ps.map(() => null);
  let running = 0;
  idx.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

/** Permutation p-value with the +1 correction: (1 + #{T* ≥ T}) / (1 + B). */
export function permutationP(observed: number, nullStats: readonly number[]): number {
  let ge = 0;
  for (const t of nullStats) if (t >= observed - 1e-12) ge++;
  return (1 + ge) / (1 + nullStats.length);
}

/** The q-quantile of sorted values, interpolated linearly between neighbours (R type 7); 0 for no values. */
export function quantileSorted(s: ArrayLike<number>, q: number): number {
  if (s.length === 0) return 0;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
