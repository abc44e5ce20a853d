/**
 * Shift-detection benchmark, v2 (issue 14). Prints numbers, asserts nothing.
 *   npm run bench:detect                 the committed detector on DEV and EVAL sets
 *   npm run bench:detect -- --no-oracle  skip the supervised oracle (~1–2 min)
 *   npm run bench:detect -- --dev-only   DEV sets only: nothing from the evaluation split is run or logged
 *
 * Headline: recall and F1 at a fixed operating point, ≤ 2 false switches per 100 possible switch
 * points (n − 1 per conversation of n replies). Our detector's operating point (its penalty) is
 * chosen on DEV sets only; baselines get theirs chosen on each set itself (optimistic for them).
 * Intervals: 95% bootstrap over conversations. Splits: bench/lib/split-v2.ts (generator AND prompt).
 * Every EVAL run is appended to bench/eval-log.tsv. Older tuners: bench/detect-legacy.bench.ts.
 */
import { DETECTOR_VERSION, requestsBefore } from '../src/core/analyze.ts';
import { expectedFeatures } from '../src/core/detect/input.ts';
import type { FeatureValues } from '../src/core/model/types.ts';
import { CANDIDATES } from './lib/candidates.ts';
import { loadOutOfFold } from './lib/prompt-oof.ts';
import { PROMPT_MODEL } from '../src/core/detect/prompt-model-data.ts';
import { DETECTOR_PARAMS, type DetectorParams } from '../src/core/detect/params.ts';
import { FeatureColumns } from '../src/core/detect/columns.ts';
import { labelChangeAt } from '../src/core/detect/labels.ts';
import { standardise } from '../src/core/detect/series.ts';
import { generatorTable, loadCorpus, missingData } from './lib/corpus.ts';
import { DATA_DIR } from './lib/data.ts';
import { corpusFeatures } from './lib/feature-cache.ts';
import { replyMeasures } from './lib/features.ts';
import { appendEvalLog, timesEvaluated, type EvalLogRow } from './lib/eval-log.ts';
import { bootstrap, curveLine, fmtInterval, MAX_FALSE_PER_100, operatingPoint, outcome, pool, type Curve } from './lib/operating-point.ts';
import { ORACLE_PENALTIES, oracleSeries, oracleSwitches } from './lib/oracle.ts';
import { devGenerators, splitPrompts } from './lib/split-v2.ts';
import { devSpecs, evalSpecs, type SetSpec } from './lib/sets-v2.ts';
import { realModelSwitches, realSingleSourceSets, type BenchConversation } from './lib/sets.ts';
import { printTable } from './lib/table.ts';
import { assistantAxisSet, bigFiveSet, labelRight, verbositySet, type TraitConversation } from './lib/trait-sets.ts';
import { detectionSamples, runParams, type Prepared } from './lib/tune.ts';
import { calibrate, type Calibration } from '../src/core/detect/calibration.ts';
import { fitCalibration, heldOutSet } from './lib/calibration-fit.ts';
import { expectedCalibrationError, RELIABILITY_HEADERS, reliabilityRows, type ConfidenceOutcome } from './lib/reliability.ts';
import { styleWindowBaseline } from './lib/baselines.ts';
import { FEATURE_NAMES, FEATURES } from '../src/core/features/registry.ts';
import { DISCRIMINANT_OPTIONS, datasetGroups, discriminantInput, featureLdaFolds } from './lib/feature-lda.ts';
import { shortWindowPower } from './lib/short-windows.ts';
import { promptVector } from './lib/prompt-input.ts';
import { EVAL_PROMPTED_MODES } from './lib/split.ts';
import { fitPairMetric, metricWeights, samplePairs } from './lib/pair-metric.ts';
import { WORD_HABIT_BUCKETS, wordHabitVector } from './lib/word-habits.ts';
import { habitMetricCostOf, type HabitTraining } from './lib/habit-folds.ts';
import { userRefitRows } from './lib/user-refit.ts';
import { PRIOR_PRECISION } from '../src/core/detect/user-calibration.ts';
import { kernelCost } from '../src/core/changepoint/cost.ts';
import { cosineGram } from './lib/style/vector.ts';
import { benchAnalyze, paramsHash as hashOf, type BenchParams } from './lib/channels.ts';

