/**
 * An upper reference for the spliced sets, not a detector: how well could ANY per-reply detector
 * do if it were told which generators a conversation mixes and had been trained on them?
 *
 * The oracle is a softmax regression over the set's generators, on a rich reply representation
 * (hashed word unigrams and bigrams, line-start shapes, the first word — i.e. vocabulary and
 * formatting habits — plus our 32 scalar features), trained on alpaca_eval replies to OTHER
 * prompts (two folds by prompt, cross-fitted), so it never sees the reply it scores. A
 * conversation's series is the log-probability of each of ITS generators per reply; a segment costs
 * −max over those generators of its summed log-probability (its best single source), and PELT
 * splits with the penalty that maximises F1 on the set itself (an oracle may cheat there too).
 * If this ceiling sits below a target, the target is out of reach for per-reply evidence on
 * these conversations, whatever the method.
 */
import type { SegmentCost } from '../../src/core/changepoint/cost.ts';
import { pelt } from '../../src/core/changepoint/pelt.ts';
import { FEATURES } from '../../src/core/features/registry.ts';
import type { AlpacaRecord } from './data.ts';
import { featuresOf } from './features.ts';
import { scoreSet, type SetScore } from './score.ts';
import type { BenchConversation } from './sets.ts';
import { probabilities, trainSoftmax, type SparseRow } from './softmax.ts';
import { WORD_HABIT_BUCKETS, wordHabitVector } from './word-habits.ts';

const SCALAR_NAMES = FEATURES.map((f) => f.name);
const DIMS = WORD_HABIT_BUCKETS + SCALAR_NAMES.length;

interface ScalarStats {
  mean: number[];
  sd: number[];
}

function scalarStats(scalars: readonly number[][]): ScalarStats {
  const mean = SCALAR_NAMES.map((_, k) => scalars.reduce((s, x) => s + x[k], 0) / scalars.length);
  const sd = SCALAR_NAMES.map((_, k) => Math.sqrt(scalars.reduce((s, x) => s + (x[k] - mean[k]) ** 2, 0) / scalars.length) || 1);
  return { mean, sd };
}

/** Word-habit vector followed by the scalar features, z-scored on the training replies and down-weighted. */
function oracleRow(text: string, stats: ScalarStats): SparseRow {
  const v = wordHabitVector(text);
  const z = SCALAR_NAMES.map((n, k) => 0.3 * Math.max(-4, Math.min(4, ((featuresOf(text)[n] ?? 0) - stats.mean[k]) / stats.sd[k])));
  return { idx: Int32Array.from([...v.index, ...SCALAR_NAMES.map((_, k) => WORD_HABIT_BUCKETS + k)]), val: Float64Array.from([...v.value, ...z]) };
}

export interface OracleResult {
  score: SetScore;
  /** Share of replies whose most probable generator (among the conversation's own) is the true one. */
  replyAccuracy: number;
  penalty: number;
}

/**
 * The oracle's per-reply evidence on one spliced set whose assistant turns carry their generator
 * in `model`: per conversation, per reply, the log-probability of each of its own generators.
 */
export function oracleSeries(
  records: readonly AlpacaRecord[],
  generators: readonly string[],
  conversations: readonly BenchConversation[],
): { series: number[][][]; replyAccuracy: number } {
  const fold = new Map(records.map((r, i) => [r.prompt, i % 2]));
  // Per fold: a model trained on the OTHER fold's prompts.
  const models = [0, 1].map((f) => {
    const texts: string[] = [],
      labels: number[] = [];
    records.forEach((r, i) => {
      if (i % 2 === f) return;
      generators.forEach((g, c) => {
        const t = r.outputs[g];
        if (t?.trim()) texts.push(t), labels.push(c);
      });
    });
    const stats = scalarStats(texts.map((t) => SCALAR_NAMES.map((n) => featuresOf(t)[n] ?? 0)));
    return {
      model: trainSoftmax(
        texts.map((t) => oracleRow(t, stats)),
        labels,
        generators.length,
        DIMS,
      ),
      stats,
    };
  });
  const probs = new Float64Array(generators.length);
  let correct = 0,
    total = 0;
  const series = conversations.map((c) => {
    const replies: { text: string; fold: number; source: string }[] = [];
    let prompt = '';
    for (const t of c.turns) {
      if (t.role === 'user') prompt = t.text;
      else replies.push({ text: t.text, fold: fold.get(prompt) ?? 0, source: t.model ?? '' });
    }
    const own = [...new Set(replies.map((r) => generators.indexOf(r.source)))];
    return replies.map((r) => {
      const m = models[r.fold];
      probabilities(m.model, oracleRow(r.text, m.stats), probs);
      const z = own.reduce((s, c) => s + probs[c], 0);
      const logp = own.map((c) => Math.log(Math.max(1e-4, probs[c] / z)));
      const best = own[logp.indexOf(Math.max(...logp))];
      correct += generators[best] === r.source ? 1 : 0;
      total++;
      return logp;
    });
  });
  return { series, replyAccuracy: correct / total };
}

export const ORACLE_PENALTIES = [0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 12];

/** The oracle's switches on one conversation's series at one penalty. */
export const oracleSwitches = (logp: readonly (readonly number[])[], penalty: number) => pelt(bestSourceCost(logp), penalty, 2);

/** Oracle ceiling on one spliced set, at the penalty that maximises its F1 on the set itself. */
export function oracleCeiling(records: readonly AlpacaRecord[], generators: readonly string[], conversations: readonly BenchConversation[]): OracleResult {
  const { series, replyAccuracy } = oracleSeries(records, generators, conversations);
  let best: OracleResult | null = null;
  for (const penalty of ORACLE_PENALTIES) {
    const score = scoreSet(series.map((s, i) => ({ truth: conversations[i].truth, est: oracleSwitches(s, penalty), n: s.length })));
    if (!best || score.f1 > best.score.f1) best = { score, replyAccuracy, penalty };
  }
  return best!;
}

/** c(a, b) = −max_g Σ_{t∈[a,b)} log p_t(g): the segment explained by its single best generator. */
function bestSourceCost(logp: readonly (readonly number[])[]): SegmentCost {
  const k = logp[0]?.length ?? 0;
  const prefix = [new Float64Array(k)];
  for (const row of logp) prefix.push(prefix[prefix.length - 1].map((x, g) => x + row[g]));
  return {
    n: logp.length,
    cost(a, b) {
      let best = -Infinity;
      for (let g = 0; g < k; g++) best = Math.max(best, prefix[b][g] - prefix[a][g]);
      return -best;
    },
  };
}
