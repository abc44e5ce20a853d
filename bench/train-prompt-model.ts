/**
 * Trains the prompt model (src/core/detect/prompt-predictor.ts) and writes it as data to
 * src/core/detect/prompt-model-data.ts: `npm run train:prompt-model`. Deterministic (no random
 * step except a seeded reply order for the noise scales), DEV generators × DEV prompts only
 * (bench/lib/split-v2.ts); evaluation prompts and generators are never read here.
 *
 * Target per DEV prompt: the mean of each feature over the DEV generators that answered it (a
 * low-noise estimate of what the request asks for). Model: ridge regression on promptVector()
 * (dual form: 483 prompts, 4k inputs), λ per feature by 5-fold cross-validation over prompts.
 * Printed: cross-validated variance explained on DEV prompts, for the per-prompt mean and for
 * single replies within a generator (what the detector sees).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { CACHE_DIR } from './lib/feature-cache.ts';
import { oofFile } from './lib/prompt-oof.ts';
import { resolve } from 'node:path';
import { FEATURES, FEATURE_NAMES } from '../src/core/features/registry.ts';
import { diffScale } from '../src/core/detect/series.ts';
import { encodeFloat32, type PromptModelArtifact } from '../src/core/detect/prompt-predictor.ts';
import { PROMPT_DIMS, promptVector, type PromptVector } from '../src/core/detect/prompt-text.ts';
import { generatorTable, loadCorpus, missingData } from './lib/corpus.ts';
import { corpusFeatures } from './lib/feature-cache.ts';
import { makeRng } from './lib/rng.ts';
import { PROMPT_MODEL_VERSION } from './lib/prompt-oof.ts';
import { devGenerators, splitPrompts } from './lib/split-v2.ts';

const LAMBDAS = [0.03, 0.1, 0.3, 1, 3, 10, 30];
const FOLDS = 5;

if (missingData().length) {
  console.log(`train:prompt-model needs ../shared/data; missing: ${missingData().join(', ')}. Nothing trained.`);
  process.exit(0);
}

const records = loadCorpus();
const cf = corpusFeatures(records, console.log);
const gens = devGenerators(generatorTable(), cf.generators);
const dev = splitPrompts(records).dev;
const n = dev.length,
  d = FEATURE_NAMES.length;
const X: PromptVector[] = dev.map((r) => promptVector(r.prompt));
// Y[i][k]: mean over dev generators; per-reply values kept for the within-generator measures.
const Y = dev.map((r) =>
  FEATURE_NAMES.map((_, k) => {
    let s = 0,
      c = 0;
    for (const g of gens) {
      const v = cf.value(g, r.index, k);
      if (!Number.isNaN(v)) (s += v), c++;
    }
    return c ? s / c : NaN;
  }),
);

const dot = (a: PromptVector, b: PromptVector) => {
  let s = 0,
    i = 0,
    j = 0;
  while (i < a.index.length && j < b.index.length) {
    if (a.index[i] === b.index[j]) s += a.value[i++] * b.value[j++];
    else if (a.index[i] < b.index[j]) i++;
    else j++;
  }
  return s;
};
const K = X.map((a) => X.map((b) => dot(a, b)));

/** Solves (K[rows,rows] + λI) α = y by Cholesky. */
function solve(rows: number[], lambda: number, y: number[]): number[] {
  const m = rows.length;
  const L = Array.from({ length: m }, () => new Float64Array(m));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = K[rows[i]][rows[j]] + (i === j ? lambda : 0);
      for (let q = 0; q < j; q++) s -= L[i][q] * L[j][q];
      L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j];
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = y[i];
    for (let q = 0; q < i; q++) s -= L[i][q] * z[q];
    z[i] = s / L[i][i];
  }
  const a = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i];
    for (let q = i + 1; q < m; q++) s -= L[q][i] * a[q];
    a[i] = s / L[i][i];
  }
  return a;
}

const valid = (k: number) => dev.map((_, i) => i).filter((i) => !Number.isNaN(Y[i][k]));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Cross-validated predictions of feature k at λ (fold = position mod FOLDS). */
function cvPredict(k: number, lambda: number): Map<number, number> {
  const rows = valid(k);
  const out = new Map<number, number>();
  for (let f = 0; f < FOLDS; f++) {
    const train = rows.filter((_, j) => j % FOLDS !== f),
      test = rows.filter((_, j) => j % FOLDS === f);
    const mu = mean(train.map((i) => Y[i][k]));
    const alpha = solve(
      train,
      lambda,
      train.map((i) => Y[i][k] - mu),
    );
    for (const i of test) out.set(i, mu + train.reduce((s, r, j) => s + alpha[j] * K[i][r], 0));
  }
  return out;
}
const r2 = (pairs: [number, number][]) => {
  const m = mean(pairs.map((p) => p[0]));
  const ss = pairs.reduce((s, p) => s + (p[0] - m) ** 2, 0);
  return 1 - pairs.reduce((s, p) => s + (p[0] - p[1]) ** 2, 0) / (ss || 1);
};

