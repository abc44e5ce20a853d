/**
 * Feature vectors → a few decorrelated dimensions for modelling.
 *
 * Features are robust-z-scored (median / MAD) so one heavy-tailed feature cannot dominate, then
 * projected on their principal components: the HMM and the drift models use diagonal
 * covariances, which are only honest on (roughly) uncorrelated dimensions. State descriptions
 * go back to the z-scores of the named features, not the components.
 */
import { medianInPlace } from '../math/select.ts';
import type { FeatureValues } from '../model/types.ts';

export interface Embedding {
  /** Feature names kept (enough non-null values and some spread). */
  names: string[];
  /** z[i][f]: robust z-score of feature f for reply i (nulls → 0, clipped to ±6). */
  z: number[][];
  /** y[i][c]: projection on the c-th principal component. */
  y: number[][];
  /** Share of total z-variance kept by the modelled components. */
  varianceKept: number;
}

const Z_CLIP = 6;

export function embed(rows: readonly FeatureValues[], maxDims: number, varianceTarget = 0.8): Embedding {
  const columns = keptFeatures(rows);
  const names = columns.map((c) => c.name);
  const z = rows.map(() => new Array<number>(names.length).fill(0));
  columns.forEach(({ name, values }, f) => {
    const { center, scale } = robustScale(values);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][name];
      z[i][f] = typeof v === 'number' && Number.isFinite(v) ? clip((v - center) / scale) : 0;
    }
  });
  if (names.length === 0) return { names, z, y: rows.map(() => []), varianceKept: 0 };
  const { values, vectors } = jacobiEigen(covariance(z));
  const order = values.map((v, i) => i).sort((a, b) => values[b] - values[a]);
  const total = values.reduce((a, b) => a + Math.max(b, 0), 0) || 1;
  const keep: number[] = [];
  let kept = 0;
  for (const c of order) {
    if (keep.length >= maxDims || (keep.length > 0 && kept / total >= varianceTarget)) break;
    if (values[c] <= 1e-9 * total) break;
    keep.push(c);
    kept += values[c];
  }
  const y = z.map((row) =>
    keep.map((c) => {
      let s = 0;
      for (let f = 0; f < row.length; f++) s += row[f] * vectors[f][c];
      return s;
    }),
  );
  return { names, z, y, varianceKept: kept / total };
}

/** Features with enough finite values and some spread, sorted by name, with their finite values. */
function keptFeatures(rows: readonly FeatureValues[]): { name: string; values: number[] }[] {
  const seen = new Set<string>();
  // for…in, not Object.keys: no array per row (feature rows are plain objects, no inherited keys).
  for (const r of rows) for (const k in r) seen.add(k);
  const out: { name: string; values: number[] }[] = [];
  for (const name of [...seen].sort()) {
    const values: number[] = [];
    let min = Infinity;
    let max = -Infinity;
    for (const r of rows) {
      const v = r[name];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      values.push(v);
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (values.length < Math.max(3, rows.length / 2)) continue;
    if (max - min > 1e-12) out.push({ name, values });
  }
  return out;
}

/** Median and MAD (×1.4826); falls back to the standard deviation when the MAD is 0. */
export function robustScale(vals: readonly number[]): { center: number; scale: number } {
  const med = medianInPlace(Float64Array.from(vals));
  const dev = new Float64Array(vals.length);
  for (let i = 0; i < vals.length; i++) dev[i] = Math.abs(vals[i] - med);
  const mad = medianInPlace(dev) * 1.4826;
  if (mad > 1e-12) return { center: med, scale: mad };
  const m = vals.reduce((a, b) => a + b, 0) / vals.length;
  const sd = Math.sqrt(vals.reduce((a, v) => a + (v - m) ** 2, 0) / Math.max(vals.length - 1, 1));
  return { center: m, scale: sd > 1e-12 ? sd : 1 };
}

function clip(v: number): number {
  return Math.max(-Z_CLIP, Math.min(Z_CLIP, v));
}

function covariance(x: readonly number[][]): number[][] {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const mu = new Array<number>(d).fill(0);
  for (const row of x) row.forEach((v, j) => (mu[j] += v / n));
  const c = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of x) for (let a = 0; a < d; a++) for (let b = a; b < d; b++) c[a][b] += ((row[a] - mu[a]) * (row[b] - mu[b])) / Math.max(n - 1, 1);
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) c[a][b] = c[b][a];
  return c;
}

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations; vectors are columns. */
export function jacobiEigen(matrix: readonly number[][]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
  }
  return { values: a.map((r, i) => r[i]), vectors: v };
}
