/**
 * npm run bench:router — validates the router analysis on seeded synthetic conversations with
 * known truth, then runs it on real data and prints what it finds. Prints numbers; asserts
 * nothing. Sizes are modest so the whole run fits in a few minutes on 2 shared cores.
 */
import { analyzeRouter } from '../src/core/router/index.ts';
import type { CandidateModel, RouterConversation, RouterReport } from '../src/core/router/types.ts';
import { generateDataset, TRUTH_CLASSES, type TruthClass, DEFAULT_GENERATOR } from './router/generator.ts';
import { loadUserPools, readRecords, toRouterConversation } from './router/real-data.ts';

const CONFUSION_DATASETS = 20; // per truth class
const TRIGGER_DATASETS = 50; // per condition (null effect, real effect)
const SYNTH_PERMUTATIONS = 199;
const REAL_PERMUTATIONS = 499;
const ALPHA = 0.05;

const EXPECTED: Record<TruthClass, CandidateModel> = {
  null: 'constant',
  'linear-drift': 'linear-trend',
  'random-walk': 'random-walk',
  'sticky-switcher': 'sticky-hmm',
  'boredom-switcher': 'sticky-hmm',
};
const MODELS: CandidateModel[] = ['constant', 'linear-trend', 'random-walk', 'mixture', 'piecewise-constant', 'sticky-hmm'];
const noText = () => ({});
const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : 'n/a');
const pad = (s: string | number, w: number) => String(s).padStart(w);

function section(title: string): void {
  console.log(`\n=== ${title} ===`);
}

function runSynthetic(truth: TruthClass, seed: number, pools: ReturnType<typeof loadUserPools>): RouterReport {
  const ds = generateDataset(truth, seed, pools);
  return analyzeRouter(ds.conversations, { extractFeatures: noText, seed, permutations: SYNTH_PERMUTATIONS, alpha: ALPHA, skipMirroring: true });
}

