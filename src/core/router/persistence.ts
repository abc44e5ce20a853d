/**
 * Persistence inside conversations: do replies next to each other resemble each other more than
 * replies of the same conversation in shuffled order? A router that keeps a persona for a few
 * replies makes neighbours alike; a mix of reply types chosen turn by turn does not.
 *
 * Statistic: the largest lag-1 correlation over directions (maximum autocorrelation factor) of
 * the prompt-conditioned features, each conversation centred on its own mean and the pooled
 * within-conversation covariance whitened, so no direction is favoured for its scale and the
 * direction the persona lives in need not be known beforehand.
 * Null: each conversation's replies in random order. Centring, whitening and every conversation's
 * set of replies are unchanged by a shuffle, so the test is exact under within-conversation
 * exchangeability, whatever the features' distribution: clusters of whole conversations, topic
 * levels and per-conversation personas (the clustered-conversation confound) cannot pass, and no
 * conversation's level has to be removed from the data the states are fitted on.
 * p = (1 + #{T* ≥ T})/(1 + B), one-sided.
 *
 * What it does not separate: anything that makes neighbours alike — a task that runs for a few
 * turns, drift inside a conversation. Drift and fresh segments are the BIC comparisons' and the
 * recurrence test's job (model-comparison.ts, recurrence.ts).
 */
import { jacobiEigen } from './embed.ts';
import type { Rng } from './random.ts';
import type { PersistenceResult } from './types.ts';

/** Conversations shorter than this cannot change under a shuffle of the lag-1 statistic. */
const MIN_LENGTH = 3;

/** Rows of each conversation with 3+ replies, centred on the conversation's mean and whitened by the pooled within-conversation covariance. */
function whitenedWithin(seqs: readonly (readonly (readonly number[])[])[]): Float64Array[][] {
  const kept = seqs.filter((q) => q.length >= MIN_LENGTH);
  const d = kept[0]?.[0]?.length ?? 0;
  const centred = kept.map((q) => {
    const mean = new Float64Array(d);
    for (const r of q) for (let j = 0; j < d; j++) mean[j] += r[j] / q.length;
    return q.map((r) => Float64Array.from(r, (v, j) => v - mean[j]));
  });
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  let n = 0;
  for (const q of centred)
    for (const r of q) {
      n++;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i][j] += r[i] * r[j];
    }
  if (n === 0) return [];
  const { values, vectors } = jacobiEigen(cov.map((row) => row.map((v) => v / n)));
  const top = Math.max(...values);
  const keep = values.map((_, c) => c).filter((c) => values[c] > 1e-9 * top);
  return centred.map((q) =>
    q.map((r) =>
      Float64Array.from(keep, (c) => {
        let s = 0;
        for (let f = 0; f < d; f++) s += r[f] * vectors[f][c];
        return s / Math.sqrt(values[c]);
      }),
    ),
  );
}

/** Largest eigenvalue of the symmetrised lag-1 cross-product, per neighbouring pair: the largest lag-1 correlation over directions. */
function maxLagCorrelation(seqs: readonly (readonly Float64Array[])[], pairs: number): number {
  const d = seqs[0]?.[0]?.length ?? 0;
  const m = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const q of seqs)
    for (let t = 1; t < q.length; t++) {
      const a = q[t];
      const b = q[t - 1];
      for (let i = 0; i < d; i++) for (let j = i; j < d; j++) m[i][j] += a[i] * b[j] + b[i] * a[j];
    }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) m[i][j] = m[j][i];
  return Math.max(...jacobiEigen(m).values) / (2 * pairs);
}

function shuffled<T>(xs: readonly T[], rng: Rng): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** `seqs[c][t]`: prompt-conditioned features of reply t in conversation c, not centred. */
export function persistenceTest(seqs: readonly (readonly (readonly number[])[])[], permutations: number, rng: Rng): PersistenceResult {
  const rows = whitenedWithin(seqs);
  const pairs = rows.reduce((a, q) => a + q.length - 1, 0);
  if (rows.length === 0 || (rows[0][0]?.length ?? 0) === 0)
    return { conversationsTested: 0, lagCorrelation: null, lagCorrelationNull: null, p: null, permutations: 0 };
  const observed = maxLagCorrelation(rows, pairs);
  const nulls = new Float64Array(permutations);
  let atLeast = 0;
  for (let b = 0; b < permutations; b++) {
    nulls[b] = maxLagCorrelation(
      rows.map((q) => shuffled(q, rng)),
      pairs,
    );
    if (nulls[b] >= observed) atLeast++;
  }
  nulls.sort();
  return {
    conversationsTested: rows.length,
    lagCorrelation: observed,
    lagCorrelationNull: nulls[Math.floor(permutations / 2)] ?? null,
    p: (1 + atLeast) / (1 + permutations),
    permutations,
  };
}