const missing = missingData();
if (missing.length) {
  console.log(`bench:detect needs ../shared/data (looked in ${DATA_DIR}); missing:\n  ${missing.join('\n  ')}\nNothing measured.`);
  process.exit(0);
}

const started = performance.now();
const args = new Set(process.argv.slice(2));
const log = (s: string) => console.log(s);
const records = loadCorpus();
const table = generatorTable();
const cf = corpusFeatures(records, log);
const prompts = splitPrompts(records);
const devGens = devGenerators(table, cf.generators);
// The pairwise "same generator?" metric, learned on DEV prompt-matched pairs (bench/lib/pair-metric.ts).
const outOfFold = loadOutOfFold(PROMPT_MODEL.version);
const shippedExpected = new Map<string, FeatureValues>();
const expectedOfPrompt = (q: string): FeatureValues => {
  let e = outOfFold?.get(q) ?? shippedExpected.get(q);
  if (!e) shippedExpected.set(q, (e = expectedFeatures([q])[0]));
  return e;
};
const pairCoef = fitPairMetric(samplePairs(cf, prompts.dev, devGens, expectedOfPrompt, 8000, 1407));
const candidate = process.argv.find((a, i) => process.argv[i - 1] === '--candidate');
// --habit W: add the word + character n-gram habit kernel (bench/lib/word-habits.ts) with weight W (DEV only).
const habitWeight = Number(process.argv.find((a, i) => process.argv[i - 1] === '--habit') ?? 0);
// --habit-metric W: add the learned "same generator?" habit metric (bench/lib/habit-metric.ts) as a kernel with weight W (DEV only).
const metricWeight = Number(process.argv.find((a, i) => process.argv[i - 1] === '--habit-metric') ?? 0);
// --habit-replies R: the metric's training pairs compare means of R replies (segment means);
// --habit-siblings-only: its "different" pairs only within a family;
// --habit-lda RANK [--habit-siblings S]: the low-rank discriminant instead (bench/lib/habit-lda.ts).
const flag = (name: string) => process.argv.find((a, i) => process.argv[i - 1] === name);
const habitTraining: HabitTraining = flag('--habit-lda')
  ? { kind: 'lda', rank: Number(flag('--habit-lda')), siblings: Number(flag('--habit-siblings') ?? 0) }
  : { replies: Number(flag('--habit-replies') ?? 1), siblingsOnly: process.argv.includes('--habit-siblings-only') };
