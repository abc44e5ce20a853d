/** Softmax (multinomial logistic) regression on sparse rows: full-batch gradient descent with L2. Bench-only. */

export interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

export interface SoftmaxModel {
  /** One weight vector per class; the last entry is the bias. */
  weights: Float64Array[];
  dims: number;
}

export interface TrainOptions {
  iterations?: number;
  rate?: number;
  l2?: number;
}

/** Inputs should be on a unit scale (normalised vectors, z-scores): the step size assumes it. */
export function trainSoftmax(rows: readonly SparseRow[], labels: readonly number[], classes: number, dims: number, o: TrainOptions = {}): SoftmaxModel {
  const { iterations = 300, rate = 2, l2 = 1e-4 } = o;
  const model: SoftmaxModel = { weights: Array.from({ length: classes }, () => new Float64Array(dims + 1)), dims };
  const p = new Float64Array(classes);
  for (let it = 0; it < iterations; it++) {
    const grad = Array.from({ length: classes }, () => new Float64Array(dims + 1));
    rows.forEach((r, j) => {
      probabilities(model, r, p);
      for (let c = 0; c < classes; c++) {
        const e = p[c] - (labels[j] === c ? 1 : 0);
        const g = grad[c];
        for (let q = 0; q < r.idx.length; q++) g[r.idx[q]] += e * r.val[q];
        g[dims] += e;
      }
    });
    for (let c = 0; c < classes; c++) {
      const w = model.weights[c];
      for (let k = 0; k <= dims; k++) w[k] -= rate * (grad[c][k] / rows.length + (k < dims ? l2 * w[k] : 0));
    }
  }
  return model;
}

/** Class probabilities of one row, written into `out`. */
export function probabilities(model: SoftmaxModel, r: SparseRow, out: Float64Array): Float64Array {
  const { weights, dims } = model;
  let max = -Infinity;
  for (let c = 0; c < weights.length; c++) {
    let s = weights[c][dims];
    for (let q = 0; q < r.idx.length; q++) s += weights[c][r.idx[q]] * r.val[q];
    out[c] = s;
    if (s > max) max = s;
  }
  let z = 0;
  for (let c = 0; c < weights.length; c++) z += out[c] = Math.exp(out[c] - max);
  for (let c = 0; c < weights.length; c++) out[c] /= z;
  return out;
}

/** A dense vector as a sparse row. */
export const denseRow = (xs: readonly number[]): SparseRow => ({ idx: Int32Array.from(xs.keys()), val: Float64Array.from(xs) });
