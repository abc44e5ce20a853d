/**
 * Cross-fitted habit metrics for DEV numbers (habit-metric.ts). The DEV generators are split into
 * three folds by coarse family (sets-v2.ts), so a generator and its relatives are always in the
 * same fold. A DEV conversation is scored with a metric trained only on the folds its generators
 * are not in: DEV numbers never profit from a metric that saw the conversation's generators.
 * EVAL conversations use the metric trained on every DEV generator (EVAL generators and prompts
 * are never read when training). Training pairs always come from DEV prompts.
 */
import type { AnalyzeTurn } from '../../src/core/analyze.ts';
import { gramCost, type SegmentCost } from '../../src/core/changepoint/cost.ts';
import type { CorpusRecord, GeneratorInfo } from './corpus.ts';
import { embed, fitHabitMetric, sampleHabitPairs, type FitOptions, type HabitMetric } from './habit-metric.ts';
import { habitVector } from './habit-vector.ts';
import { coarseFamily } from './sets-v2.ts';
import type { SparseVector } from './style/vector.ts';
import { hashBucket } from './word-habits.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashString } from '../../src/core/text/hash.ts';
import { CACHE_DIR } from './feature-cache.ts';

/** Source of everything a trained metric depends on: a change retrains instead of reading a stale cache. */
const CODE = ['habit-metric.ts', 'habit-vector.ts', 'habit-folds.ts', 'word-habits.ts']
  .map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'))
  .join('\u0000');
const toJson = (m: HabitMetric) => JSON.stringify({ buckets: [...m.buckets], weights: [...m.weights] });
const fromJson = (s: string): HabitMetric => {
  const o = JSON.parse(s) as { buckets: number[]; weights: number[] };
  return { buckets: Int32Array.from(o.buckets), weights: Float64Array.from(o.weights) };
};

export const HABIT_FOLDS = 3;
export const TRAIN_PAIRS = 12000;

/** Fold per generator: whole coarse families, largest first, each to the fold with fewest generators. */
function familyFolds(gens: readonly string[], table: Map<string, GeneratorInfo>): Map<string, number> {
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
  /** The metric trained on DEV generators outside the given folds (memoised). */
  excluding(folds: readonly number[]): HabitMetric;
  /** Habit vector of a corpus reply (memoised). */
  vectorOf(generator: string, r: CorpusRecord): SparseVector | null;
}

export function habitMetrics(
  devPool: readonly CorpusRecord[],
  devGens: readonly string[],
  table: Map<string, GeneratorInfo>,
  fit: FitOptions = {},
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
  const metrics = new Map<string, HabitMetric>();
  return {
    foldOf: (g) => fold.get(g),
    vectorOf,
    excluding(folds) {
      const key = [...new Set(folds)].sort().join(',');
      let m = metrics.get(key);
      if (!m) {
        const gens = devGens.filter((g) => !folds.includes(fold.get(g)!));
        const file = join(CACHE_DIR, `habit-metric-${hashString(CODE + JSON.stringify([fit, gens, devPool.length, TRAIN_PAIRS]))}.json`);
        if (existsSync(file)) m = fromJson(readFileSync(file, 'utf8'));
        else {
          const t0 = performance.now();
          m = fitHabitMetric(sampleHabitPairs(devPool, gens, vectorOf, TRAIN_PAIRS, 1420 + hashBucket(key, 1000)), fit);
          log(`habit metric without fold(s) [${key}]: ${gens.length} generators, ${((performance.now() - t0) / 1000).toFixed(0)} s (cached in ${file})`);
          mkdirSync(CACHE_DIR, { recursive: true });
          writeFileSync(file, toJson(m));
        }
        metrics.set(key, m);
      }
      return m;
    },
  };
}

/**
 * The habit-metric kernel cost of a bench conversation (L2 cost of the replies' metric embeddings):
 * cross-fitted for DEV conversations (every generator a DEV one), the all-DEV metric otherwise.
 */
export function habitMetricCostOf(
  devPool: readonly CorpusRecord[],
  devGens: readonly string[],
  table: Map<string, GeneratorInfo>,
  log: (s: string) => void = () => {},
): (turns: readonly AnalyzeTurn[]) => SegmentCost {
  const hm = habitMetrics(devPool, devGens, table, {}, log);
  return (turns) => {
    const replies = turns.filter((t) => t.role === 'assistant');
    const folds = replies.map((t) => (t.model ? hm.foldOf(t.model) : undefined));
    const m = folds.every((f) => f !== undefined) ? hm.excluding(folds as number[]) : hm.excluding([]);
    return gramCost(replies.map((t) => embed(m, habitVector(t.text))));
  };
}