// --habit-clip C: the discriminant's dimensions median-centred and clipped to ±C per conversation.
const habitClip = Number(flag('--habit-clip') ?? 0);
const habitMetricCost = metricWeight > 0 ? habitMetricCostOf(prompts.dev, devGens, table, habitTraining, log, habitClip) : null;
const candidates: Record<string, DetectorParams> = {
  ...CANDIDATES,
  'pm-pairs': { ...DETECTOR_PARAMS, weights: metricWeights(pairCoef) },
  'pm-pairs-30': { ...DETECTOR_PARAMS, weights: metricWeights(pairCoef, 0.3) },
};
if (candidate && !candidates[candidate]) throw new Error(`unknown candidate ${candidate}; known: ${Object.keys(candidates).join(', ')}`);
const chosen: DetectorParams = candidate ? candidates[candidate] : DETECTOR_PARAMS;
if (habitWeight > 0 && metricWeight > 0) throw new Error('--habit and --habit-metric share the kernel channel: give one');
// --feature-lda RANK: the generator discriminant (src/core/detect/discriminant.ts) refitted at another
// rank (bench/lib/feature-lda.ts) with weight W (--feature-lda-weight W; 0: it replaces the
// features; --feature-lda-keep a,b keeps only those features beside it); DEV only unless --eval.
// Whenever the parameters use a discriminant, DEV conversations get one cross-fitted without their
// generators' family folds, EVAL conversations the one fitted on every DEV generator.
const ldaRank = Number(flag('--feature-lda') ?? 0);
const ldaWeight = Number(flag('--feature-lda-weight') ?? 0);
const withLda = (p: DetectorParams): DetectorParams => {
  if (!ldaRank) return p;
  const keep = flag('--feature-lda-keep')?.split(',');
  const kept = keep ? Object.fromEntries(Object.entries(p.weights).filter(([f]) => keep.includes(f))) : p.weights;
  return { ...p, weights: ldaWeight > 0 ? kept : {}, discriminant: { weight: ldaWeight || 1 } };
};
const base: DetectorParams = withLda(chosen);
const ldaFolds = base.discriminant
  ? featureLdaFolds(
      cf,
      prompts.dev,
      devGens,
      table,
      expectedOfPrompt,
      discriminantInput(FEATURE_NAMES, PROMPT_MODEL.residualScale),
      ldaRank
        ? {
            rank: ldaRank,
            ridge: Number(flag('--feature-lda-ridge') ?? 0.05),
            // --feature-lda-siblings S: relatives' spread around their family mean added to the between scatter.
            siblings: Number(flag('--feature-lda-siblings') ?? 0),
            family: (g: string) => table.get(g)?.family ?? g,
            // --feature-lda-task W: a generator's spread across source datasets counted again as noise, weight W.
            taskNuisance: Number(flag('--feature-lda-task') ?? 0),
            groups: flag('--feature-lda-task') ? datasetGroups(cf, prompts.dev, devGens) : undefined,
          }
        : DISCRIMINANT_OPTIONS,
    )
  : null;
if (ldaRank) {
  args.add(args.has('--eval') ? '--eval' : '--dev-only');
  console.log(
    `FEATURE LDA rank ${ldaRank} (${ldaWeight > 0 ? `added, weight ${ldaWeight}` : 'replacing the features'}); between/within ratios on all DEV: ${ldaFolds?.excluding([]).ratio.join(' ')}`,
  );
}
const discriminantOf = (c: BenchConversation) => {
  if (!ldaFolds) return undefined;
  const folds = c.turns.filter((t) => t.role === 'assistant').map((t) => (t.model ? ldaFolds.foldOf(t.model) : undefined));
  return ldaFolds.excluding(folds.every((f) => f !== undefined) ? (folds as number[]) : []);
};
const params: BenchParams = habitWeight + metricWeight > 0 ? { ...base, styleWeight: habitWeight + metricWeight } : base;
if (habitWeight + metricWeight > 0 && !args.has('--eval')) args.add('--dev-only');
// A candidate stays on DEV unless --eval says otherwise (every evaluation is logged).
if (candidate && !args.has('--eval')) args.add('--dev-only');
const paramsHash = hashOf(params);

console.log(
  `Persona shift detector ${DETECTOR_VERSION} (params hash ${paramsHash})${candidate ? `, CANDIDATE ${candidate}` : ''}${habitWeight > 0 ? `, HABIT KERNEL weight ${habitWeight}` : ''}${metricWeight > 0 ? `, LEARNED HABIT METRIC weight ${metricWeight} (${JSON.stringify(habitTraining)}${habitClip ? `, clip ${habitClip}` : ''})` : ''}`,
);
console.log(
  `Split: ${devGens.length} DEV generators × ${prompts.dev.length} DEV prompts (tuning); 8 EVAL generators × ${prompts.eval.length} EVAL prompts (reported).`,
);
console.log(
  `Operating point: ≤ ${MAX_FALSE_PER_100} false switches per 100 possible switch points (n − 1 per conversation); a switch found ≤ 1 reply off counts.\n`,
);

