/**
 * How much of each reply feature the shipped prompt model explains on HELD-OUT prompts and
 * generators (EVAL generators × EVAL prompts, bench/lib/split-v2.ts), within each generator (what a
 * single-model conversation varies by). Beside it, the ceiling for any prompt model: the mean of
 * the OTHER evaluation generators' replies to the same prompt (prompt identity, not text).
 *   npm run bench:prompt-model
 */
import { FEATURE_NAMES } from '../src/core/features/registry.ts';
import { committedPromptModel } from '../src/core/detect/prompt-predictor.ts';
import { DETECTOR_PARAMS } from '../src/core/detect/params.ts';
import { loadCorpus, missingData } from './lib/corpus.ts';
import { corpusFeatures } from './lib/feature-cache.ts';
import { EVAL_GENERATORS, splitPrompts } from './lib/split-v2.ts';
import { printTable } from './lib/table.ts';

if (missingData().length) {
  console.log(`bench:prompt-model needs ../shared/data; missing: ${missingData().join(', ')}. Nothing measured.`);
  process.exit(0);
}
const records = loadCorpus();
const cf = corpusFeatures(records);
const prompts = splitPrompts(records).eval;
const model = committedPromptModel();
const expected = prompts.map((r) => model.predict(r.prompt));
const gens = EVAL_GENERATORS.filter((g) => g !== 'gpt4_1106_preview_concise' && g !== 'gpt4_1106_preview_verbose');

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
/** 1 − SS(residual, centred per generator) / SS(value, centred per generator), pooled over generators. */
function withinR2(k: number, predict: (g: string, i: number) => number | null): number {
  let ssRaw = 0,
    ssRes = 0;
  for (const g of gens) {
    const xs: number[] = [],
      rs: number[] = [];
    prompts.forEach((r, i) => {
      const x = cf.value(g, r.index, k);
      const p = predict(g, i);
      if (Number.isNaN(x) || p === null || Number.isNaN(p)) return;
      xs.push(x), rs.push(x - p);
    });
    const mx = mean(xs),
      mr = mean(rs);
    ssRaw += xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    ssRes += rs.reduce((s, r) => s + (r - mr) ** 2, 0);
  }
  return 1 - ssRes / (ssRaw || 1);
}

const rows = FEATURE_NAMES.map((f, k) => {
  const shipped = withinR2(k, (_, i) => expected[i][f]);
  const identity = withinR2(k, (g, i) => {
    const others = gens
      .filter((o) => o !== g)
      .map((o) => cf.value(o, prompts[i].index, k))
      .filter((v) => !Number.isNaN(v));
    return others.length ? mean(others) : null;
  });
  return [f, DETECTOR_PARAMS.weights[f] ?? 0, shipped, identity];
});
console.log(`Prompt model ${model.version} on ${gens.length} EVAL generators (the 1106 prompt variants left out) × ${prompts.length} EVAL prompts:`);
printTable(['feature', 'detector weight', 'variance explained within generator (prompt model)', "ceiling: other generators' mean for the same prompt"], rows);
const weighted = rows.filter((r) => (r[1] as number) > 0);
console.log(
  `Mean over the detector's weighted features: prompt model ${mean(weighted.map((r) => r[2] as number)).toFixed(3)}, prompt-identity ceiling ${mean(weighted.map((r) => r[3] as number)).toFixed(3)}.`,
);
