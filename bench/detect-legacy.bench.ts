/**
 * Shift-detection benchmark (prints numbers, asserts nothing).
 *   npx tsx bench/detect.bench.ts          evaluate the committed parameters (src/core/detect/params.ts)
 *   npx tsx bench/detect.bench.ts --tune-robust  re-tune shrinkage, penalty, switch-test level on DEV
 *                                          (--with-style: also the style-kernel weight; see STYLE_GRID)
 *                                          (worst-generator false-switch constraint; ~1 min)
 *   npx tsx bench/detect.bench.ts --tune   re-tune on DEV generators only and print new parameters
 *                                          (slow: several minutes; QUICK=1 narrows the grid and logs it)
 * Every run fits the confidence curve out of fold on DEV (leave-one-generator-out) and prints its
 * dev out-of-fold and eval reliability; a re-tune adopts the curve with lower dev held-out ECE.
 * Generator split and why: bench/lib/split.ts. Margin: a switch found one reply early/late counts.
 */
import { DETECTOR_VERSION, requestsBefore } from '../src/core/analyze.ts';
import { cosineGram, styleVector, type SparseVector } from './lib/style/vector.ts';
import { benchAnalyze, replyStyleVector, withChannels, type BenchParams } from './lib/channels.ts';
import { kernelCost, type SegmentCost } from '../src/core/changepoint/cost.ts';
import { learnBucketWeights } from './lib/style-weights.ts';
import { promptFeatures } from '../src/core/features/prompt.ts';
import { residualize } from './lib/prompt-model.ts';
import { DETECTOR_PARAMS } from '../src/core/detect/params.ts';
import { standardise } from '../src/core/detect/series.ts';
import { bocpdStartProbabilities } from '../src/core/changepoint/bocpd.ts';
import { loadAlpaca } from './lib/data.ts';
import { replyMeasures } from './lib/features.ts';
import { assistantAxis, devSets, evalSplicedSets, realModelSwitches, realSingleSourceSets, type BenchConversation } from './lib/sets.ts';
import { DEV_CROSS_PAIRS, DEV_GENERATORS, DEV_NEAR_FAMILY, EVAL_CROSS_PAIRS, EVAL_GENERATORS, EVAL_PROMPTED_MODES, EVAL_SAME_FAMILY } from './lib/split.ts';
import { scoreSet } from './lib/score.ts';
import { calibrate, type Calibration } from '../src/core/detect/calibration.ts';
import { fitCalibration } from './lib/calibration-fit.ts';
import { crossFitCalibration, foldPrecision } from './lib/calibration-oof.ts';
import { expectedCalibrationError, RELIABILITY_HEADERS, reliabilityRows, type ConfidenceOutcome } from './lib/reliability.ts';
import { printTable } from './lib/table.ts';
import {
  detectionSamples,
  devFisherWeights,
  devPriorScales,
  devPromptModel,
  naiveSwitches,
  ROBUST_GRID,
  runParams,
  STYLE_GRID,
  tune,
  tuneNaive,
  tuneRobust,
  type Prepared,
  type WeightScheme,
} from './lib/tune.ts';
import { toTurns } from './lib/data.ts';
import { FEATURES } from '../src/core/features/registry.ts';
import { oracleCeiling, type OracleResult } from './lib/oracle.ts';
import { pairSeparability, REPRESENTATIONS } from './lib/pair-separability.ts';

