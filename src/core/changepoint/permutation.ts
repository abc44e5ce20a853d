/**
 * A within-conversation permutation test for each detected switch, used to drop weak ones.
 *
 * Why: the penalty is one number for every conversation, but how much a generator's replies
 * wander on their own differs between generators, and unseen generators wander more than the
 * development ones the penalty was tuned on (they produced most of the false switches). The test
 * asks the conversation itself: shuffle the replies of the two segments around a switch and find
 * the best split of each shuffled order; if shuffled orders often explain as much as the
 * observed split, the "switch" is what this conversation's own noise does anyway.
 *
 * p = (1 + #{shuffles whose best split gain ≥ the observed gain at t}) / (1 + shuffles): the
 * maximum over split points in each shuffle accounts for the search having picked the best t.
 * Deterministic: the shuffles come from a PRNG seeded by the window, so the same conversation
 * always gets the same answer.
 */
import { mulberry32 } from '../math/random.ts';

export interface GateOptions {
  /** Switches with p above this are dropped; ≥ 1 turns the gate off. */
  maxPValue: number;
  permutations: number;
  /** Smallest segment on either side of a split (as in the segmenter). */
  minSize: number;
}

/**
 * Best split gain of the window's rows taken in `order` (rows flat, d values each). The L2 gain
 * of a split at s is Σ_k (L_k²/s + R_k²/(n−s) − T_k²/n) with L, R, T the left, right and total
 * sums: one running pass, no allocation.
 */
export function bestSplitGain(
  rows: Float64Array,
  d: number,
  order: Int32Array,
  total: Float64Array,
  totalTerm: number,
  minSize: number,
  left: Float64Array,
): number {
  const n = order.length;
  left.fill(0);
  let best = 0;
  for (let s = 1; s <= n - minSize; s++) {
    const base = order[s - 1] * d;
    for (let k = 0; k < d; k++) left[k] += rows[base + k];
    if (s < minSize) continue;
    let gain = -totalTerm;
    for (let k = 0; k < d; k++) {
      const l = left[k],
        r = total[k] - l;
      gain += (l * l) / s + (r * r) / (n - s);
    }
    if (gain > best) best = gain;
  }
  return best;
}

/**
 * Permutation p-value of a change at t within rows [a, b) of `matrix`. With `stopAbove`, counting
 * stops once p is known to exceed it (the caller only needs to know that), and that p is returned.
 */
export function permutationPValue(
  matrix: readonly (readonly number[])[],
  a: number,
  t: number,
  b: number,
  o: Omit<GateOptions, 'maxPValue'>,
  stopAbove = 1,
): number {
  const n = b - a;
  const d = n > 0 ? matrix[a].length : 0;
  const rows = new Float64Array(n * d);
  const total = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) total[k] += rows[i * d + k] = matrix[a + i][k];
  let totalTerm = 0;
  for (let k = 0; k < d; k++) totalTerm += (total[k] * total[k]) / n;
  const left = new Float64Array(d);
  // The observed gain at t: the identity order, split at t − a.
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  let observed = -totalTerm;
  left.fill(0);
  for (let i = 0; i < t - a; i++) for (let k = 0; k < d; k++) left[k] += rows[i * d + k];
  for (let k = 0; k < d; k++) observed += (left[k] * left[k]) / (t - a) + (total[k] - left[k]) ** 2 / (b - t);
  const random = mulberry32(Math.imul(a + 1, 73856093) ^ Math.imul(t + 1, 19349663) ^ Math.imul(b + 1, 83492791));
  const order = identity;
  const limit = stopAbove * (o.permutations + 1);
  let atLeast = 1;
  for (let k = 0; k < o.permutations && atLeast <= limit; k++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    // Relative tolerance: the same split in another order must not count as "larger" by rounding.
    if (bestSplitGain(rows, d, order, total, totalTerm, o.minSize, left) >= observed * (1 - 1e-12)) atLeast++;
  }
  return atLeast / (o.permutations + 1);
}

/** What the segmenter asks of a switch test: the p-value of a change at t within rows [a, b). */
export interface SwitchTest {
  maxPValue: number;
  pValue(a: number, t: number, b: number): number;
}

/** The permutation test on a standardised series (rows = replies). */
export function permutationTest(matrix: readonly (readonly number[])[], o: GateOptions): SwitchTest {
  return { maxPValue: o.maxPValue, pValue: (a, t, b) => permutationPValue(matrix, a, t, b, o, o.maxPValue) };
}

/**
 * p-value of each switch within its two neighbouring segments (of the segmentation found), and
 * the switches that pass. Dropping one switch merges its segments; the others keep the p-value
 * computed against their original neighbours (a single pass, so the result does not depend on
 * an order of removal). A test with maxPValue ≥ 1 keeps everything without computing anything.
 */
export function gateSwitches(switches: readonly number[], n: number, test: SwitchTest): { kept: number[]; pValues: number[] } {
  if (test.maxPValue >= 1) return { kept: [...switches], pValues: switches.map(() => 0) };
  const bounds = [0, ...switches, n];
  const pValues = switches.map((t, i) => test.pValue(bounds[i], t, bounds[i + 2]));
  return { kept: switches.filter((_, i) => pValues[i] <= test.maxPValue), pValues };
}
