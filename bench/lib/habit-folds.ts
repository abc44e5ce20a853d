/**
 * Cross-fitted habit metrics for DEV numbers: the diagonal pair metric (habit-metric.ts) or the
 * low-rank discriminant (habit-lda.ts). The DEV generators are split into three folds by coarse
 * family (sets-v2.ts; largest family first, each to the smallest fold), so a generator and its
 * relatives are always in the same fold. A DEV conversation is scored with a metric trained only
 * on the folds its generators are not in: DEV numbers never profit from a metric that saw the
 * conversation's generators. EVAL conversations use the metric trained on every DEV generator
 * (EVAL generators and prompts are never read when training). Training uses DEV prompts only.
 * Trained metrics are cached in bench/.cache/ keyed by a hash of this code and the options.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyzeTurn } from '../../src/core/analyze.ts';
import { gramCost, type SegmentCost } from '../../src/core/changepoint/cost.ts';
import { hashString } from '../../src/core/text/hash.ts';
import type { CorpusRecord, GeneratorInfo } from './corpus.ts';
import { CACHE_DIR } from './feature-cache.ts';
import { fitHabitLda, project, type HabitProjection, type LdaOptions } from './habit-lda.ts';
import { embed, fitHabitMetric, sampleHabitPairs, type Embed, type FitOptions, type HabitMetric } from './habit-metric.ts';
import { habitVector } from './habit-vector.ts';
import { makeRng } from './rng.ts';
import { coarseFamily } from './sets-v2.ts';
import type { SparseVector } from './style/vector.ts';
import { hashBucket } from './word-habits.ts';

export const HABIT_FOLDS = 3;
export const TRAIN_PAIRS = 12000;
/** Prompts per generator for the discriminant's scatter matrices (the same prompts for every generator). */
export const LDA_PROMPTS = 60;

const CODE = ['habit-metric.ts', 'habit-vector.ts', 'habit-lda.ts', 'fisher.ts', 'habit-folds.ts', 'word-habits.ts']
  .map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'))
  .join('\u0000');

/**
 * How the metric is learned: `diagonal` (non-negative logistic on prompt-matched pairs; `replies`
 * = replies averaged per side of a training pair; `siblingsOnly`: "different" pairs only between
 * generators of one family, the hard negatives of same-family switches) or `lda` (low-rank discriminant).
 */
export type HabitTraining = ({ kind?: 'diagonal'; replies?: number; siblingsOnly?: boolean } & FitOptions) | ({ kind: 'lda' } & LdaOptions);

type Stored = { kind: 'diagonal'; buckets: number[]; weights: number[] } | { kind: 'lda'; buckets: number[]; W: number[]; rank: number };

function embedderOf(s: Stored): { embed: Embed; size: string } {
  if (s.kind === 'diagonal') {
    const m: HabitMetric = { buckets: Int32Array.from(s.buckets), weights: Float64Array.from(s.weights) };
    return { embed: (v) => embed(m, v), size: `${s.weights.filter((w) => w > 0).length} weighted buckets` };
  }
  const p: HabitProjection = { buckets: Int32Array.from(s.buckets), W: Float64Array.from(s.W), rank: s.rank };
  return { embed: (v) => project(p, v), size: `${s.rank} dimensions over ${s.buckets.length} buckets` };
}

/** Fold per generator: whole coarse families, largest first, each to the fold with fewest generators. */
export function familyFolds(gens: readonly string[], table: Map<string, GeneratorInfo>): Map<string, number> {
  const families = new Map<string, string[]>();
  for (const g of gens) {
    const f = coarseFamily(table.get(g), g);
    families.set(f, [...(families.get(f) ?? []), g]);
  }
  const sizes = new Array<number>(HABIT_FOLDS).fill(0);
  const out = new Map<string, number>();
  for (const [, members] of [...families].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    const f = sizes.indexOf(Math.min(...sizes));
    sizes[f] += members.length;
    for (const g of members) out.set(g, f);
  }
  return out;
}

export interface HabitMetrics {
  /** Fold of a DEV generator (undefined for any other generator). */
  foldOf(generator: string): number | undefined;
  /** The metric trained on DEV generators outside the given folds (memoised), and its size. */
  excluding(folds: readonly number[]): { embed: Embed; size: string };
  /** Habit vector of a corpus reply (memoised). */
  vectorOf(generator: string, r: CorpusRecord): SparseVector | null;
}

