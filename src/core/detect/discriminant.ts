/**
 * The generator discriminant (detector 0.6, issue 14): a few directions in the space of the 32
 * prompt-model residuals along which generators differ most relative to one generator's own
 * reply-to-reply spread. The segment cost weighs each scalar feature on its own, yet length,
 * paragraphs, lists, headers and bold move together, so a change of length counts several times
 * while combinations that tell generators apart count little. The discriminant's dimensions are
 * added to the series beside the weighted features.
 *
 * Learned offline (`npm run train:discriminant`, Fisher's discriminant across the development
 * generators × development prompts of AlpacaEval, Apache-2.0) and shipped as data
 * (discriminant-data.ts), no download. Each dimension has about unit noise per reply on the
 * development generators, like a standardised feature; the detector still standardises it within
 * the conversation.
 */
import type { FeatureValues } from '../model/types.ts';

export interface Discriminant {
  version: string;
  /** Input features, in this order. */
  features: readonly string[];
  /** Per input feature, the residual noise scale the residual is divided by. */
  scale: readonly number[];
  /** Residual z-scores are clipped to ±clip before projecting (one odd reply cannot dominate). */
  clip: number;
  /** rank × features, row-major. */
  weights: readonly (readonly number[])[];
  /** Between- over within-generator variance of each dimension on the development generators. */
  ratio: readonly number[];
}

/** Name of the k-th discriminant dimension in a series (kept apart from feature names). */
export const discriminantDim = (k: number) => `discriminant_${k}`;

/** A reply's residual z-scores, (value − expected) / scale, clipped to ±clip; missing or not applicable → 0. */
export function residualZ(d: Pick<Discriminant, 'features' | 'scale' | 'clip'>, values: FeatureValues, expected: FeatureValues): number[] {
  const z = new Array<number>(d.features.length);
  for (let i = 0; i < z.length; i++) {
    const f = d.features[i];
    const x = values[f];
    z[i] = typeof x === 'number' ? Math.max(-d.clip, Math.min(d.clip, (x - (expected[f] ?? 0)) / d.scale[i])) : 0;
  }
  return z;
}

/** The discriminant's dimensions of one reply. */
export function project(d: Discriminant, values: FeatureValues, expected: FeatureValues): number[] {
  const z = residualZ(d, values, expected);
  return d.weights.map((row) => {
    let s = 0;
    for (let i = 0; i < z.length; i++) s += row[i] * z[i];
    return s;
  });
}

/** Each reply's discriminant dimensions as named values (discriminantDim(k)), from its measured values and the request's expected ones. */
export function discriminantRows(d: Discriminant, values: readonly FeatureValues[], expected: readonly FeatureValues[] | undefined): FeatureValues[] {
  const names = d.weights.map((_, k) => discriminantDim(k));
  return values.map((v, t) => {
    const out: FeatureValues = {};
    project(d, v, expected?.[t] ?? {}).forEach((x, k) => (out[names[k]] = x));
    return out;
  });
}
