/**
 * Per-conversation levels fitted jointly with the states (issue 17, `RouterOptions.jointOffsets`):
 * x_t = c_conv + μ_{s_t} + ε, c_conv a free d-vector per conversation. Subtracting each
 * conversation's mean takes c_conv = mean_t x_t, which in a conversation that switches persona
 * mixes the personas' levels; here c_conv is the level left once the states are accounted for.
 *
 * The model is invariant to adding a constant per conversation (c absorbs it), so it may be fed
 * centred or uncentred data alike. Conversations of one reply keep c = 0 (a free level would
 * explain the reply away), as centring leaves them alone. The level along which c and every μ_k
 * can trade (c − a, μ + a) is pinned by Σ_conv n_conv·(c_conv − x̄_conv) = 0: the offsets average
 * to the conversations' own means, so the state means sit where centred data would put them.
 * The offsets are not counted as parameters for BIC: centring's means are not either, and every
 * model compared has one level per conversation, so they cancel.
 */

/**
 * The conditional-maximisation step for one conversation's level (ECM), given the state means
 * and variances just updated and this E-step's posteriors: per dimension j,
 *   c_j = Σ_k Σ_t γ_tk (x_tj − μ_kj) / σ²_kj  /  Σ_k n_k / σ²_kj,
 * the mean of x_t − Σ_k γ_t(k) μ_k weighted by each state's precision (with equal variances
 * exactly that mean). Written as a change of the old level because the posteriors' sums were taken on
 * the shifted data z = x − c_old: Σ_t γ_tk x_tj = sumZ[k·d + j] + n_k·c_old_j.
 * `occupancy[k]` = Σ_t γ_tk, `sumZ[k·d + j]` = Σ_t γ_tk z_tj; `c` is updated in place.
 */
export function updateOffset(
  c: Float64Array,
  occupancy: Float64Array,
  sumZ: Float64Array,
  means: readonly (readonly number[])[],
  variances: readonly (readonly number[])[],
): void {
  const K = occupancy.length;
  const d = c.length;
  for (let j = 0; j < d; j++) {
    let num = 0;
    let den = 0;
    for (let k = 0; k < K; k++) {
      const v = variances[k][j];
      num += (sumZ[k * d + j] - occupancy[k] * means[k][j]) / v;
      den += occupancy[k] / v;
    }
    if (den > 0) c[j] += num / den;
  }
}

/**
 * Pins the level c and the state means can trade along: shifts every free offset by −a and
 * every state mean by +a (the likelihood is unchanged when every conversation's level is free)
 * so that Σ n·(c − x̄) = 0 over the free conversations. Skipped when some conversation's level is
 * fixed at 0: those already pin it, and the shift would change their fit.
 */
export function pinOffsets(
  offsets: readonly Float64Array[],
  convMeans: readonly Float64Array[],
  lengths: readonly number[],
  free: readonly boolean[],
  means: number[][],
): void {
  if (free.some((f) => !f) || offsets.length === 0) return;
  const d = offsets[0].length;
  let n = 0;
  for (const len of lengths) n += len;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < offsets.length; i++) s += lengths[i] * (offsets[i][j] - convMeans[i][j]);
    const a = s / n;
    for (const c of offsets) c[j] -= a;
    for (const m of means) m[j] += a;
  }
}

/** A conversation's mean reply (x packed row-major, x[t·d + j]). */
export function sequenceMean(x: Float64Array, d: number): Float64Array {
  const T = x.length / d;
  const m = new Float64Array(d);
  for (let t = 0; t < T; t++) for (let j = 0; j < d; j++) m[j] += x[t * d + j];
  for (let j = 0; j < d; j++) m[j] /= T;
  return m;
}

/** z = x − c, row by row, into `out`. */
export function shiftInto(out: Float64Array, x: Float64Array, c: ArrayLike<number>): void {
  const d = c.length;
  for (let i = 0; i < x.length; i++) out[i] = x[i] - c[i % d];
}

/** Every reply of a conversation minus its level (a new array of rows). */
export function shiftRows(seq: readonly (readonly number[])[], c: readonly number[] | undefined): number[][] {
  return seq.map((row) => (c ? row.map((v, j) => v - c[j]) : [...row]));
}
