/** Small numeric helpers shared by the router analyses. Each is pure and documented. */
import type { EvidenceStrength } from './types.ts';

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

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
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

/** BIC = −2·logLik + params·ln(n). */
export function bic(logLik: number, params: number, n: number): number {
  return -2 * logLik + params * Math.log(Math.max(n, 2));
}

/** Normalised exp(−ΔBIC/2): approximate posterior weights of competing models. */
export function bicWeights(bics: readonly number[]): number[] {
  const best = Math.min(...bics);
  const raw = bics.map((b) => Math.exp(-(b - best) / 2));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / total);
}

/** Kass & Raftery's reading of a BIC difference. */
export function evidenceStrength(deltaBic: number): EvidenceStrength {
  if (deltaBic < 2) return deltaBic > 0 ? 'weak' : 'none';
  if (deltaBic < 6) return 'positive';
  if (deltaBic <= 10) return 'strong';
  return 'very strong';
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

export function formatNumber(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(digits);
}

export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
