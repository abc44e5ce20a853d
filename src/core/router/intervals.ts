/**
 * 95% intervals for the report's one-number evidence: Wilson for a share, Greenland–Robins for
 * a Mantel–Haenszel risk ratio, and a percentile bootstrap over conversations for anything else.
 * Pure and seeded.
 */
import type { Rng } from './random.ts';

export interface Interval {
  value: number;
  low: number;
  high: number;
}

const Z95 = 1.959963984540054;

/** Wilson score interval for k successes in n trials; null when n = 0. */
export function wilson(k: number, n: number): Interval | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Mantel–Haenszel risk ratio over 2×2 strata [a, b, c, d] = [exposed & event, exposed & none,
 * unexposed & event, unexposed & none], with the Greenland–Robins (1985) variance of its log.
 * null when the ratio is undefined (no exposed or no unexposed events at all).
 */
export function riskRatioInterval(cells: readonly (readonly number[])[]): Interval | null {
  let r = 0;
  let s = 0;
  let v = 0;
  for (const [a, b, c, d] of cells) {
    const n = a + b + c + d;
    if (n === 0) continue;
    const n1 = a + b;
    const n0 = c + d;
    r += (a * n0) / n;
    s += (c * n1) / n;
    v += (n1 * n0 * (a + c) - a * c * n) / (n * n);
  }
  if (r === 0 || s === 0) return null;
  const rr = r / s;
  const se = Math.sqrt(Math.max(v, 0) / (r * s));
  return { value: rr, low: rr * Math.exp(-Z95 * se), high: rr * Math.exp(Z95 * se) };
}

/**
 * Percentile bootstrap over units (conversations): `stat` gets the resampled unit indices and
 * returns a number or null (undefined on that resample, skipped). Interval from the 2.5% and
 * 97.5% quantiles; null when fewer than half the resamples give a value.
 */
export function bootstrapInterval(units: number, stat: (indices: readonly number[]) => number | null, resamples: number, rng: Rng): Interval | null {
  const all = Array.from({ length: units }, (_, i) => i);
  const value = stat(all);
  if (value === null || units === 0) return null;
  const draws: number[] = [];
  const idx = new Array<number>(units);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < units; i++) idx[i] = rng.int(units);
    const v = stat(idx);
    if (v !== null && Number.isFinite(v)) draws.push(v);
  }
  if (draws.length < resamples / 2) return null;
  draws.sort((x, y) => x - y);
  const q = (p: number) => draws[Math.min(draws.length - 1, Math.max(0, Math.round(p * (draws.length - 1))))];
  return { value, low: q(0.025), high: q(0.975) };
}