export function habitMetrics(
  devPool: readonly CorpusRecord[],
  devGens: readonly string[],
  table: Map<string, GeneratorInfo>,
  training: HabitTraining = {},
  log: (s: string) => void = () => {},
): HabitMetrics {
  const fold = familyFolds(devGens, table);
  const vectors = new Map<string, SparseVector>();
  const vectorOf = (g: string, r: CorpusRecord) => {
    const text = r.outputs[g];
    if (!text) return null;
    const key = `${g}\u0000${r.index}`;
    let v = vectors.get(key);
    if (!v) vectors.set(key, (v = habitVector(text)));
    return v;
  };
  const family = (g: string) => table.get(g)?.family ?? g;
  const train = (gens: readonly string[], seed: number): Stored => {
    const siblings = training.kind !== 'lda' && training.siblingsOnly ? (g: string, h: string) => family(g) === family(h) : undefined;
    const pairs = sampleHabitPairs(devPool, gens, vectorOf, TRAIN_PAIRS, seed, siblings, training.kind === 'lda' ? 1 : (training.replies ?? 1));
    if (training.kind !== 'lda') {
      const m = fitHabitMetric(pairs, training);
      return { kind: 'diagonal', buckets: [...m.buckets], weights: [...m.weights] };
    }
    const prompts = makeRng(seed).shuffle(devPool).slice(0, LDA_PROMPTS);
    const replies = new Map(gens.map((g) => [g, prompts.flatMap((r) => vectorOf(g, r) ?? [])]));
    const p = fitHabitLda(replies, family, pairs, training);
    return { kind: 'lda', buckets: [...p.buckets], W: [...p.W], rank: p.rank };
  };
  const metrics = new Map<string, { embed: Embed; size: string }>();
  return {
    foldOf: (g) => fold.get(g),
    vectorOf,
    excluding(folds) {
      const key = [...new Set(folds)].sort().join(',');
      let m = metrics.get(key);
      if (!m) {
        const gens = devGens.filter((g) => !folds.includes(fold.get(g)!));
        const file = join(CACHE_DIR, `habit-metric-${hashString(CODE + JSON.stringify([training, gens, devPool.length, TRAIN_PAIRS]))}.json`);
        let stored: Stored;
        if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
        else {
          const t0 = performance.now();
          stored = train(gens, 1420 + hashBucket(key, 1000));
          log(`habit metric without fold(s) [${key}]: ${gens.length} generators, ${((performance.now() - t0) / 1000).toFixed(0)} s (cached in ${file})`);
          mkdirSync(CACHE_DIR, { recursive: true });
          writeFileSync(file, JSON.stringify(stored));
        }
        metrics.set(key, (m = embedderOf(stored)));
      }
      return m;
    },
  };
}

/**
 * The habit-metric kernel cost of a bench conversation (L2 cost of the replies' embeddings):
 * cross-fitted for DEV conversations (every generator a DEV one), the all-DEV metric otherwise.
 * `clip` > 0 (discriminant only): dimensions median-centred and clipped per conversation.
 */
export function habitMetricCostOf(
  devPool: readonly CorpusRecord[],
  devGens: readonly string[],
  table: Map<string, GeneratorInfo>,
  training: HabitTraining = {},
  log: (s: string) => void = () => {},
  clip = 0,
): (turns: readonly AnalyzeTurn[]) => SegmentCost {
  const hm = habitMetrics(devPool, devGens, table, training, log);
  return (turns) => {
    const replies = turns.filter((t) => t.role === 'assistant');
    const folds = replies.map((t) => (t.model ? hm.foldOf(t.model) : undefined));
    const m = folds.every((f) => f !== undefined) ? hm.excluding(folds as number[]) : hm.excluding([]);
    const z = replies.map((t) => m.embed(habitVector(t.text)));
    return gramCost(training.kind === 'lda' && clip ? clipped(z, clip) : z);
  };
}

/**
 * Each dimension centred on the conversation's median and clipped to ±clip (the discriminant's
 * dimensions have unit noise per reply): one odd reply (code, a refusal) cannot look like a change,
 * as in the detector's own series (DetectorParams.clip).
 */
function clipped(z: readonly Float64Array[], clip: number): Float64Array[] {
  const out = z.map((x) => x.slice());
  for (let k = 0; k < (z[0]?.length ?? 0); k++) {
    const sorted = z.map((x) => x[k]).sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1];
    for (const x of out) x[k] = Math.max(-clip, Math.min(clip, x[k] - median));
  }
  return out;
}
