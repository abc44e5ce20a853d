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
import { l2Cost, splitGain } from './cost.ts';

export interface GateOptions {
  /** Switches with p above this are dropped; ≥ 1 turns the gate off. */
  maxPValue: number;
  permutations: number;
  /** Smallest segment on either side of a split (as in the segmenter). */
  minSize: number;
}

/** mulberry32: small, fast, good enough for shuffles; seeded so results are reproducible. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bestSplitGain(rows: readonly (readonly number[])[], minSize: number): number {
  const cost = l2Cost(rows);
  let best = 0;
  for (let s = minSize; s <= rows.length - minSize; s++) best = Math.max(best, splitGain(cost, 0, s, rows.length));
  return best;
}

/** Permutation p-value of a change at t within rows [a, b) of `matrix`. */
export function permutationPValue(matrix: readonly (readonly number[])[], a: number, t: number, b: number, o: Omit<GateOptions, 'maxPValue'>): number {
  const rows = matrix.slice(a, b);
  const observed = splitGain(l2Cost(rows), 0, t - a, rows.length);
  const random = prng(Math.imul(a + 1, 73856093) ^ Math.imul(t + 1, 19349663) ^ Math.imul(b + 1, 83492791));
  const order = rows.slice();
  let atLeast = 1;
  for (let k = 0; k < o.permutations; k++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (bestSplitGain(order, o.minSize) >= observed) atLeast++;
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
  return { maxPValue: o.maxPValue, pValue: (a, t, b) => permutationPValue(matrix, a, t, b, o) };
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