const started = performance.now();
const records = loadAlpaca();
// Style-skeleton vectors: eval and real sets use the committed bucket weights (learned on all DEV
// generators); DEV sets use weights learned on the OTHER dev generators (cross-fitting), so dev
// scores measure transfer to generators the weights never saw.
const committedStyle = new Map<string, SparseVector>();
const crossFitWeights = new Map<string, Float32Array>();
function styleGram(c: BenchConversation, crossFit: boolean): SegmentCost {
  const replies = c.turns.filter((t) => t.role === 'assistant');
  let vs: SparseVector[];
  if (crossFit) {
    const own = [...new Set(replies.map((t) => t.model ?? ''))].sort();
    const key = own.join('|');
    let w = crossFitWeights.get(key);
    if (!w)
      crossFitWeights.set(
        key,
        (w = learnBucketWeights(
          records,
          DEV_GENERATORS.filter((g) => !own.includes(g)),
        )),
      );
    vs = replies.map((t) => styleVector(t.text, { bucketWeights: w }));
  } else {
    vs = replies.map((t) => {
      let v = committedStyle.get(t.text);
      if (!v) committedStyle.set(t.text, (v = replyStyleVector(t.text)));
      return v;
    });
  }
  return kernelCost(cosineGram(vs), vs.length);
}
// Style vectors cost time; build them only when the committed detector or the tuner uses them.
const withStyle = process.argv.includes('--with-style');
const needStyle = withStyle; // the shipped detector has no style kernel
const prep = (cs: BenchConversation[], crossFit = false): Prepared[] =>
  cs.map((c) => {
    const m = replyMeasures(c.turns);
    const group = [...new Set(c.turns.filter((t) => t.role === 'assistant').map((t) => t.model ?? ''))].sort().join('|');
    return {
      features: m.map((x) => x.features),
      profiles: m.map((x) => x.profile),
      prompts: requestsBefore(c.turns).map(promptFeatures),
      truth: c.truth,
      style: needStyle ? styleGram(c, crossFit) : undefined,
      group,
    };
  });

const dev = devSets(records);
const devSwitch = prep(dev['dev cross-family'], true);
const devNear = prep(dev['dev near-family (llama-2/vicuna)'], true);
const devSingle = prep(dev['dev single-generator'], true);

console.log(`Persona shift detector ${DETECTOR_VERSION}`);
console.log(`DEV generators (tuning only): ${DEV_GENERATORS.join(', ')}`);
console.log(`EVAL generators (reported):   ${EVAL_GENERATORS.join(', ')}`);
console.log('Spliced conversations: 2–4 segments of 3–8 replies on distinct random alpaca_eval prompts (seeded).');
console.log('Scores pooled over conversations; a switch found ≤ 1 reply off counts (ruptures margin 2).\n');

let params: BenchParams = DETECTOR_PARAMS;
if (process.argv.includes('--tune')) {
  const priorScale = devPriorScales(records, DEV_GENERATORS);
  const fisher = devFisherWeights(records, DEV_GENERATORS);
  const base = { ...DETECTOR_PARAMS, priorScale };
  const uniform = Object.fromEntries(
    FEATURES.filter(
      (f) =>
        !f.englishOnly ||
        ['function_word_share', 'contractions_per_100w', 'hedge_per_100w', 'second_person_per_100w', 'first_singular_per_100w'].includes(f.name),
    ).map((f) => [f.name, 0.5]),
  );
  const fisherWide = devFisherWeights(records, DEV_GENERATORS, 0.05);
  const promptModel = devPromptModel(records, DEV_GENERATORS);
  const fisherPrompt = devFisherWeights(records, DEV_GENERATORS, 0.2, promptModel);
  const none = {};
  const all: Record<string, WeightScheme> = {
    committed: { weights: DETECTOR_PARAMS.weights, promptModel: none },
    fisher: { weights: fisher, promptModel: none },
    fisherWide: { weights: fisherWide, promptModel: none },
    uniform: { weights: uniform, promptModel: none },
    fisherPrompt: { weights: fisherPrompt, promptModel },
    fisherPromptCommittedWeights: { weights: fisher, promptModel },
    // A priori (not learned): equal weights on language-neutral layout and length features.
    layout: {
      weights: Object.fromEntries(
        ['words_log', 'paragraphs', 'sentence_words', 'list_share', 'headers', 'bold_per_100w', 'mattr', 'word_length', 'function_word_share'].map((f) => [
          f,
          0.6,
        ]),
      ),
      promptModel: none,
    },
  };
  const schemes: Record<string, WeightScheme> = process.env.QUICK ? { fisher: all.fisher, layout: all.layout } : all;
  const res = tune(base, schemes, devSwitch, devSingle);
  params = res.params;
  console.log(`Tuned on DEV (scheme ${res.scheme}): dev cross F1 ${res.devSwitch.f1.toFixed(3)}, dev single false/100 ${res.devSingle.falsePer100.toFixed(2)}`);
  console.log('PRIOR_SCALE =', JSON.stringify(priorScale));
  console.log('params =', JSON.stringify({ ...withChannels(params), priorScale: undefined }), '\n');
}

