/**
 * Within-conversation recurrence: does the persona really come back to an earlier state inside
 * one conversation, or does the HMM win only by sorting whole conversations into clusters
 * (issue 17)?
 *
 * A visit is a run of at least MIN_VISIT replies in one Viterbi state (a single odd reply is
 * noise, not a persona coming back). Statistic: the number of visits, over all conversations,
 * to a state already visited earlier in the same conversation ("returns").
 * Null: the visits of each conversation are shuffled in order and neighbours in the same state
 * merge. Shuffling keeps every reply, every visit and each conversation's mix of states — so
 * clusters of whole conversations and topic offsets are untouched — and only breaks the order.
 * p = (1 + #{R* ≥ R})/(1 + B), one-sided.
 *
 * What it does and does not guard against: a pile of conversations that each sit in one state
 * has no returns at all; isolated odd replies do not count. Shuffles can only merge visits, so
 * the test asks whether the returns are more than chance neighbours; whether reusing a state
 * beats a fresh segment is the BIC comparison with piecewise-constant (model-comparison.ts).
 */
import type { Rng } from './random.ts';
import { bootstrapInterval } from './intervals.ts';
import { formatP } from './stats.ts';
import { permutationP } from '../math/stats.ts';
import type { RecurrenceResult } from './types.ts';

/** Shortest run that counts as a visit to a persona. */
export const MIN_VISIT = 2;

export interface RecurrenceTest {
  /** Conversations with 3+ visits (the only ones a shuffle can change). */
  conversationsTested: number;
  /** Visits to a state already visited earlier in the same conversation. */
  returns: number;
  /** Changes of state between consecutive visits. */
  switches: number;
  /** Mean number of returns after shuffling (neighbouring visits in one state merged). */
  returnsNull: number | null;
  p: number | null;
  permutations: number;
}

/** States of the visits (runs of ≥ MIN_VISIT replies) in order, neighbours in one state merged. */
export function visitsOf(path: readonly number[], minVisit = MIN_VISIT): number[] {
  const out: number[] = [];
  let t = 0;
  while (t < path.length) {
    let end = t + 1;
    while (end < path.length && path[end] === path[t]) end++;
    if (end - t >= minVisit && out[out.length - 1] !== path[t]) out.push(path[t]);
    t = end;
  }
  return out;
}

/** Visits to a state seen earlier in the same sequence (neighbours in one state count once). */
export function countReturns(states: readonly number[]): number {
  const seen = new Set<number>();
  let returns = 0;
  let prev = -1;
  for (const s of states) {
    if (s === prev) continue;
    if (seen.has(s)) returns++;
    seen.add(s);
    prev = s;
  }
  return returns;
}

function shuffleInPlace<T>(xs: T[], rng: Rng): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

export function recurrenceTest(paths: readonly (readonly number[])[], permutations: number, rng: Rng): RecurrenceTest {
  const visits = paths.map((p) => visitsOf(p));
  const switches = visits.reduce((a, v) => a + Math.max(0, v.length - 1), 0);
  const returns = visits.reduce((a, v) => a + countReturns(v), 0);
  const tested = visits.filter((v) => v.length >= 3);
  if (tested.length === 0) return { conversationsTested: 0, returns, switches, returnsNull: null, p: null, permutations };
  const nullStats: number[] = [];
  let total = 0;
  for (let b = 0; b < permutations; b++) {
    let r = 0;
    for (const v of tested) r += countReturns(shuffleInPlace([...v], rng));
    nullStats.push(r);
    total += r;
  }
  // Conversations with fewer than 3 visits cannot return, so only the tested ones add returns.
  return { conversationsTested: tested.length, returns, switches, returnsNull: total / permutations, p: permutationP(returns, nullStats), permutations };
}

/** The test with the share of switches that return (bootstrap interval over conversations) and its reading. */
export function recurrenceResult(t: RecurrenceTest, paths: readonly (readonly number[])[], resamples: number, rng: Rng): RecurrenceResult {
  const perConv = paths.map((p) => {
    const v = visitsOf(p);
    return { returns: countReturns(v), switches: Math.max(0, v.length - 1) };
  });
  const share = bootstrapInterval(
    perConv.length,
    (idx) => {
      let r = 0;
      let s = 0;
      for (const i of idx) {
        r += perConv[i].returns;
        s += perConv[i].switches;
      }
      return s > 0 ? r / s : null;
    },
    resamples,
    rng,
  );
  const base = {
    conversationsTested: t.conversationsTested,
    returns: t.returns,
    switches: t.switches,
    returnsNull: t.returnsNull,
    returnShare: share,
    p: t.p,
    permutations: t.permutations,
  };
  if (t.p === null)
    return {
      ...base,
      status: 'not-testable',
      conclusion: `Recurrence not testable: no conversation has 3 or more visits to a persona (runs of ${MIN_VISIT}+ replies), so no persona can leave and come back.`,
    };
  const nullText = t.returnsNull === null ? '' : ` (shuffled order: ${t.returnsNull.toFixed(1)} on average)`;
  return {
    ...base,
    status: 'tested',
    conclusion:
      `${t.returns} of ${t.switches} switches between visits (runs of ${MIN_VISIT}+ replies) return to a persona visited earlier in the same conversation${nullText}. ` +
      `Null hypothesis: the visits of each conversation could have come in any order — what a pile of conversations at their own topic levels gives. ` +
      `Test over ${t.conversationsTested} conversation(s) with 3+ visits, ${t.permutations} shuffles: ${formatP(t.p)}${t.p < 0.05 ? ' — the persona leaves and comes back inside conversations.' : ' — not rejected.'}`,
  };
}