const artifact: PromptModelArtifact = { version: PROMPT_MODEL_VERSION, features: FEATURE_NAMES, intercept: [], weights: [], residualScale: {}, separation: {} };
const rng = makeRng(1405);
const order = rng.shuffle(dev.map((_, i) => i));
const report: string[][] = [];
// Out-of-fold expected features of every DEV prompt: the bench scores DEV conversations with these,
// so tuning never sees a prediction made by a model that was fitted on the same prompt.
const oof: Record<string, Record<string, number>> = Object.fromEntries(dev.map((r) => [r.prompt, {}]));
const ratios: Record<string, number> = {};
FEATURES.forEach((def, k) => {
  let best = { lambda: LAMBDAS[0], r2: -Infinity, preds: new Map<number, number>() };
  for (const lambda of LAMBDAS) {
    const preds = cvPredict(k, lambda);
    const score = r2([...preds].map(([i, p]) => [Y[i][k], p]));
    if (score > best.r2) best = { lambda, r2: score, preds };
  }
  for (const [i, p] of best.preds) oof[dev[i].prompt][def.name] = p;
  // Final fit on all dev prompts.
  const rows = valid(k);
  const mu = mean(rows.map((i) => Y[i][k]));
  const alpha = solve(
    rows,
    best.lambda,
    rows.map((i) => Y[i][k] - mu),
  );
  const w = new Float32Array(PROMPT_DIMS);
  rows.forEach((i, j) => {
    const v = X[i];
    for (let q = 0; q < v.index.length; q++) w[v.index[q]] += alpha[j] * v.value[q];
  });
  artifact.intercept = [...artifact.intercept, Number(mu.toPrecision(7))];
  artifact.weights = [...artifact.weights, encodeFloat32(w)];
  // Single replies, within each generator, with cross-validated predictions.
  let ssRaw = 0,
    ssRes = 0;
  const scales: number[] = [],
    genMeans: number[] = [],
    withinVar: number[] = [];
  for (const g of gens) {
    const xs: number[] = [],
      rs: number[] = [];
    for (const i of order) {
      const x = cf.value(g, dev[i].index, k);
      const p = best.preds.get(i);
      if (Number.isNaN(x) || p === undefined) continue;
      xs.push(x), rs.push(x - p);
    }
    if (xs.length < 20) continue;
    const mx = mean(xs),
      mr = mean(rs);
    ssRaw += xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    ssRes += rs.reduce((s, r) => s + (r - mr) ** 2, 0);
    scales.push(diffScale(rs));
    genMeans.push(mr);
    withinVar.push(rs.reduce((s, r) => s + (r - mr) ** 2, 0) / (rs.length - 1));
  }
  const sorted = [...scales].sort((a, b) => a - b);
  artifact.residualScale = {
    ...artifact.residualScale,
    [def.name]: Number(Math.max(sorted[sorted.length >> 1] ?? 0, 0.02 * (def.range[1] - def.range[0])).toPrecision(3)),
  };
  const between = genMeans.reduce((s, m) => s + (m - mean(genMeans)) ** 2, 0) / Math.max(1, genMeans.length - 1);
  ratios[def.name] = Math.sqrt(between / (mean(withinVar) || 1));
  report.push([def.name, String(best.lambda), best.r2.toFixed(3), (1 - ssRes / (ssRaw || 1)).toFixed(3), ratios[def.name].toFixed(3)]);
});
const top = Math.max(...Object.values(ratios));
artifact.separation = Object.fromEntries(Object.entries(ratios).map(([f, r]) => [f, Number((r / top).toFixed(3))]));

console.log(`Prompt model ${PROMPT_MODEL_VERSION}: ${gens.length} DEV generators × ${n} DEV prompts, ${PROMPT_DIMS} inputs, ${d} features.`);
console.log('feature | λ | CV R² of the per-prompt mean | CV R² within generator (single replies) | residual between/within-generator SD');
for (const r of report) console.log(r.join(' | '));
const out = resolve(import.meta.dirname, '../src/core/detect/prompt-model-data.ts');
const body = `/* Generated by \`npm run train:prompt-model\` (bench/train-prompt-model.ts). Do not edit.
 * Trained on AlpacaEval replies (tatsu-lab/alpaca_eval, Apache-2.0): ${gens.length} development generators ×
 * ${n} development prompts; evaluation generators and prompts excluded (bench/lib/split-v2.ts). */
import type { PromptModelArtifact } from './prompt-model-artifact.ts';

export const PROMPT_MODEL: PromptModelArtifact = ${JSON.stringify(artifact, null, 1)};
`;
writeFileSync(out, body);
console.log(`wrote ${out} (${(body.length / 1024).toFixed(0)} KB)`);
mkdirSync(CACHE_DIR, { recursive: true });
writeFileSync(oofFile(PROMPT_MODEL_VERSION), JSON.stringify(oof));
console.log(`wrote out-of-fold DEV predictions to ${oofFile(PROMPT_MODEL_VERSION)}`);
