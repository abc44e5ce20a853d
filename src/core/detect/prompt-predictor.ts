/**
 * The learned prompt model (issue 14): for a user request, the expected value of each reply
 * feature across many generators, so the detector can work on what the reply does beyond what the
 * request asks for (residual = value − expected). Linear in promptVector(); trained offline by
 * `npm run train:prompt-model` on development generators × development prompts of AlpacaEval
 * (Apache-2.0), shipped as data (prompt-model-data.ts), no download at run time.
 */
import type { FeatureValues } from '../model/types.ts';
import { PROMPT_MODEL } from './prompt-model-data.ts';
import type { PromptModelArtifact } from './prompt-model-artifact.ts';
import { PROMPT_DIMS, promptTerms } from './prompt-text.ts';

export type { PromptModelArtifact } from './prompt-model-artifact.ts';

function decodeFloat32(base64: string): Float32Array {
  const s = atob(base64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

export function encodeFloat32(w: Float32Array): string {
  const bytes = new Uint8Array(w.buffer, w.byteOffset, w.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

export interface PromptPredictor {
  version: string;
  predict(request: string): FeatureValues;
}

export function promptPredictor(a: PromptModelArtifact): PromptPredictor {
  const w = a.weights.map(decodeFloat32);
  if (w.some((x) => x.length !== PROMPT_DIMS)) throw new Error(`prompt model ${a.version}: weights do not match ${PROMPT_DIMS} input dims`);
  // Input-major copy (all features' weights of one input dim side by side): a request touches a
  // few dozen dims, so each is one contiguous read instead of one per feature. Every feature's
  // sum still adds its terms in input order, so predictions are unchanged to the bit.
  const nf = a.features.length;
  const byInput = new Float32Array(PROMPT_DIMS * nf);
  for (let k = 0; k < nf; k++) for (let i = 0; i < PROMPT_DIMS; i++) byInput[i * nf + k] = w[k][i];
  const sums = new Float64Array(nf);
  return {
    version: a.version,
    predict(request) {
      const v = promptTerms(request);
      for (let k = 0; k < nf; k++) sums[k] = a.intercept[k];
      for (let i = 0; i < v.index.length; i++) {
        const base = v.index[i] * nf;
        const x = v.value[i];
        for (let k = 0; k < nf; k++) sums[k] += byInput[base + k] * x;
      }
      const out: FeatureValues = {};
      for (let k = 0; k < nf; k++) out[a.features[k]] = sums[k];
      return out;
    },
  };
}

let committed: PromptPredictor | null = null;
/** The committed prompt model (decoded once). */
export function committedPromptModel(): PromptPredictor {
  committed ??= promptPredictor(PROMPT_MODEL);
  return committed;
}

/**
 * Residuals: value − (expected − the conversation's mean expected), so the series keeps its own
 * level and only the request-driven part of the reply-to-reply variation is removed.
 */
export function residualizeExpected(values: readonly FeatureValues[], expected: readonly FeatureValues[]): FeatureValues[] {
  const out = values.map((v) => ({ ...v }));
  const names = Object.keys(expected[0] ?? {});
  for (const f of names) {
    let mean = 0;
    for (const e of expected) mean += e[f] ?? 0;
    mean /= Math.max(1, expected.length);
    out.forEach((v, t) => {
      const x = v[f];
      if (typeof x === 'number') v[f] = x - ((expected[t][f] ?? 0) - mean);
    });
  }
  return out;
}
