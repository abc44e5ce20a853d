/** Starting parameters for Baum–Welch (hmm-fit.ts), one seeded restart at a time. */
import type { HmmParams } from './hmm.ts';
import type { Rng } from './random.ts';

/**
 * k-means++ seeding plus a few Lloyd steps; sticky transitions; per-state variances. Plain loops
 * that add in the same order as the reduce/filter form they replaced (identical numbers).
 */
export function initialParams(seqs: readonly Float64Array[], d: number, k: number, rng: Rng, floor: number, independent: boolean): HmmParams {
  // pts[i * d + j]: every reply of every sequence, in order.
  let n = 0;
  for (const s of seqs) n += s.length / d;
  const pts = new Float64Array(n * d);
  let at = 0;
  for (const s of seqs) {
    pts.set(s, at);
    at += s.length;
  }
  const point = (i: number) => Array.from(pts.subarray(i * d, i * d + d));
  const dist2 = (i: number, c: readonly number[]) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (pts[i * d + j] - c[j]) ** 2;
    return s;
  };
  const centers: number[][] = [point(rng.int(n))];
  const dd = new Float64Array(n);
  while (centers.length < k) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let m = Infinity;
      for (const c of centers) m = Math.min(m, dist2(i, c));
      dd[i] = m;
      total += m;
    }
    let u = rng.next() * total;
    let idx = 0;
    while (idx < n - 1 && u > dd[idx]) u -= dd[idx++];
    centers.push(point(idx));
  }
  const assign = new Int32Array(n);
  const sums = Array.from({ length: k }, () => new Float64Array(d));
  const counts = new Int32Array(k);
  for (let it = 0; it < 10; it++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = dist2(i, centers[0]);
      for (let c = 1; c < k; c++) {
        const dc = dist2(i, centers[c]);
        if (dc < bestD) {
          best = c;
          bestD = dc;
        }
      }
      assign[i] = best;
    }
    for (const row of sums) row.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const row = sums[assign[i]];
      for (let j = 0; j < d; j++) row[j] += pts[i * d + j];
      counts[assign[i]]++;
    }
    for (let c = 0; c < k; c++) if (counts[c]) for (let j = 0; j < d; j++) centers[c][j] = sums[c][j] / counts[c];
  }
  const globalVar = Array.from({ length: d }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += pts[i * d + j];
    const m = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (pts[i * d + j] - m) ** 2;
    return Math.max(floor, ss / n);
  });
  // Final assignment's squared deviations from the final centres, per state and dimension.
  const dev = Array.from({ length: k }, () => new Float64Array(d));
  for (let i = 0; i < n; i++) {
    const c = centers[assign[i]];
    const row = dev[assign[i]];
    for (let j = 0; j < d; j++) row[j] += (pts[i * d + j] - c[j]) ** 2;
  }
  const variances = centers.map((c, ci) => (counts[ci] < 2 ? [...globalVar] : c.map((_, j) => Math.max(floor, dev[ci][j] / counts[ci]))));
  const stay = k === 1 ? 1 : independent ? 1 / k : 0.9;
  return {
    k,
    logPi: new Array<number>(k).fill(-Math.log(k)),
    logA: Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => Math.log(i === j ? stay : (1 - stay) / (k - 1)))),
    means: centers,
    variances,
  };
}