if (process.argv.includes('--tune-robust')) {
  const res = tuneRobust(params, [devSwitch, devNear], devSingle, 2, withStyle ? STYLE_GRID : ROBUST_GRID);
  params = res.params;
  console.log(
    `Re-tuned on DEV (cross-fitted style weights): dev F1 cross ${res.f1[0].toFixed(3)}, near ${res.f1[1].toFixed(3)}; single false/100 mean ${res.meanFalse.toFixed(2)}, worst generator ${res.worstFalse.toFixed(2)}`,
  );
  console.log(
    'priorStrength',
    params.priorStrength,
    'styleWeight',
    params.styleWeight ?? 0,
    'segment',
    JSON.stringify(withChannels(params).segment),
    'gate',
    JSON.stringify(params.gate),
    '\n',
  );
}

// Confidence curve, fitted out of fold on DEV (leave-one-generator-out; bench/lib/calibration-oof.ts).
// Near-family counts twice: hard pairs are 2 of the 3 eval switch sets. Runs every time, so the
// dev out-of-fold reliability is always printed.
const calibrationSets = {
  switchSets: [
    { items: devSwitch, weight: 1 },
    { items: devNear, weight: 2 },
  ],
  single: { items: devSingle, weight: 1 },
};
const oof = crossFitCalibration(params, DEV_GENERATORS, calibrationSets.switchSets, calibrationSets.single);
// The p3 method: curve fitted in-sample on dev detections of the final parameters.
const inSampleCurve = fitCalibration([...calibrationSets.switchSets, calibrationSets.single].flatMap((s) => detectionSamples(s.items, params, s.weight)));
// Which curve a re-tune adopts is decided on DEV only: lower expected calibration error on the
// held-out-generator detections (out-of-fold curve vs the in-sample method). Measured with p3:
// the in-sample method wins (dev held-out generators are not harder than dev in-sample ones).
const oofEce = expectedCalibrationError(oof.reliability.outOfFold),
  inSampleEce = expectedCalibrationError(oof.reliability.inSample);
const devChoice = oofEce < inSampleEce ? oof.calibration : inSampleCurve;
if (process.argv.includes('--tune') || process.argv.includes('--tune-robust')) params = { ...params, calibration: devChoice };
const fmtCurve = (c: Calibration) => `a ${c.a.toFixed(4)}, b ${c.b.toFixed(4)}`;
console.log(
  `Confidence curves (DEV only): out-of-fold fit ${fmtCurve(oof.calibration)} (dev held-out ECE ${oofEce.toFixed(3)}); in-sample fit ${fmtCurve(inSampleCurve)} (dev held-out ECE ${inSampleEce.toFixed(3)}); dev choice: ${devChoice === inSampleCurve ? 'in-sample' : 'out-of-fold'}; in use: ${fmtCurve(params.calibration)}`,
);
console.log(
  `  held-out generator precision of detections: ${foldPrecision(oof.samples, DEV_GENERATORS)
    .map((f) => `${f.generator} ${f.precision.toFixed(2)} (w ${f.weight.toFixed(0)})`)
    .join(', ')}`,
);
console.log(
  `  fold parameters: ${oof.folds.map((f) => `without ${f.generator}: priorStrength ${f.params.priorStrength}, penalty ${f.params.segment.penaltyBase} + ${f.params.segment.penaltyPerLogN}·ln n`).join('; ')}\n`,
);

const naiveThreshold = tuneNaive(devSwitch, devSingle, params.priorScale);

// BOCPD (online detector) threshold on P(start | 2 more replies), tuned on DEV like everything else.
const bocpdSwitches = (it: Prepared, th: number) => {
  const input = params.promptModel && Object.keys(params.promptModel).length ? residualize(it.features, it.prompts, params.promptModel) : it.features;
  const s = standardise(input, {
    weights: params.weights,
    priorScale: params.priorScale,
    priorStrength: params.priorStrength,
    clip: params.clip,
    transform: params.transform,
  });
  const p = bocpdStartProbabilities(s.matrix, 2, params.bocpd);
  return p.flatMap((x, t) => (x > th && (p[t - 1] ?? 0) <= x && x >= (p[t + 1] ?? 0) ? [t] : []));
};
let bocpdTh = 0.5;
{
  let bestObj = -Infinity;
  for (const th of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
    const a = scoreSet(devSwitch.map((it) => ({ truth: it.truth, est: bocpdSwitches(it, th), n: it.features.length })));
    const b = scoreSet(devSingle.map((it) => ({ truth: it.truth, est: bocpdSwitches(it, th), n: it.features.length })));
    const obj = a.f1 - 0.01 * b.falsePer100;
    if (obj > bestObj) [bestObj, bocpdTh] = [obj, th];
  }
}