// ---------------------------------------------------------------------------------------------
// Methods. Each runs at a series of settings, least sensitive first.
const expectedMemo = new Map<string, FeatureValues>();
if (params.expectedFromPrompt && !outOfFold)
  console.log(
    `NOTE: no out-of-fold DEV predictions for prompt model ${PROMPT_MODEL.version} (run npm run train:prompt-model); DEV numbers use in-sample predictions and are optimistic.`,
  );
const expectedOf = (turns: BenchConversation['turns']) =>
  requestsBefore(turns).map((r) => {
    let e = outOfFold?.get(r) ?? expectedMemo.get(r);
    if (!e) expectedMemo.set(r, (e = expectedFeatures([r])[0]));
    return e;
  });
const prepare = (c: BenchConversation): Prepared => ({
  features: replyMeasures(c.turns).map((m) => m.features),
  discriminant: discriminantOf(c),
  profiles: [],
  prompts: promptVector(c.turns),
  expected: params.expectedFromPrompt ? expectedOf(c.turns) : undefined,
  truth: c.truth,
  style: habitWeight > 0 ? habitCost(c.turns) : habitMetricCost ? habitMetricCost(c.turns) : undefined,
});
function habitCost(turns: BenchConversation['turns']) {
  const replies = turns.filter((t) => t.role === 'assistant');
  return kernelCost(
    cosineGram(
      replies.map((r) => wordHabitVector(r.text, { chars: true })),
      WORD_HABIT_BUCKETS,
    ),
    replies.length,
  );
}
const PENALTIES = [40, 30, 24, 20, 16, 13, 10, 8, 6, 5, 4, 3, 2];
const withPenalty = (p: BenchParams, base: number): BenchParams => ({ ...p, segment: { ...p.segment, penaltyBase: base } });
const curveOf = (items: Prepared[], settings: (string | number)[], run: (it: Prepared, s: number) => number[]): Curve => ({
  settings,
  outcomes: settings.map((_, si) => items.map((it) => outcome(it.truth, run(it, si), it.features.length))),
});
function oursCurve(items: Prepared[], p: BenchParams): Curve {
  return {
    settings: PENALTIES.map((b) => `pen ${b}`),
    outcomes: PENALTIES.map((b) => {
      const { est } = runParams(items, withPenalty(p, b));
      return items.map((it, i) => outcome(it.truth, est[i], it.features.length));
    }),
  };
}
const KS = [60, 50, 40, 30, 25, 20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 2];
const everyK = (items: Prepared[]) =>
  curveOf(
    items,
    KS.map((k) => `k ${k}`),
    (it, si) => Array.from({ length: Math.floor((it.features.length - 1) / KS[si]) }, (_, j) => (j + 1) * KS[si]),
  );
