/**
 * Shift-label benchmark (issue 14, "honest labels"). Prints numbers, asserts nothing.
 *   npm run bench:labels            DEV only: label methods compared on DEV sets
 *   npm run bench:labels -- --eval  also the persona-trait sets (logged to bench/eval-log.tsv)
 *
 * Label methods, all on the same segments: "raw" (effects between the segments as they are, every
 * feature counts: detector 0.4) and "honest" (the committed options: only features beyond their own
 * within-segment noise count, effects shrunk; src/core/detect/labels.ts).
 * DEV (dev generators × dev prompts; design may look here):
 * - claude-2.1 concise ↔ verbose at the true change: top label right (kind and direction);
 * - at the detector's own switches (DEV operating point) on DEV switch sets and single-source
 *   controls: how often a switch gets a named label (not "style shift"), for switches that match a
 *   real change (±1) and for false ones, and the mean |effect| of the top label's strongest feature.
 *   A false switch has no real change behind it, so labels there measure inflation.
 * EVAL (--eval): the persona-trait sets of bench:detect, top label right at the true change.
 */
import { analyzeConversation, DETECTOR_VERSION, requestsBefore } from '../src/core/analyze.ts';
import { expectedFeatures } from '../src/core/detect/input.ts';
import { residualizeExpected } from '../src/core/detect/prompt-predictor.ts';
import { PROMPT_MODEL } from '../src/core/detect/prompt-model-data.ts';
import type { FeatureValues } from '../src/core/model/types.ts';
import { loadOutOfFold } from './lib/prompt-oof.ts';
import { FeatureColumns } from '../src/core/detect/columns.ts';
import { labelChangeAt, type LabelOptions } from '../src/core/detect/labels.ts';
import { DETECTOR_PARAMS } from '../src/core/detect/params.ts';
import type { ShiftLabel } from '../src/core/model/types.ts';
import { hashString } from '../src/core/text/hash.ts';
import { generatorTable, loadCorpus, missingData } from './lib/corpus.ts';
import { DATA_DIR } from './lib/data.ts';
import { appendEvalLog, type EvalLogRow } from './lib/eval-log.ts';
import { corpusFeatures } from './lib/feature-cache.ts';
import { replyMeasures } from './lib/features.ts';
import { MARGIN } from './lib/score.ts';
import { devSpecs } from './lib/sets-v2.ts';
import { EVAL_PROMPTED_MODES } from './lib/split.ts';
import { devGenerators, splitPrompts } from './lib/split-v2.ts';
import { printTable } from './lib/table.ts';
import { assistantAxisSet, bigFiveSet, labelRight, verbositySet, type TraitConversation } from './lib/trait-sets.ts';

const missing = missingData();
if (missing.length) {
  console.log(`bench:labels needs ../shared/data (looked in ${DATA_DIR}); missing:\n  ${missing.join('\n  ')}\nNothing measured.`);
  process.exit(0);
}
const started = performance.now();
const evalToo = process.argv.includes('--eval');
const p = DETECTOR_PARAMS;
const base = { priorScale: p.priorScale, ...p.labels };
const METHODS: Record<string, LabelOptions> = {
  'raw (0.4: every feature, unshrunk, minEffect 0.8)': { ...base, minEffect: 0.8, effectPrior: undefined, minNoiseZ: undefined },
  'raw, minEffect as committed': { ...base, minEffect: base.minEffect, effectPrior: undefined, minNoiseZ: undefined },
  'beyond noise only (z ≥ 2), unshrunk': { ...base, effectPrior: undefined },
  'shrunk only (τ = 1)': { ...base, minNoiseZ: undefined },
  [`honest (committed: τ = ${p.labels.effectPrior}, z ≥ ${p.labels.minNoiseZ}, minEffect ${p.labels.minEffect})`]: base,
};