type Method = 'ours (PELT offline)' | 'BOCPD online (lag 2)' | 'naive style window' | 'zero baseline';
function runAll(items: Prepared[]): Record<Method, number[][]> {
  return {
    'ours (PELT offline)': runParams(items, params).est,
    'BOCPD online (lag 2)': items.map((it) => bocpdSwitches(it, bocpdTh)),
    'naive style window': items.map((it) => naiveSwitches(it.features, params.priorScale, naiveThreshold)),
    'zero baseline': items.map(() => []),
  };
}

const evalSets = evalSplicedSets(records);
const real = realSingleSourceSets();
const allSets: Record<string, Prepared[]> = {
  'dev cross-family': devSwitch,
  'dev near-family (llama-2/vicuna)': devNear,
  'dev single-generator': devSingle,
  ...Object.fromEntries(Object.entries(evalSets).map(([k, v]) => [k, prep(v)])),
  ...Object.fromEntries(Object.entries(real).map(([k, v]) => [k, prep(v)])),
};

// The oracle ceiling per spliced set (bench/lib/oracle.ts): supervised on the set's own
// generators and told which ones a conversation mixes. A reference for what per-reply evidence
// allows on these conversations, not a method. ~2 min; --no-oracle skips it (and the pair table).
const oracleGenerators: Record<string, readonly string[]> = {
  'dev cross-family': [...new Set(DEV_CROSS_PAIRS.flat())],
  'dev near-family (llama-2/vicuna)': DEV_NEAR_FAMILY,
  'eval cross-family': [...new Set(EVAL_CROSS_PAIRS.flat())],
  'eval same-family (4o/4o-mini)': EVAL_SAME_FAMILY,
  'eval prompted-mode (1106 ×3)': EVAL_PROMPTED_MODES,
};
const splicedByName: Record<string, BenchConversation[]> = { ...dev, ...evalSets };
const oracle = new Map<string, OracleResult>();
if (!process.argv.includes('--no-oracle'))
  for (const [name, gens] of Object.entries(oracleGenerators)) oracle.set(name, oracleCeiling(records, gens, splicedByName[name]));

const rows: (string | number)[][] = [];
const reliability: { score: number; ok: boolean }[] = [];
for (const [name, items] of Object.entries(allSets)) {
  const results = runAll(items);
  for (const [method, est] of Object.entries(results)) {
    const s = scoreSet(items.map((it, i) => ({ truth: it.truth, est: est[i], n: it.features.length })));
    const hasTruth = s.trueSwitches > 0;
    rows.push([
      name,
      method,
      s.conversations,
      s.replies,
      hasTruth ? (s.precision ?? NaN) : NaN,
      hasTruth ? (s.recall ?? NaN) : NaN,
      hasTruth ? s.f1 : NaN,
      s.falsePer100,
    ]);
  }
  const o = oracle.get(name);
  if (o)
    rows.push([
      name,
      `supervised oracle (reply acc. ${o.replyAccuracy.toFixed(2)})`,
      o.score.conversations,
      o.score.replies,
      o.score.precision ?? NaN,
      o.score.recall ?? NaN,
      o.score.f1,
      o.score.falsePer100,
    ]);
  // Reliability of the confidence of our detected switches (eval spliced sets only; reported, never fitted on).
  if (name.startsWith('eval')) for (const x of detectionSamples(items, params)) reliability.push({ score: x.score, ok: x.positive });
}
const evalWith = (c: Calibration): ConfidenceOutcome[] => reliability.map((r) => ({ conf: calibrate(r.score, c), ok: r.ok }));

console.log(`Thresholds tuned on DEV: naive window ${naiveThreshold}, BOCPD ${bocpdTh}.`);
printTable(['set', 'method', 'convs', 'replies', 'precision', 'recall', 'F1', 'false switches /100 replies'], rows);

