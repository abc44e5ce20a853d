/**
 * Baselines printed beside the detector: zero (never a switch) and a naive style window
 * (distance between the mean standardised style of the 3 replies before and the 3 from t on,
 * switch where it is a local peak above a threshold tuned on DEV).
 */
export function zeroBaseline(): number[] {
  return [];
}

export function styleWindowScores(matrix: readonly (readonly number[])[], window = 3): number[] {
  const n = matrix.length;
  const d = n ? matrix[0].length : 0;
  const out = new Array<number>(n).fill(0);
  for (let t = 1; t < n; t++) {
    const a = matrix.slice(Math.max(0, t - window), t);
    const b = matrix.slice(t, Math.min(n, t + window));
    let s = 0;
    for (let k = 0; k < d; k++) {
      const ma = a.reduce((x, r) => x + r[k], 0) / a.length;
      const mb = b.reduce((x, r) => x + r[k], 0) / b.length;
      s += (ma - mb) ** 2;
    }
    out[t] = Math.sqrt(s / Math.max(1, d));
  }
  return out;
}

export function styleWindowBaseline(matrix: readonly (readonly number[])[], threshold: number): number[] {
  const s = styleWindowScores(matrix);
  const cps: number[] = [];
  for (let t = 1; t < s.length; t++) if (s[t] > threshold && s[t] >= (s[t - 1] ?? 0) && s[t] >= (s[t + 1] ?? 0)) cps.push(t);
  return cps;
}
