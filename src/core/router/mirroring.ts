/**
 * Mirroring: does the assistant's style change when (or just after) the user's own style
 * changes? Change sizes are distances between consecutive turns in each side's own
 * standardised feature space. Cross-correlation at lags, after removing each conversation's
 * mean, with a within-conversation circular shift of the user series as the null.
 */
import { rotate } from './permutation.ts';
import type { Rng } from './random.ts';
import { formatNumber, formatP } from './stats.ts';
import { correlation, holm, permutationP } from '../math/stats.ts';
import type { MirroringLag, MirroringResult } from './types.ts';

export interface ChangeSeries {
  /** user[j]: size of the user's style change between the prompts of replies j−1 and j. */
  user: readonly number[];
  /** assistant[j]: size of the assistant's style change between replies j−1 and j. */
  assistant: readonly number[];
}

export const MIRROR_LAGS = [-2, -1, 0, 1, 2];
const MIN_PAIRS = 20;

function demean(xs: readonly number[]): number[] {
  const m = xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  return xs.map((x) => x - m);
}

/** Pooled correlation of user change at j with assistant change at j + lag. */
function laggedCorrelation(series: readonly ChangeSeries[], lag: number): { r: number | null; n: number } {
  const us: number[] = [];
  const as: number[] = [];
  for (const s of series)
    for (let j = 0; j < s.user.length; j++) {
      const k = j + lag;
      if (k < 0 || k >= s.assistant.length) continue;
      us.push(s.user[j]);
      as.push(s.assistant[k]);
    }
  return { r: correlation(us, as), n: us.length };
}

export function distanceSeries(vectors: readonly (readonly number[])[]): number[] {
  return vectors.slice(1).map((v, i) => Math.sqrt(v.reduce((s, x, d) => s + (x - vectors[i][d]) ** 2, 0)));
}

export function analyzeMirroring(raw: readonly ChangeSeries[], permutations: number, alpha: number, rng: Rng): MirroringResult {
  const series = raw.filter((s) => s.user.length >= 3).map((s) => ({ user: demean(s.user), assistant: demean(s.assistant) }));
  const pairs = series.reduce((a, s) => a + s.user.length, 0);
  if (pairs < MIN_PAIRS)
    return {
      status: 'insufficient-data',
      pairs,
      lags: [],
      conclusion: `Mirroring not tested: ${pairs} user/assistant change pairs, need at least ${MIN_PAIRS}.`,
    };
  const observed = MIRROR_LAGS.map((lag) => laggedCorrelation(series, lag).r);
  const exceed = MIRROR_LAGS.map(() => [] as number[]);
  for (let b = 0; b < permutations; b++) {
    const shifted = series.map((s) => ({ user: rotate(s.user, rng.int(s.user.length)), assistant: s.assistant }));
    MIRROR_LAGS.forEach((lag, i) => exceed[i].push(laggedCorrelation(shifted, lag).r ?? 0));
  }
  const ps = observed.map((r, i) => (r === null ? null : permutationP(r, exceed[i])));
  const adj = holm(ps);
  const lags: MirroringLag[] = MIRROR_LAGS.map((lag, i) => ({ lag, correlation: observed[i], p: ps[i], pHolm: adj[i] }));
  const sig = lags.filter((l) => l.pHolm !== null && l.pHolm < alpha);
  const describe = (l: MirroringLag) => `lag ${l.lag > 0 ? '+' : ''}${l.lag}: r = ${formatNumber(l.correlation ?? 0, 2)} (${formatP(l.pHolm ?? 1)}, Holm)`;
  const follows = sig.filter((l) => l.lag >= 0);
  const conclusion =
    `Null hypothesis: the size of the assistant's style changes is unrelated to the size of the user's style changes at any lag (within-conversation circular shift, ${permutations} rotations, Holm across ${MIRROR_LAGS.length} lags, ${pairs} pairs). ` +
    (sig.length === 0
      ? 'Not rejected: no sign that the assistant mirrors the user; persona changes are not explained by the user changing style.'
      : follows.length
        ? `Rejected at ${follows.map(describe).join('; ')}: assistant changes go with (lag 0) or follow (lag > 0) user changes, so some apparent persona shifts may be mirroring or topic changes rather than routing.`
        : `Rejected only at negative lags (${sig.map(describe).join('; ')}): the user's style changes after the assistant's, i.e. the user follows the assistant.`);
  return { status: 'tested', pairs, lags, conclusion };
}
