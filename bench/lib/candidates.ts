/**
 * Candidate parameter sets compared on DEV sets only (`npm run bench:detect -- --candidate NAME`;
 * a candidate is never run on the evaluation split unless `--eval` is also given, and then it
 * is logged like any evaluation). The penalty of each is the DEV operating point the bench picks.
 */
import { DETECTOR_PARAMS, type DetectorParams } from '../../src/core/detect/params.ts';
import { PROMPT_MODEL } from '../../src/core/detect/prompt-model-data.ts';

/** Residual features whose between-generator separation (dev, stored with the prompt model) is ≥ min, scaled to max 1. */
function separationWeights(min: number): Record<string, number> {
  const entries = Object.entries(PROMPT_MODEL.separation).filter(([, s]) => s >= min);
  const top = Math.max(...entries.map(([, s]) => s));
  return Object.fromEntries(entries.map(([f, s]) => [f, Number((s / top).toFixed(2))]));
}

function maxWeights(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [f, w] of Object.entries(b)) out[f] = Math.max(out[f] ?? 0, w);
  return out;
}

export const CANDIDATES: Record<string, DetectorParams> = {
  committed: DETECTOR_PARAMS,
  /** p4 weights on prompt-model residuals. */
  'pm-p4weights': { ...DETECTOR_PARAMS, expectedFromPrompt: true },
  /** Residuals, weights from dev separation of residuals (≥ 0.25 of the best). */
  'pm-sep25': { ...DETECTOR_PARAMS, expectedFromPrompt: true, weights: separationWeights(0.25) },
  'pm-sep40': { ...DETECTOR_PARAMS, expectedFromPrompt: true, weights: separationWeights(0.4) },
  'pm-sep15': { ...DETECTOR_PARAMS, expectedFromPrompt: true, weights: separationWeights(0.15) },
  /** Residuals, the larger of the p4 and the separation weights per feature. */
  'pm-mix': { ...DETECTOR_PARAMS, expectedFromPrompt: true, weights: maxWeights(DETECTOR_PARAMS.weights, separationWeights(0.25)) },
  'raw-mix': { ...DETECTOR_PARAMS, weights: maxWeights(DETECTOR_PARAMS.weights, separationWeights(0.25)) },
  /** The switch test's level at p5 (1 = no test). */
  'p5-gate-off': { ...DETECTOR_PARAMS, gate: { ...DETECTOR_PARAMS.gate, maxPValue: 1 } },
  'p5-gate-0.2': { ...DETECTOR_PARAMS, gate: { ...DETECTOR_PARAMS.gate, maxPValue: 0.2 } },
  'p5-gate-0.05': { ...DETECTOR_PARAMS, gate: { ...DETECTOR_PARAMS.gate, maxPValue: 0.05 } },
  /** The Gaussian-null switch test (gaussian-test.ts), which can pass on 3+3 segments. */
  'p5-gaussian-0.1': { ...DETECTOR_PARAMS, gate: { ...DETECTOR_PARAMS.gate, null: 'gaussian' } },
  'p5-gaussian-0.05': { ...DETECTOR_PARAMS, gate: { ...DETECTOR_PARAMS.gate, null: 'gaussian', maxPValue: 0.05 } },
  'p5-gaussian-0.02': { ...DETECTOR_PARAMS, gate: { ...DETECTOR_PARAMS.gate, null: 'gaussian', maxPValue: 0.02 } },
  /** Shrinkage of the noise scale toward the residual prior, and the clip, at p5. */
  'p5-prior2': { ...DETECTOR_PARAMS, priorStrength: 2 },
  'p5-prior10': { ...DETECTOR_PARAMS, priorStrength: 10 },
  'p5-prior20': { ...DETECTOR_PARAMS, priorStrength: 20 },
  'p5-clip2': { ...DETECTOR_PARAMS, clip: 2 },
  'p5-clip3.5': { ...DETECTOR_PARAMS, clip: 3.5 },
  /** Same separation weights without the prompt model (is it the weights or the residuals?). */
  'raw-sep25': { ...DETECTOR_PARAMS, weights: separationWeights(0.25) },
};
