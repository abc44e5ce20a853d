/**
 * The pairwise "same generator?" metric (bench/lib/pair-metric.ts): fitted on DEV prompt-matched
 * pairs, measured by AUC on other DEV pairs and on EVAL generators × EVAL prompts, beside the
 * detector's own weights used as the same kind of metric. `npm run bench:pair-metric`.
 */
import { DETECTOR_PARAMS } from '../src/core/detect/params.ts';
import { expectedFeatures } from '../src/core/detect/input.ts';
import { PROMPT_MODEL } from '../src/core/detect/prompt-model-data.ts';
import { FEATURES } from '../src/core/features/registry.ts';
import type { FeatureValues } from '../src/core/model/types.ts';
import { generatorTable, loadCorpus, missingData } from './lib/corpus.ts';
import { corpusFeatures } from './lib/feature-cache.ts';
import { fitPairMetric, metricWeights, pairAuc, samplePairs, type Pair } from './lib/pair-metric.ts';
import { loadOutOfFold } from './lib/prompt-oof.ts';
import { devGenerators, EVAL_GENERATORS, splitPrompts } from './lib/split-v2.ts';
import { EVAL_PROMPTED_MODES, EVAL_SAME_FAMILY } from './lib/split.ts';
import { printTable } from './lib/table.ts';

if (missingData().length) {
  console.log(`bench:pair-metric needs ../shared/data; missing: ${missingData().join(', ')}. Nothing measured.`);
  process.exit(0);
}
const records = loadCorpus();
const cf = corpusFeatures(records);
const prompts = splitPrompts(records);
const devGens = devGenerators(generatorTable(), cf.generators);
const oof = loadOutOfFold(PROMPT_MODEL.version);
const memo = new Map<string, FeatureValues>();
const expectedOf = (q: string) => {
  let e = oof?.get(q) ?? memo.get(q);
  if (!e) memo.set(q, (e = expectedFeatures([q])[0]));
  return e;
};
const coef = fitPairMetric(samplePairs(cf, prompts.dev, devGens, expectedOf, 8000, 1407));
const inUse = FEATURES.map((f) => (DETECTOR_PARAMS.weights[f.name] ?? 0) ** 2);
const row = (name: string, pairs: Pair[]) => [name, pairAuc(pairs, coef).toFixed(3), pairAuc(pairs, inUse).toFixed(3)];
console.log(
  `Learned on 8000 + 8000 DEV pairs (${devGens.length} generators × ${prompts.dev.length} prompts); as detector weights: ${JSON.stringify(metricWeights(coef))}`,
);
printTable(
  ['pairs (3000 same + 3000 different)', 'learned metric', 'detector weights in use'],
  [
    row('DEV generators × DEV prompts, other pairs', samplePairs(cf, prompts.dev, devGens, expectedOf, 3000, 1408)),
    row('EVAL: all 8 generators × EVAL prompts', samplePairs(cf, prompts.eval, EVAL_GENERATORS, expectedOf, 3000, 1409)),
    row('EVAL: gpt-4o ↔ gpt-4o-mini', samplePairs(cf, prompts.eval, EVAL_SAME_FAMILY, expectedOf, 3000, 1410)),
    row('EVAL: gpt-4-1106 default / concise / verbose', samplePairs(cf, prompts.eval, EVAL_PROMPTED_MODES, expectedOf, 3000, 1411)),
  ],
);
