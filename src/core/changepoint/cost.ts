/** Segment costs for the search methods. A cost is c(a, b) over rows a..b−1 of a series. */

export interface SegmentCost {
  readonly n: number;
  cost(a: number, b: number): number;
}

/**
 * L2 (mean-shift) cost over a d-dimensional series: sum over dimensions of the within-segment
 * sum of squared deviations, in O(d) per query from cumulative sums.
 */
export function l2Cost(series: readonly (readonly number[])[]): SegmentCost {
  const n = series.length;
  const d = n ? series[0].length : 0;
  const s1 = new Float64Array((n + 1) * d);
  const s2 = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    let sq = 0;
    for (let k = 0; k < d; k++) {
      const x = series[t][k];
      s1[(t + 1) * d + k] = s1[t * d + k] + x;
      sq += x * x;
    }
    s2[t + 1] = s2[t] + sq;
  }
  return {
    n,
    cost(a, b) {
      const len = b - a;
      if (len <= 0) return 0;
      let c = s2[b] - s2[a];
      for (let k = 0; k < d; k++) {
        const m = s1[b * d + k] - s1[a * d + k];
        c -= (m * m) / len;
      }
      return Math.max(0, c);
    },
  };
}

/** Cost reduction from splitting [a, b) at t: how much a change at t explains. */
export function splitGain(c: SegmentCost, a: number, t: number, b: number): number {
  return c.cost(a, b) - c.cost(a, t) - c.cost(t, b);
}

/**
 * Linear-kernel cost from a Gram matrix (K[i][j] = <x_i, x_j>), equal to the L2 cost of the
 * underlying vectors but O(1) per query from 2-D prefix sums: cheap for high-dimensional
 * profiles, where the plain L2 cost would be O(d) per query.
 */
export function gramCost(vectors: readonly Float64Array[]): SegmentCost {
  const n = vectors.length;
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const vi = vectors[i];
    for (let j = i; j < n; j++) {
      const vj = vectors[j];
      let k = 0;
      for (let q = 0; q < vi.length; q++) k += vi[q] * vj[q];
      K[i * n + j] = k;
      K[j * n + i] = k;
    }
  }
  return kernelCost(K, n);
}

/** Weighted sum of costs over the same series length. */
export function sumCost(parts: readonly { cost: SegmentCost; weight: number }[]): SegmentCost {
  const used = parts.filter((p) => p.weight !== 0);
  return {
    n: parts[0].cost.n,
    cost(a, b) {
      let c = 0;
      for (const p of used) c += p.weight * p.cost.cost(a, b);
      return c;
    },
  };
}

/**
 * Kernel change-point cost (Arlot, Celisse & Harchaoui 2019) from a precomputed Gram matrix
 * K (row-major n×n): c(a, b) = Σ_{i∈[a,b)} K_ii − (1/(b−a)) Σ_{i,j∈[a,b)} K_ij, O(1) per query
 * from a 2-D prefix sum. With a linear kernel on unit vectors this is the spread of the segment's
 * vectors around their mean direction.
 */
export function kernelCost(K: Float64Array, n: number): SegmentCost {
  const w = n + 1;
  const S = new Float64Array(w * w);
  const D = new Float64Array(w);
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) {
      row += K[i * n + j];
      S[(i + 1) * w + j + 1] = S[i * w + j + 1] + row;
    }
    D[i + 1] = D[i] + K[i * n + i];
  }
  return {
    n,
    cost(a, b) {
      const len = b - a;
      if (len <= 0) return 0;
      const block = S[b * w + b] - S[a * w + b] - S[b * w + a] + S[a * w + a];
      return Math.max(0, D[b] - D[a] - block / len);
    },
  };
}

/** Gaussian kernel from a cosine Gram of unit vectors: exp(−‖x−y‖² / (2h²)), ‖x−y‖² = 2 − 2cos. */
export function rbfFromCosine(K: Float64Array, n: number, bandwidth: number): Float64Array {
  const out = new Float64Array(n * n);
  const g = 1 / (2 * bandwidth * bandwidth);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = Math.exp(-Math.max(0, K[i * n + i] + K[j * n + j] - 2 * K[i * n + j]) * g);
  return out;
}