console.log('\nTargets (eval): cross-family F1 ≥ 0.90, same-family F1 ≥ 0.65, prompted-mode F1 ≥ 0.85, ≤ 2 false switches /100 single-source replies.');
if (oracle.size) {
  console.log(
    "Supervised oracle = a reference, not a detector: softmax regression trained on the set's own generators (other prompts, cross-fitted), told which generators each",
  );
  console.log('conversation mixes, segmenting by best-source likelihood with the penalty that maximises F1 on the set itself. Not a detector');
  console.log(
    "(it knows the models); it bounds what per-reply evidence supports here. Reply accuracy = its per-reply pick among the conversation's generators.",
  );
  const modePairs = [
    [EVAL_PROMPTED_MODES[0], EVAL_PROMPTED_MODES[1]],
    [EVAL_PROMPTED_MODES[0], EVAL_PROMPTED_MODES[2]],
    [EVAL_PROMPTED_MODES[1], EVAL_PROMPTED_MODES[2]],
  ];
  const devPairs = [...DEV_CROSS_PAIRS, DEV_NEAR_FAMILY];
  const separability = pairSeparability(records, devPairs, {
    'dev cross-family': DEV_CROSS_PAIRS,
    'dev near-family': [DEV_NEAR_FAMILY],
    'eval cross-family': EVAL_CROSS_PAIRS,
    'eval same-family': [EVAL_SAME_FAMILY],
    'eval prompted-mode': modePairs,
  });
  console.log('\nPair separability: AUC of "same generator" vs "different generators" for two replies to different prompts (0.5 = no signal;');
  console.log('3000 draws per set, each a same and a different pair). The learned metric is fitted on dev pairs only.');
  printTable(
    ['set', ...REPRESENTATIONS],
    Object.entries(separability).map(([set, aucs]) => [set, ...aucs]),
  );
}

const reliabilityReport = (title: string, rs: ConfidenceOutcome[]) => {
  console.log(`\n${title} — ECE ${expectedCalibrationError(rs).toFixed(3)}`);
  printTable(RELIABILITY_HEADERS, reliabilityRows(rs));
};
console.log('\nReliability of switch confidence (our detector). ECE = expected calibration error over these bins.');
reliabilityReport('DEV held-out generator, curve fitted out of fold (on held-out detections of the other generators)', oof.reliability.outOfFold);
reliabilityReport("DEV held-out generator, curve fitted in-sample on the fold's training generators (the p3 method)", oof.reliability.inSample);
reliabilityReport('EVAL, all eval spliced sets incl. single-generator: curve in use', evalWith(params.calibration));
reliabilityReport('EVAL, same detections: out-of-fold dev curve (for comparison)', evalWith(oof.calibration));
console.log('\nReal ChatGPT export conversations that switch model (truth = model slug changes; detector blind to slugs):');
for (const c of realModelSwitches()) {
  const a = benchAnalyze(
    c.turns.map((t) => ({ role: t.role, text: t.text })),
    { params },
  );
  const s = scoreSet([{ truth: c.truth, est: a.switches, n: a.replies.length }]);
  console.log(
    `  "${c.title}": ${a.replies.length} replies, true switch at ${JSON.stringify(c.truth)} (${c.models[c.truth[0] - 1]} → ${c.models[c.truth[0]]}); detected ${JSON.stringify(a.switches)} → recall ${s.recall}, precision ${s.precision ?? '—'}`,
  );
  for (const t of a.switches) console.log(`    reply ${t} (conf ${a.replies[t].confidence}): ${a.replies[t].labels.map((l) => l.text).join('; ')}`);
}

console.log('\nAssistant Axis transcripts (documented gradual drift, not switches; what the detector says):');
printTable(
  ['transcript', 'replies', 'other-identity /100w, 1st → 2nd half', 'switches', 'states', 'labels at switches'],
  assistantAxis().map((c) => {
    const a = benchAnalyze(toTurns(c), { params });
    const oi = a.replies.map((r) => r.features.other_identity_per_100w ?? 0);
    const half = Math.floor(oi.length / 2);
    const avg = (xs: number[]) => (xs.length ? xs.reduce((x, y) => x + y, 0) / xs.length : 0);
    const drift = `${avg(oi.slice(0, half)).toFixed(2)} → ${avg(oi.slice(half)).toFixed(2)}`;
    const states = [...new Set(a.replies.map((r) => `${r.state}:${r.stateName}`))].join(', ');
    const labels = a.switches.map((t) => `${t}: ${a.replies[t].labels.map((l) => l.text).join('/')} (${a.replies[t].confidence})`).join('; ');
    return [c.id.replace('assistant_axis-', ''), a.replies.length, drift, JSON.stringify(a.switches), states, labels || '—'];
  }),
);
console.log(`\nBench time ${((performance.now() - started) / 1000).toFixed(1)} s`);
