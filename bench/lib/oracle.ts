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
import type { SegmentCost } from '../../src/core/detect/cost.ts';
import { pelt } from '../../src/core/detect/pelt.ts';
import { FEATURES } from '../../src/core/features/registry.ts';
import type { AlpacaRecord } from './data.ts';
import { featuresOf } from './features.ts';
import { scoreSet, type SetScore } from './score.ts';
import type { BenchConversation } from './sets.ts';

const HASH_DIMS = 1 << 14;
const SCALAR_NAMES = FEATURES.map((f) => f.name);
const DIMS = HASH_DIMS + SCALAR_NAMES.length;

interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) % HASH_DIMS;
}

/** Hashed habit/vocabulary counts, square-root of relative frequency (unit L2 norm). */
function hashedCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (key: string) => {
    const h = fnv(key);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  };
  const tokens = text.toLowerCase().match(/[a-z']+|[^\sa-z0-9]/g) ?? [];
  tokens.forEach((tok, i) => {
    add(`u:${tok}`);
    if (i > 0) add(`b:${tokens[i - 1]} ${tok}`);
  });
  for (const line of text.split('\n')) add(`line:${line.trim().slice(0, 3).replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A').replace(/\d/g, '9')}`);
  add(`first:${tokens[0] ?? ''}`);
  let total = 0;
  for (const c of counts.values()) total += c;
  for (const [k, c] of counts) counts.set(k, Math.sqrt(c / total));
  return counts;
}

/** Scalar features z-scored with the training replies' mean and sd, down-weighted beside the hashes. */
function makeRows(texts: readonly string[], scalarStats?: { mean: number[]; sd: number[] }) {
  const scalars = texts.map((t) => SCALAR_NAMES.map((n) => featuresOf(t)[n] ?? 0));
  const stats = scalarStats ?? {
    mean: SCALAR_NAMES.map((_, k) => scalars.reduce((s, x) => s + x[k], 0) / scalars.length),
    sd: SCALAR_NAMES.map((_, k) => {
      const m = scalars.reduce((s, x) => s + x[k], 0) / scalars.length;
      return Math.sqrt(scalars.reduce((s, x) => s + (x[k] - m) ** 2, 0) / scalars.length) || 1;
    }),
  };
  const rows: SparseRow[] = texts.map((t, i) => {
    const h = hashedCounts(t);
    const idx = [...h.keys(), ...SCALAR_NAMES.map((_, k) => HASH_DIMS + k)];
    const val = [...h.values(), ...scalars[i].map((x, k) => 0.3 * Math.max(-4, Math.min(4, (x - stats.mean[k]) / stats.sd[k])))];
    return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
  });
  return { rows, stats };
}

/** Full-batch softmax regression with L2, plain gradient descent (inputs are unit-scale). */
function trainSoftmax(rows: readonly SparseRow[], labels: readonly number[], classes: number, iterations = 300, rate = 2, l2 = 1e-4): Float64Array[] {
  const W = Array.from({ length: classes }, () => new Float64Array(DIMS + 1));
  const logits = new Float64Array(classes);
  for (let it = 0; it < iterations; it++) {
    const G = Array.from({ length: classes }, () => new Float64Array(DIMS + 1));
    rows.forEach((r, j) => {
      softmaxInto(W, r, logits);
      for (let c = 0; c < classes; c++) {
        const e = logits[c] - (labels[j] === c ? 1 : 0);
        const g = G[c];
        for (let q = 0; q < r.idx.length; q++) g[r.idx[q]] += e * r.val[q];
        g[DIMS] += e;
      }
    });
    for (let c = 0; c < classes; c++) for (let k = 0; k <= DIMS; k++) W[c][k] -= rate * (G[c][k] / rows.length + (k < DIMS ? l2 * W[c][k] : 0));
  }
  return W;
}

function softmaxInto(W: readonly Float64Array[], r: SparseRow, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < W.length; c++) {
    let s = W[c][DIMS];
    for (let q = 0; q < r.idx.length; q++) s += W[c][r.idx[q]] * r.val[q];
    out[c] = s;
    if (s > max) max = s;
  }
  let z = 0;
  for (let c = 0; c < W.length; c++) z += (out[c] = Math.exp(out[c] - max));
  for (let c = 0; c < W.length; c++) out[c] /= z;
}

export interface OracleResult {
  score: SetScore;
  /** Share of replies whose most probable generator (among the conversation's own) is the true one. */
  replyAccuracy: number;
  penalty: number;
}

/** Oracle ceiling on one spliced set whose assistant turns carry their generator in `model`. */
export function oracleCeiling(records: readonly AlpacaRecord[], generators: readonly string[], conversations: readonly BenchConversation[]): OracleResult {
  const fold = new Map(records.map((r, i) => [r.prompt, i % 2]));
  // Per fold: a model trained on the OTHER fold's prompts.
  const models = [0, 1].map((f) => {
    const texts: string[] = [], labels: number[] = [];
    records.forEach((r, i) => {
      if (i % 2 === f) return;
      generators.forEach((g, c) => {
        const t = r.outputs[g];
        if (t?.trim()) (texts.push(t), labels.push(c));
      });
    });
    const { rows, stats } = makeRows(texts);
    return { W: trainSoftmax(rows, labels, generators.length), stats };
  });
  const probs = new Float64Array(generators.length);
  let correct = 0, total = 0;
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
      softmaxInto(m.W, makeRows([r.text], m.stats).rows[0], probs);
      const z = own.reduce((s, c) => s + probs[c], 0);
      const logp = own.map((c) => Math.log(Math.max(1e-4, probs[c] / z)));
      const best = own[logp.indexOf(Math.max(...logp))];
      correct += generators[best] === r.source ? 1 : 0;
      total++;
      return logp;
    });
  });
  let best: OracleResult | null = null;
  for (const penalty of [0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 12]) {
    const score = scoreSet(series.map((s, i) => ({ truth: conversations[i].truth, est: pelt(bestSourceCost(s), penalty, 2), n: s.length })));
    if (!best || score.f1 > best.score.f1) best = { score, replyAccuracy: correct / total, penalty };
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