const THRESHOLDS = [3, 2.5, 2, 1.75, 1.5, 1.25, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
const allWeights = Object.fromEntries(FEATURES.map((f) => [f.name, 1]));
const naive = (items: Prepared[]) => {
  const mats = items.map((it) => standardise(it.features, { weights: allWeights, priorScale: params.priorScale, priorStrength: 3, clip: 4 }).matrix);
  return curveOf(
    items,
    THRESHOLDS.map((t) => `th ${t}`),
    (it, si) => styleWindowBaseline(mats[items.indexOf(it)], THRESHOLDS[si]),
  );
};
const never = (items: Prepared[]): Curve => ({ settings: ['—'], outcomes: [items.map((it) => outcome(it.truth, [], it.features.length))] });

// ---------------------------------------------------------------------------------------------
// DEV: choose our operating point (penalty) on DEV sets only.
const dev = devSpecs(prompts.dev, devGens, table);
const devPrepared = new Map(dev.map((s) => [s.name, s.conversations.map(prepare)]));
const devCurves = new Map(dev.map((s) => [s.name, oursCurve(devPrepared.get(s.name)!, params)]));
const devSwitchSets = dev.filter((s) => s.kind === 'switch');
let devPoint = -1,
  devBest = -1;
PENALTIES.forEach((_, i) => {
  const ok = dev.every((s) => pool(devCurves.get(s.name)!.outcomes[i]).falsePer100 <= MAX_FALSE_PER_100);
  const meanF1 = devSwitchSets.reduce((a, s) => a + pool(devCurves.get(s.name)!.outcomes[i]).f1, 0) / devSwitchSets.length;
  if (ok && meanF1 > devBest) [devPoint, devBest] = [i, meanF1];
});
if (devPoint < 0) devPoint = 0;
console.log(
  `DEV operating point of our detector: penalty ${PENALTIES[devPoint]} + ${params.segment.penaltyPerLogN}·ln n (committed: ${params.segment.penaltyBase}); every DEV set ≤ ${MAX_FALSE_PER_100} false /100 points, best mean DEV F1 ${devBest.toFixed(3)}.`,
);

// Confidence curve fitted on DEV detections at the DEV operating point (every DEV set, switch sets and
// controls); it is judged on EVAL generators below (expected calibration error).
const atDevPoint = withPenalty(params, PENALTIES[devPoint]);
const devCurve = fitCalibration(dev.flatMap((s) => detectionSamples(devPrepared.get(s.name)!, atDevPoint)));
const fmtCurve = (c: Calibration) => `a ${c.a.toFixed(4)}, b ${c.b.toFixed(4)}`;
console.log(`Confidence curve fitted on DEV detections: ${fmtCurve(devCurve)}; in use: ${fmtCurve(params.calibration)}.`);
// --calibration-cv: the curve judged on each DEV set after fitting it on the others, with its slope shrunk.
if (args.has('--calibration-cv')) {
  const bySet = new Map(dev.map((s) => [s.name, detectionSamples(devPrepared.get(s.name)!, atDevPoint)]));
  const slopes = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
  const rows = slopes.map((k) => ({ k, ...heldOutSet(bySet, k) }));
  console.log(`Held-out-set ECE / log loss on DEV by slope factor: ${rows.map((r) => `${r.k}: ${r.ece.toFixed(3)} / ${r.logLoss.toFixed(4)}`).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
type Row = (string | number)[];
const HEAD = ['set', 'method', 'setting', 'recall [95% CI]', 'F1 [95% CI]', 'precision', 'false /100 points [95% CI]'];
const rowOf = (set: string, method: string, c: Curve, i: number): Row => {
  if (i < 0) return [set, method, 'none ≤ 2', '—', '—', '—', '—'];
  const b = bootstrap(c.outcomes[i]);
  const p = pool(c.outcomes[i]);
  return [
    set,
    method,
    String(c.settings[i]),
    p.recall === null ? '—' : fmtInterval(b.recall),
    p.recall === null ? '—' : fmtInterval(b.f1),
    p.precision === null ? '—' : p.precision.toFixed(2),
    fmtInterval(b.falsePer100, 1),
  ];
};
const logRows: EvalLogRow[] = [];
function report(specs: SetSpec[], preparedOf: (s: SetSpec) => Prepared[], oursCurves: Map<string, Curve>, withOracle: boolean, logIt: boolean): void {
  const rows: Row[] = [];
  const curves: string[] = [];
  for (const s of specs) {
    const items = preparedOf(s);
    const ours = oursCurves.get(s.name)!;
    rows.push(rowOf(s.name, 'ours (DEV operating point)', ours, devPoint));
    if (logIt) {
      const p = pool(ours.outcomes[devPoint]);
      logRows.push({
        set: s.name,
        method: 'ours@dev',
        setting: String(ours.settings[devPoint]),
        recall: p.recall,
        f1: s.kind === 'switch' ? p.f1 : null,
        falsePer100: p.falsePer100,
      });
    }
    curves.push(`${s.name}: ${curveLine(ours)}`);
    if (s.kind === 'control') continue;
    rows.push(rowOf(s.name, 'ours, best setting on this set (optimistic)', ours, operatingPoint(ours)));
    const k = everyK(items);
    rows.push(rowOf(s.name, 'every-k (best k on this set)', k, operatingPoint(k)));
    const nv = naive(items);
    rows.push(rowOf(s.name, 'naive style window (best on this set)', nv, operatingPoint(nv)));
    rows.push(rowOf(s.name, 'never switch', never(items), 0));
    if (withOracle && s.generators.length) {
      const o = oracleSeries(records, s.generators, s.conversations);
      const oc = curveOf(
        items,
        ORACLE_PENALTIES.map((x) => `pen ${x}`),
        (it, si) => oracleSwitches(o.series[items.indexOf(it)], ORACLE_PENALTIES[si]),
      );
      rows.push(rowOf(s.name, `supervised oracle (reply acc. ${o.replyAccuracy.toFixed(2)})`, oc, operatingPoint(oc)));
    }
    // Without the operating-point constraint: what F1 alone would say.
    const kFree = k.outcomes.map((os) => pool(os).f1);
    const kBest = kFree.indexOf(Math.max(...kFree));
    rows.push([
      s.name,
      'every-k, best F1 ignoring false alarms',
      String(k.settings[kBest]),
      fmtInterval(bootstrap(k.outcomes[kBest]).recall),
      fmtInterval(bootstrap(k.outcomes[kBest]).f1),
      (pool(k.outcomes[kBest]).precision ?? 0).toFixed(2),
      fmtInterval(bootstrap(k.outcomes[kBest]).falsePer100, 1),
    ]);
  }
  printTable(HEAD, rows);
  console.log('\nPrecision–recall curves of our detector over the penalty (R recall, P precision, @ false switches /100 points):');
  for (const c of curves) console.log('  ' + c);
}

console.log('\n## DEV sets (dev generators × dev prompts; tuning may look here)');
{
  const pairs = (dev.find((s) => s.name === 'dev cross-family')?.conversations ?? [])
    .map((c) => [...new Set(c.turns.flatMap((t) => (t.model ? [t.model] : [])))] as [string, string])
    .filter((g) => g.length === 2);
  const gates: Record<string, DetectorParams['gate']> = {
    'shuffle (permutation.ts), p ≤ 0.1': { ...params.gate, null: 'shuffle', maxPValue: 0.1 },
    'Gaussian null (gaussian-test.ts), p ≤ 0.1': { ...params.gate, null: 'gaussian', maxPValue: 0.1 },
    'Gaussian null, p ≤ 0.02': { ...params.gate, null: 'gaussian', maxPValue: 0.02 },
  };
  const rows = shortWindowPower(
    prompts.dev,
    pairs,
    (q) =>
      expectedOf([
        { role: 'user', text: q },
        { role: 'assistant', text: '' },
      ])[0],
    params,
    gates,
  );
  console.log('Switch tests on 3 + 3 reply windows at the true split (DEV cross-family pairs; 300 windows each):');
  printTable(
    ['test', 'level', 'passes on a real switch', 'passes without a switch'],
    rows.map((r) => [r.test, r.level, r.power.toFixed(2), r.falsePass.toFixed(2)]),
  );
}
report(dev, (s) => devPrepared.get(s.name)!, devCurves, false, false);

if (!args.has('--dev-only')) {
  const evalSets = evalSpecs(prompts.eval);
  const evalPrepared = new Map(evalSets.map((s) => [s.name, s.conversations.map(prepare)]));
  const evalCurves = new Map(evalSets.map((s) => [s.name, oursCurve(evalPrepared.get(s.name)!, params)]));
  const before = timesEvaluated(paramsHash);
  console.log(
    `\n## EVAL sets (8 evaluation generators × evaluation prompts; never used in tuning)${before ? ` — NOTE: these parameters were already evaluated ${before} time(s) (bench/eval-log.tsv)` : ''}`,
  );
  report(evalSets, (s) => evalPrepared.get(s.name)!, evalCurves, !args.has('--no-oracle'), true);
  const evalDetections = new Map(evalSets.map((s) => [s.name, detectionSamples(evalPrepared.get(s.name)!, atDevPoint)]));
  const evalConf = (c: Calibration): ConfidenceOutcome[] =>
    evalSets.flatMap((s) => evalDetections.get(s.name)!).map((x) => ({ conf: calibrate(x.score, c), ok: x.positive }));
  const inUse = evalConf(params.calibration);
  console.log(
    `\nReliability of switch confidence on EVAL generators (all EVAL sets, DEV operating point), curve in use — ECE ${expectedCalibrationError(inUse).toFixed(3)} (DEV-fitted curve: ${expectedCalibrationError(evalConf(devCurve)).toFixed(3)}):`,
  );
  printTable(RELIABILITY_HEADERS, reliabilityRows(inUse));
  logRows.push({
    set: 'all EVAL sets',
    method: 'ECE of confidence',
    setting: fmtCurve(params.calibration),
    recall: null,
    f1: null,
    falsePer100: 0,
    ece: expectedCalibrationError(inUse),
  });
  // Per-user refit from verdicts (src/core/detect/user-calibration.ts), simulated: each EVAL switch set is one "user".
  const users: Record<string, { score: number; positive: boolean }[]> = Object.fromEntries(
    evalSets.filter((s) => s.kind === 'switch').map((s) => [s.name, evalDetections.get(s.name)!]),
  );
  users['all EVAL sets'] = evalSets.flatMap((s) => evalDetections.get(s.name)!);
  const refit = userRefitRows(users, params.calibration);
  console.log(
    '\nPer-user refit of the confidence curve from k verdicts on detected switches (confirm = matched a real change), ECE on that user’s other switches; mean [95% range] over 50 draws:',
  );
  const ece3 = (e: readonly [number, number, number]) => `${e[0].toFixed(3)} [${e[1].toFixed(3)}, ${e[2].toFixed(3)}]`;
  printTable(
    ['user (EVAL set)', 'k verdicts', 'switches measured', 'ECE shipped curve', 'ECE after refit'],
    refit.map((r) => [r.user, r.k, r.held, ece3(r.shipped), ece3(r.refit)]),
  );
  for (const r of refit.filter((x) => x.user === 'all EVAL sets'))
    logRows.push({
      set: 'all EVAL sets',
      method: `ECE after per-user refit, ${r.k} verdicts`,
      setting: `prior ${PRIOR_PRECISION}`,
      recall: null,
      f1: null,
      falsePer100: 0,
      ece: r.refit[0],
    });
  console.log(
    '\nTargets (EVAL, at ≤ 2 false /100 points): cross-family F1 ≥ 0.85, same-family ≥ 0.60, prompted-mode ≥ 0.80, topic-coherent cross-family ≥ 0.80.',
  );

  // Real conversations: the only real model switches, and real single-source chats (false alarms).
  console.log('\n## Real conversations (detector blind to model slugs)');
  const p = withPenalty(params, PENALTIES[devPoint]);
  const realRows: Row[] = [];
  for (const [name, cs] of Object.entries(realSingleSourceSets())) {
    const items = cs.map(prepare);
    const c: Curve = { settings: ['dev point'], outcomes: [runParams(items, p).est.map((est, i) => outcome([], est, items[i].features.length))] };
    realRows.push(rowOf(name, 'ours (DEV operating point)', c, 0));
    const pooled = pool(c.outcomes[0]);
    logRows.push({ set: name, method: 'ours@dev', setting: `pen ${PENALTIES[devPoint]}`, recall: null, f1: null, falsePer100: pooled.falsePer100 });
  }
  printTable(HEAD, realRows);
  for (const c of realModelSwitches()) {
    const a = benchAnalyze(
      c.turns.map((t) => ({ role: t.role, text: t.text })),
      { params: p },
    );
    const o = outcome(c.truth, a.switches, a.replies.length);
    console.log(
      `  ChatGPT export "${c.title}": ${a.replies.length} replies, true switch at ${JSON.stringify(c.truth)} (${c.models[c.truth[0] - 1]} → ${c.models[c.truth[0]]}); detected ${JSON.stringify(a.switches)}: ${o.tp} of ${o.truth} found, ${o.est - o.tp} false`,
    );
    for (const t of a.switches) console.log(`    reply ${t} (conf ${a.replies[t].confidence}): ${a.replies[t].labels.map((l) => l.text).join('; ')}`);
  }

  // Persona-trait sets: is the change found, and does the label name the trait and direction?
  console.log('\n## Persona-trait sets: the label is judged (top label must name the trait in the right direction)');
  const traitSets: Record<string, TraitConversation[]> = {
    'PersonaLLM Big Five, one trait flipped (gpt-3.5/gpt-4)': bigFiveSet(),
    'concise ↔ verbose, gpt-4-1106 (EVAL prompts)': verbositySet(prompts.eval, EVAL_PROMPTED_MODES[1], EVAL_PROMPTED_MODES[2], 100, 1404),
    'Assistant Axis: capped → unsteered (same user turns)': assistantAxisSet(),
  };
  const traitRows: Row[] = [];
  for (const [name, cs] of Object.entries(traitSets)) {
    const byTrait = new Map<string, { n: number; top: number; any: number; found: number; atFound: number }>();
    for (const c of cs) {
      const features = replyMeasures(c.turns).map((m) => m.features);
      const cols = new FeatureColumns(features);
      const labels = labelChangeAt(cols, 0, c.change, features.length, 1, { priorScale: p.priorScale, ...p.labels });
      const a = benchAnalyze(c.turns, { params: p, measures: features.map((f) => ({ features: f, profile: null })) });
      const hit = a.switches.find((t) => Math.abs(t - c.change) <= 1);
      const s = byTrait.get(c.trait) ?? { n: 0, top: 0, any: 0, found: 0, atFound: 0 };
      s.n++;
      s.top += labelRight(labels, c.expected) ? 1 : 0;
      s.any += labelRight(labels, c.expected, true) ? 1 : 0;
      if (hit !== undefined) s.found++, (s.atFound += labelRight(a.replies[hit].labels, c.expected) ? 1 : 0);
      byTrait.set(c.trait, s);
    }
    for (const [trait, s] of byTrait)
      traitRows.push([
        name,
        trait,
        s.n,
        (s.top / s.n).toFixed(2),
        (s.any / s.n).toFixed(2),
        (s.found / s.n).toFixed(2),
        s.found ? (s.atFound / s.found).toFixed(2) : '—',
      ]);
    const tot = [...byTrait.values()].reduce((a, s) => ({ n: a.n + s.n, top: a.top + s.top }), { n: 0, top: 0 });
    logRows.push({ set: name, method: 'label top-1 right at true change', setting: '', recall: tot.top / tot.n, f1: null, falsePer100: 0 });
  }
  printTable(
    [
      'set',
      'trait',
      'convs',
      'top label right (at true change)',
      'any of ≤3 labels right',
      'change detected (±1, DEV point)',
      'top label right at detected change',
    ],
    traitRows,
  );
  console.log('Target: trait and direction right ≥ 90%.');
  appendEvalLog(DETECTOR_VERSION, paramsHash, logRows);
  console.log(`\nLogged ${logRows.length} EVAL rows to bench/eval-log.tsv.`);
}
console.log(`\nBench time ${((performance.now() - started) / 1000).toFixed(1)} s`);
