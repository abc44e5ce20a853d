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
  const S = new Float64Array((n + 1) * (n + 1));
  const D = new Float64Array(n + 1);
  const w = n + 1;
  for (let i = 0; i < n; i++) {
    const vi = vectors[i];
    for (let j = 0; j < n; j++) {
      let k = 0;
      if (j >= i) {
        const vj = vectors[j];
        for (let q = 0; q < vi.length; q++) k += vi[q] * vj[q];
      } else {
        k = S[(j + 1) * w + i + 1] - S[j * w + i + 1] - S[(j + 1) * w + i] + S[j * w + i];
      }
      S[(i + 1) * w + j + 1] = k + S[i * w + j + 1] + S[(i + 1) * w + j] - S[i * w + j];
      if (i === j) D[i + 1] = D[i] + k;
    }
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