function confusion(pools: ReturnType<typeof loadUserPools>): void {
  section(`Router vs drift: confusion matrix (${CONFUSION_DATASETS} datasets per class)`);
  const t0 = performance.now();
  const rows: Record<string, Record<string, number>> = {};
  let correct = 0;
  let total = 0;
  const routerTable = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const truth of TRUTH_CLASSES) {
    rows[truth] = Object.fromEntries(MODELS.map((m) => [m, 0]));
    for (let i = 0; i < CONFUSION_DATASETS; i++) {
      const r = runSynthetic(truth, 1000 * (TRUTH_CLASSES.indexOf(truth) + 1) + i, pools);
      const winner = r.comparison?.winner ?? 'constant';
      rows[truth][winner]++;
      total++;
      if (winner === EXPECTED[truth]) correct++;
      const isRouter = truth === 'sticky-switcher' || truth === 'boredom-switcher';
      const saysRouter = r.comparison?.verdict === 'router-like';
      if (isRouter) saysRouter ? routerTable.tp++ : routerTable.fn++;
      else saysRouter ? routerTable.fp++ : routerTable.tn++;
    }
  }
  console.log(`${'truth \\ winner'.padEnd(18)}${MODELS.map((m) => pad(m, 19)).join('')}`);
  for (const truth of TRUTH_CLASSES) console.log(`${truth.padEnd(18)}${MODELS.map((m) => pad(rows[truth][m], 19)).join('')}`);
  console.log(`winner = expected model: ${correct}/${total} = ${pct(correct, total)} (target ≥ 90%)`);
  console.log(
    `verdict "router-like": switchers ${routerTable.tp}/${routerTable.tp + routerTable.fn} detected; non-switchers ${routerTable.fp}/${routerTable.fp + routerTable.tn} false "router-like"`,
  );
  console.log(`time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function triggers(pools: ReturnType<typeof loadUserPools>): void {
  section(`Trigger test: false-positive rate and power (${TRIGGER_DATASETS} datasets each, ${SYNTH_PERMUTATIONS} rotations, α = ${ALPHA})`);
  const t0 = performance.now();
  for (const truth of ['sticky-switcher', 'boredom-switcher'] as const) {
    let tested = 0;
    let rawReject = 0;
    let holmReject = 0;
    let familyReject = 0;
    const rr: number[] = [];
    for (let i = 0; i < TRIGGER_DATASETS; i++) {
      const r = runSynthetic(truth, 50_000 + (truth === 'sticky-switcher' ? 0 : 10_000) + i, pools);
      const b = r.triggers?.tests.find((t) => t.cue === 'boredom');
      if (r.triggers?.tests.some((t) => t.significant)) familyReject++;
      if (!b || b.status !== 'tested') continue;
      tested++;
      if ((b.p ?? 1) < ALPHA) rawReject++;
      if (b.significant) holmReject++;
      if (b.riskRatio !== null && Number.isFinite(b.riskRatio)) rr.push(b.riskRatio);
    }
    rr.sort((a, b) => a - b);
    const label = truth === 'sticky-switcher' ? 'no trigger effect (false-positive rate)' : 'real boredom effect (power)';
    console.log(
      `${label}: boredom tested in ${tested}/${TRIGGER_DATASETS}; rejected raw ${pct(rawReject, tested)}, Holm ${pct(holmReject, tested)}; any cue class rejected (Holm) in ${pct(familyReject, TRIGGER_DATASETS)}; median risk ratio ${rr.length ? rr[rr.length >> 1].toFixed(2) : 'n/a'}`,
    );
  }
  console.log(`time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function printReal(name: string, convs: RouterConversation[]): void {
  const t0 = performance.now();
  const r = analyzeRouter(convs, { seed: 7, permutations: REAL_PERMUTATIONS, alpha: ALPHA });
  console.log(`\n--- ${name}: ${r.sizes.conversationsUsed} conversations, ${r.sizes.replies} replies (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  if (r.comparison) {
    const c = r.comparison;
    console.log(`verdict ${c.verdict}; winner ${c.winner} by ΔBIC ${c.margin.toFixed(1)} over ${c.runnerUp}; switching vs drift ${c.switchingVsDrift.toFixed(1)}; HMM vs piecewise ${c.hmmVsPiecewise.toFixed(1)}`);
    console.log(`  fits: ${c.fits.map((f) => `${f.model} ΔBIC ${f.deltaBic.toFixed(1)}`).join('; ')}`);
  }
  if (r.repertoire) {
    console.log(`K by BIC ${r.repertoire.chosenK} (weights ${r.repertoire.candidates.map((k) => `K${k.k} ${(100 * k.weight).toFixed(0)}%`).join(' ')}), ${r.repertoire.dims} dims from ${r.repertoire.featuresUsed.length} features`);
    for (const s of r.repertoire.states) console.log(`  ${s.description}`);
  }
  if (r.transitions) console.log(`  ${r.transitions.conclusion}`);
  if (r.triggers) {
    console.log(`  cue counts ${JSON.stringify(r.triggers.cueCounts)}`);
    for (const t of r.triggers.tests) console.log(`  ${t.conclusion}`);
  }
  console.log(`  ${r.modelSwitch.conclusion}`);
  console.log(`  ${r.mirroring.conclusion}`);
}

function realData(): void {
  section(`Real data (${REAL_PERMUTATIONS} rotations; features from the instrument's extractFeatures)`);
  const axis = readRecords('assistant_axis_transcripts.jsonl');
  for (const model of [...new Set(axis.map((r) => r.model ?? '?'))])
    printReal(`Assistant Axis, ${model}`, axis.filter((r) => r.model === model).map(toRouterConversation));
  const unsteered = axis.filter((r) => r.steering === 'unsteered' || r.kind === 'persona_drift');
  printReal('Assistant Axis, all unsteered + persona_drift (mixed models)', unsteered.map(toRouterConversation));
  printReal('ChatGPT export pkuppens 2023 (all models)', readRecords('chatgpt_export_pkuppens_2023.jsonl').map(toRouterConversation));
  printReal('ShareGPT 92k sample', readRecords('sharegpt92k_sample.jsonl').map(toRouterConversation));
}

function main(): void {
  const t0 = performance.now();
  const pools = loadUserPools();
  console.log('router bench — sizes used:');
  console.log(
    `  synthetic: ${DEFAULT_GENERATOR.conversations} conversations × ${DEFAULT_GENERATOR.minReplies}–${DEFAULT_GENERATOR.maxReplies} replies, ${DEFAULT_GENERATOR.dims} features, ${DEFAULT_GENERATOR.states} states, stay ${DEFAULT_GENERATOR.stay}, switch after boredom ${DEFAULT_GENERATOR.switchAfterBoredom}, boredom cue rate ${DEFAULT_GENERATOR.boredomRate}, separation ${DEFAULT_GENERATOR.separation} SD, slope ${DEFAULT_GENERATOR.slope}/reply, walk step ${DEFAULT_GENERATOR.walkStep}`,
  );
  console.log(`  user turns: ${pools.sources}`);
  console.log(`  confusion: ${CONFUSION_DATASETS}/class; triggers: ${TRIGGER_DATASETS}/condition; permutations ${SYNTH_PERMUTATIONS} synthetic, ${REAL_PERMUTATIONS} real`);
  confusion(pools);
  triggers(pools);
  realData();
  console.log(`\ntotal time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main();
