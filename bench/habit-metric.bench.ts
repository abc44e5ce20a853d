/**
 * The learned "same generator?" habit metric (bench/lib/habit-metric.ts): pair AUC (same vs
 * different generator, two replies to different prompts) on DEV generators of a family fold the
 * metric never saw (bench/lib/habit-folds.ts), beside the same habit vectors with every bucket
 * weighted 1, and the detector's own scalar evidence (p5 weights on prompt-model residuals) on the same
 * pairs. `npm run bench:habit-metric`; `--eval` adds the evaluation generators × prompts
 * (metric trained on all DEV generators) and logs the AUCs in bench/eval-log.tsv.
 */
import { DETECTOR_VERSION } from '../src/core/analyze.ts';
import { expectedFeatures } from '../src/core/detect/input.ts';
import { DETECTOR_PARAMS } from '../src/core/detect/params.ts';
import { PROMPT_MODEL } from '../src/core/detect/prompt-model-data.ts';
import { FEATURE_NAMES } from '../src/core/features/registry.ts';
import { generatorTable, loadCorpus, missingData, type CorpusRecord } from './lib/corpus.ts';
import { corpusFeatures } from './lib/feature-cache.ts';
import { residualZ } from './lib/pair-metric.ts';
import { auc } from './lib/pair-separability.ts';
import { loadOutOfFold } from './lib/prompt-oof.ts';
import { appendEvalLog } from './lib/eval-log.ts';
import { habitMetrics, HABIT_FOLDS, type HabitTraining } from './lib/habit-folds.ts';
import { habitPairAuc, sampleHabitPairs, type Embed, type HabitPair } from './lib/habit-metric.ts';
import { HABIT_BUCKETS } from './lib/habit-vector.ts';
import { devGenerators, EVAL_GENERATORS, splitPrompts } from './lib/split-v2.ts';
import { EVAL_PROMPTED_MODES, EVAL_SAME_FAMILY } from './lib/split.ts';
import { printTable } from './lib/table.ts';

if (missingData().length) {
  console.log(`bench:habit-metric needs ../shared/data; missing: ${missingData().join(', ')}. Nothing measured.`);
  process.exit(0);
}
const started = performance.now();
const records = loadCorpus();
const table = generatorTable();
const prompts = splitPrompts(records);
const allGens = [...new Set(records.flatMap((r) => Object.keys(r.outputs)))];
const devGens = devGenerators(table, allGens);
// --replies R: the diagonal metric trains on pairs of R-reply means (--siblings-only: "different"
// pairs only within a family); --lda RANK: the low-rank discriminant
// instead (--siblings S: with the spread of relatives around their family mean, weight S). Pairs are scored
// at 1 and at 4 replies per side.
const arg = (name: string) => process.argv.find((a, i) => process.argv[i - 1] === name);
const replies = Number(arg('--replies') ?? 1);
const training: HabitTraining = arg('--lda')
  ? { kind: 'lda', rank: Number(arg('--lda')), siblings: Number(arg('--siblings') ?? 0) }
  : { replies, siblingsOnly: process.argv.includes('--siblings-only') };
const hm = habitMetrics(prompts.dev, devGens, table, training, console.log);
const flat: Embed = (v) => {
  const x = new Float64Array(HABIT_BUCKETS);
  v.index.forEach((b, i) => (x[b] = v.value[i]));
  return x;
};
const family = (g: string) => table.get(g)?.family ?? g;
// The detector's own evidence on the same pairs: p5 weights on prompt-model residuals (out-of-fold on DEV prompts).
const cf = corpusFeatures(records);
const oof = loadOutOfFold(PROMPT_MODEL.version);
const expectedOf = (q: string) => oof?.get(q) ?? expectedFeatures([q])[0];
const w2 = FEATURE_NAMES.map((n) => (DETECTOR_PARAMS.weights[n] ?? 0) ** 2);
const sideZ = (g: string, rs: readonly CorpusRecord[]) => {
  const zs = rs.map((r) => residualZ(cf, g, r, expectedOf(r.prompt)) ?? []);
  return FEATURE_NAMES.map((_, k) => zs.reduce((s, z) => s + (Number.isNaN(z[k]) ? 0 : (z[k] ?? 0)), 0) / zs.length);
};
const scalarAuc = (pairs: readonly HabitPair[]) =>
  auc(
    pairs.map((p) => {
      const [x, y] = [sideZ(p.drawn.a, p.drawn.P), sideZ(p.drawn.b, p.drawn.Q)];
      return x.reduce((s, v, k) => s + w2[k] * (v - y[k]) ** 2, 0);
    }),
    pairs.map((p) => p.different),
  );
const PAIRS = 2000;
const rows: (string | number)[][] = [];
const row = (name: string, m: Embed, pairs: HabitPair[]) =>
  rows.push([name, pairs.length / 2, habitPairAuc(m, pairs).toFixed(3), habitPairAuc(flat, pairs).toFixed(3), scalarAuc(pairs).toFixed(3)]);
for (let f = 0; f < HABIT_FOLDS; f++) {
  const gens = devGens.filter((g) => hm.foldOf(g) === f);
  const m = hm.excluding([f]).embed;
  console.log(`fold ${f}: ${gens.length} held-out generators; metric: ${hm.excluding([f]).size}`);
  for (const r of [1, 4]) {
    row(`DEV fold ${f} (held out), any two generators, ${r} repl.`, m, sampleHabitPairs(prompts.dev, gens, hm.vectorOf, PAIRS, 1430 + f, undefined, r));
    row(
      `DEV fold ${f} (held out), same family, ${r} repl.`,
      m,
      sampleHabitPairs(prompts.dev, gens, hm.vectorOf, PAIRS, 1440 + f, (g, h) => family(g) === family(h), r),
    );
  }
}
if (process.argv.includes('--eval')) {
  const { embed: m, size } = hm.excluding([]);
  const evalSets: Record<string, readonly string[]> = {
    'EVAL: all 8 generators × EVAL prompts': EVAL_GENERATORS,
    'EVAL: gpt-4o ↔ gpt-4o-mini': EVAL_SAME_FAMILY,
    'EVAL: gpt-4-1106 default / concise / verbose': EVAL_PROMPTED_MODES,
  };
  const logged = Object.entries(evalSets).map(([name, gens], i) => {
    const pairs = sampleHabitPairs(prompts.eval, gens, hm.vectorOf, PAIRS, 1450 + i);
    row(name, m, pairs);
    return {
      set: name,
      method: 'habit metric pair AUC (in recall column)',
      setting: size,
      recall: habitPairAuc(m, pairs),
      f1: null,
      falsePer100: 0,
    };
  });
  appendEvalLog(DETECTOR_VERSION, 'habit-m1', logged);
}
printTable(
  ['pairs (same + different, prompt-matched)', 'same pairs', 'learned habit metric AUC', 'all buckets weight 1 AUC', 'detector scalar features (p5) AUC'],
  rows,
);
console.log(`Training: ${JSON.stringify(training)}.`);
console.log(`Bench time ${((performance.now() - started) / 1000).toFixed(1)} s`);
