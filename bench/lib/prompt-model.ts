/**
 * The older cue prompt model, a bench-only channel (bench/lib/channels.ts; the shipped detector
 * uses the learned prompt model of src/core/detect/prompt-predictor.ts instead).
 * Removes what the user's request predicts from reply features: residual = value − (prediction −
 * conversation mean of predictions). Linear models over promptFeatures(), fitted by ridge
 * regression on DEVELOPMENT generators' replies only (bench/lib/tune.ts). Only the detector's
 * input is adjusted; labels and stored features stay raw.
 */
import type { FeatureValues } from '../../src/core/model/types.ts';
import { solve } from '../../src/core/router/prompt-covariates.ts';

/** Per reply feature: coefficients aligned with PROMPT_FEATURE_NAMES. */
export type PromptModel = Readonly<Record<string, readonly number[]>>;

export function predict(coef: readonly number[], x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < coef.length; i++) s += coef[i] * (x[i] ?? 0);
  return s;
}

export function residualize(values: readonly FeatureValues[], prompts: readonly (readonly number[])[], model: PromptModel): FeatureValues[] {
  const out = values.map((v) => ({ ...v }));
  for (const [f, coef] of Object.entries(model)) {
    const preds = prompts.map((x) => predict(coef, x));
    const mean = preds.reduce((a, b) => a + b, 0) / Math.max(1, preds.length);
    out.forEach((v, t) => {
      const x = v[f];
      if (typeof x === 'number') v[f] = x - (preds[t] - mean);
    });
  }
  return out;
}

/** Ridge regression (normal equations, Gaussian elimination); the intercept (column 0) is not penalised. */
export function fitRidge(X: readonly (readonly number[])[], y: readonly number[], lambda: number): number[] {
  const d = X[0]?.length ?? 0;
  const A = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (j === i && i > 0 ? lambda : 0)));
  const b = new Array<number>(d).fill(0);
  X.forEach((x, r) => {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) A[i][j] += x[i] * x[j];
      b[i] += x[i] * y[r];
    }
  });
  return solve(A, b);
}
