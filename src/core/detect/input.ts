/**
 * The detector's standardised series from raw reply features: optionally minus what the request
 * predicts (the learned prompt model), then standardised within the conversation. One function for
 * the extension (analyze.ts) and the benchmark's tuner (which adds the older cue model:
 * bench/lib/channels.ts).
 */
import type { FeatureValues } from '../model/types.ts';
import type { DetectorParams } from './params.ts';
import { committedPromptModel, residualizeExpected } from './prompt-predictor.ts';
import { PROMPT_MODEL } from './prompt-model-data.ts';
import { discriminantDim, discriminantRows, type Discriminant } from './discriminant.ts';
import { DISCRIMINANT } from './discriminant-data.ts';
import { joinSeries, standardise, type StandardSeries } from './series.ts';
import { permutationTest, type SwitchTest } from '../changepoint/permutation.ts';
import { gaussianTest } from '../changepoint/gaussian-test.ts';

export interface RequestInput {
  /** The user's request before each reply (for the learned prompt model). */
  requests?: readonly string[];
  /** Precomputed expected features per reply (benches cache them). */
  expected?: readonly FeatureValues[];
  /** Another generator discriminant than the shipped one (benches cross-fit it on DEV generators). */
  discriminant?: Discriminant;
}

export function expectedFeatures(requests: readonly string[]): FeatureValues[] {
  const m = committedPromptModel();
  return requests.map((r) => m.predict(r));
}

export function detectorSeries(features: readonly FeatureValues[], req: RequestInput, p: DetectorParams): StandardSeries {
  let input: readonly FeatureValues[] = features;
  let priorScale = p.priorScale;
  let expected: readonly FeatureValues[] | undefined;
  if (p.expectedFromPrompt) {
    expected = req.expected ?? expectedFeatures(req.requests ?? features.map(() => ''));
    input = residualizeExpected(features, expected);
    priorScale = { ...p.priorScale, ...PROMPT_MODEL.residualScale };
  }
  const options = { priorStrength: p.priorStrength, clip: p.clip, transform: p.transform };
  const series = standardise(input, { ...options, weights: p.weights, priorScale });
  if (!p.discriminant) return series;
  // Its dimensions are standardised like the features (unit prior noise) and appended after them.
  const d = req.discriminant ?? DISCRIMINANT;
  const dims = d.weights.map((_, k) => discriminantDim(k));
  const weight = p.discriminant.weight;
  const extra = standardise(discriminantRows(d, features, expected), {
    ...options,
    weights: Object.fromEntries(dims.map((f) => [f, weight])),
    priorScale: Object.fromEntries(dims.map((f) => [f, 1])),
  });
  return joinSeries(series, extra);
}

/** The switch test the parameters ask for, on a standardised series. */
export function switchTestFor(series: StandardSeries, p: DetectorParams): SwitchTest {
  if (p.gate.null === 'gaussian')
    return gaussianTest(series.matrix, {
      maxPValue: p.gate.maxPValue,
      simulations: p.gate.permutations,
      minSize: p.segment.minSize,
      columnScale: series.dims.map((f) => p.weights[f] ?? 1),
      clip: p.clip,
    });
  return permutationTest(series.matrix, { ...p.gate, minSize: p.segment.minSize });
}