const records = loadCorpus();
const table = generatorTable();
const cf = corpusFeatures(records, () => {});
const prompts = splitPrompts(records);
const devGens = devGenerators(table, cf.generators);
const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(0)}% (${k}/${n})` : '—');

// Labels can also read prompt-model residuals (what the reply does beyond what the request asks
// for): out-of-fold predictions on DEV prompts, the shipped model elsewhere.
const outOfFold = loadOutOfFold(PROMPT_MODEL.version);
const residualFeatures = (turns: TraitConversation['turns'], features: FeatureValues[]) =>
  residualizeExpected(
    features,
    requestsBefore(turns).map((r) => outOfFold?.get(r) ?? expectedFeatures([r])[0]),
  );
const RESIDUAL = ' — on prompt-model residuals';
const ALL_METHODS: Record<string, LabelOptions> = {
  ...METHODS,
  [`raw, minEffect as committed${RESIDUAL}`]: METHODS['raw, minEffect as committed'],
  [`honest${RESIDUAL}`]: base,
};

function traitRows(set: string, cs: readonly TraitConversation[]): { rows: (string | number)[][]; right: Map<string, number> } {
  const rows: (string | number)[][] = [];
  const right = new Map<string, number>();
  for (const [method, o] of Object.entries(ALL_METHODS)) {
    let top = 0,
      any = 0;
    for (const c of cs) {
      const measured = replyMeasures(c.turns).map((m) => m.features);
      const features = method.endsWith(RESIDUAL) ? residualFeatures(c.turns, measured) : measured;
      const labels = labelChangeAt(new FeatureColumns(features), 0, c.change, features.length, 1, o);
      top += labelRight(labels, c.expected) ? 1 : 0;
      any += labelRight(labels, c.expected, true) ? 1 : 0;
    }
    rows.push([set, method, cs.length, pct(top, cs.length), pct(any, cs.length)]);
    right.set(method, top / cs.length);
  }
  return { rows, right };
}
const TRAIT_HEAD = ['set', 'label method', 'convs', 'top label right (true change)', 'any of ≤ 3 right'];

console.log(`Shift labels, detector ${DETECTOR_VERSION}`);
console.log('\n## DEV: concise ↔ verbose (claude-2.1, DEV prompts), labels at the true change');
const devModes = ['claude-2.1_concise', 'claude-2.1_verbose'];
if (devModes.every((g) => devGens.includes(g)))
  printTable(TRAIT_HEAD, traitRows('dev concise ↔ verbose', verbositySet(prompts.dev, devModes[0], devModes[1], 100, 1414)).rows);
else console.log('  (claude-2.1 modes not among DEV generators; skipped)');

// Labels at the detector's own switches on DEV sets (shipped prompt model; in-sample on DEV prompts).
console.log('\n## DEV: labels at the detector’s own switches (DEV operating point)');
const named = (ls: readonly ShiftLabel[]) => ls.some((l) => l.kind !== 'style');
const topEffect = (ls: readonly ShiftLabel[]) => Math.abs(ls[0]?.evidence[0]?.effect ?? 0);
type Tally = { n: number; named: number; effect: number };
const tallies = new Map<string, { real: Tally; falseSw: Tally }>(
  Object.keys(METHODS).map((m) => [m, { real: { n: 0, named: 0, effect: 0 }, falseSw: { n: 0, named: 0, effect: 0 } }]),
);
for (const spec of devSpecs(prompts.dev, devGens, table)) {
  for (const c of spec.conversations) {
    const features = replyMeasures(c.turns).map((m) => m.features);
    const a = analyzeConversation(c.turns, { measures: features.map((f) => ({ features: f, profile: null })) });
    const bounds = [0, ...a.switches, features.length];
    const cols = new FeatureColumns(features);
    for (let i = 1; i < bounds.length - 1; i++) {
      const real = c.truth.some((t) => Math.abs(t - bounds[i]) <= MARGIN);
      for (const [method, o] of Object.entries(METHODS)) {
        const ls = labelChangeAt(cols, bounds[i - 1], bounds[i], bounds[i + 1], 1, o);
        const t = real ? tallies.get(method)!.real : tallies.get(method)!.falseSw;
        t.n++;
        t.named += named(ls) ? 1 : 0;
        t.effect += topEffect(ls);
      }
    }
  }
}
printTable(
  ['label method', 'real switches: named label', 'mean |top effect|', 'false switches: named label', 'mean |top effect|'],
  [...tallies].map(([m, { real, falseSw }]) => [
    m,
    pct(real.named, real.n),
    (real.effect / real.n).toFixed(2),
    pct(falseSw.named, falseSw.n),
    (falseSw.effect / falseSw.n).toFixed(2),
  ]),
);

if (evalToo) {
  console.log('\n## EVAL persona-trait sets: top label must name the trait in the right direction (true change)');
  const sets: Record<string, TraitConversation[]> = {
    'PersonaLLM Big Five, one trait flipped (gpt-3.5/gpt-4)': bigFiveSet(),
    'concise ↔ verbose, gpt-4-1106 (EVAL prompts)': verbositySet(prompts.eval, EVAL_PROMPTED_MODES[1], EVAL_PROMPTED_MODES[2], 100, 1404),
    'Assistant Axis: capped → unsteered (same user turns)': assistantAxisSet(),
  };
  const rows: (string | number)[][] = [];
  const logRows: EvalLogRow[] = [];
  const committed = Object.keys(METHODS).at(-1)!;
  for (const [name, cs] of Object.entries(sets)) {
    const r = traitRows(name, cs);
    rows.push(...r.rows);
    logRows.push({ set: name, method: 'label top-1 right at true change', setting: 'bench:labels', recall: r.right.get(committed)!, f1: null, falsePer100: 0 });
  }
  printTable(TRAIT_HEAD, rows);
  console.log('Target: trait and direction right ≥ 90%.');
  appendEvalLog(DETECTOR_VERSION, hashString(JSON.stringify(p)).slice(0, 8), logRows);
  console.log(`Logged ${logRows.length} EVAL rows to bench/eval-log.tsv.`);
}
console.log(`\nBench time ${((performance.now() - started) / 1000).toFixed(1)} s`);
