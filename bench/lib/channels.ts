/**
 * The detector's channels that the shipped extension leaves off, composed for the benchmarks only
 * (issue 13): the hashed token-profile kernel (`profileWeight`, src/core/features/profile.ts), the
 * style-skeleton kernel (`styleWeight`, bench/lib/style/), the linear cue prompt model
 * (`promptModel`, bench/lib/prompt-model.ts) and binary segmentation (`segment.method: 'binseg'`).
 * They reach the detector through analyzeConversation's extension point (`extend`), so the rest is
 * core's code; with every channel off the result is the shipped detector's.
 */
import { analyzeConversation, type AnalyzeTurn, type DetectorExtension } from '../../src/core/analyze.ts';
import { binseg } from '../../src/core/changepoint/binseg.ts';
import { gramCost, kernelCost, type SegmentCost } from '../../src/core/changepoint/cost.ts';
import { pelt } from '../../src/core/changepoint/pelt.ts';
import type { SearchFn, SegmentOptions } from '../../src/core/changepoint/segment.ts';
import { detectorSeries, type RequestInput } from '../../src/core/detect/input.ts';
import { DETECTOR_PARAMS, type DetectorParams } from '../../src/core/detect/params.ts';
import type { StandardSeries } from '../../src/core/detect/series.ts';
import { promptFeatures } from '../../src/core/features/prompt.ts';
import { measureReply, type ReplyMeasures } from '../../src/core/features/registry.ts';
import type { ConversationAnalysis, FeatureValues } from '../../src/core/model/types.ts';
import { hashString } from '../../src/core/text/hash.ts';
import { residualize, type PromptModel } from './prompt-model.ts';
import { cosineGram, styleVector, type SparseVector } from './style/vector.ts';
import { styleBucketWeights } from './style/weights.ts';

export interface BenchChannels {
  /** Weight of the style-token profile kernel against the standardised features; absent or 0 = off. */
  profileWeight?: number;
  /**
   * Weight of the style-skeleton kernel cost (hashed skeleton n-grams, linear kernel on unit
   * vectors) against the scalar-feature L2 cost; absent or 0 = off. Off in the extension: on dev its
   * gain was within noise (+0.02 F1) and it costs ~1.5 ms per reply plus an O(n²·nnz) Gram.
   */
  styleWeight?: number;
  /** The older cue prompt model: what the request's cues predict of each feature; absent or {} = off (and unused with expectedFromPrompt). */
  promptModel?: PromptModel;
}

/** Detector parameters plus the bench-only channels; every DetectorParams is one (all channels off). */
export type BenchParams = DetectorParams & BenchChannels & { segment: SegmentOptions & { method?: 'pelt' | 'binseg' } };

/** Key order of the parameter object before the channels left core (p5), so its hash stays the same. */
const P5_ORDER = [
  'priorScale',
  'weights',
  'priorStrength',
  'profileWeight',
  'styleWeight',
  'clip',
  'transform',
  'promptModel',
  'expectedFromPrompt',
  'segment',
  'gate',
  'calibration',
  'stateMergeDistance',
  'bocpd',
  'labels',
];

/** p with every channel stated (off where absent), laid out as the p5 parameter object was. */
export function withChannels(p: BenchParams): Record<string, unknown> {
  const full: Record<string, unknown> = { profileWeight: 0, styleWeight: 0, promptModel: {}, ...p, segment: { method: 'pelt', ...p.segment } };
  const out: Record<string, unknown> = {};
  for (const k of P5_ORDER) if (k in full) out[k] = full[k];
  for (const k of Object.keys(full)) if (!(k in out)) out[k] = full[k];
  return out;
}

/**
 * Short hash of a parameter set for the evaluation log: the same as before the channels moved
 * here, so bench/eval-log.tsv keeps counting evaluations of the same parameters together.
 */
export const paramsHash = (p: BenchParams): string => hashString(JSON.stringify(withChannels(p))).slice(0, 8);

/** The penalised search the parameters ask for. */
export const searchOf = (p: BenchParams): SearchFn => (p.segment.method === 'binseg' ? binseg : pelt);

const usesCues = (p: BenchParams): boolean => !p.expectedFromPrompt && Object.keys(p.promptModel ?? {}).length > 0;

/** The detector's series, with the cue prompt model's residuals when p asks for them (and cues are given). */
export function benchSeries(features: readonly FeatureValues[], req: RequestInput & { cues?: readonly (readonly number[])[] }, p: BenchParams): StandardSeries {
  if (usesCues(p) && req.cues) return detectorSeries(residualize(features, req.cues, p.promptModel ?? {}), {}, p);
  return detectorSeries(features, req, p);
}

/** The style-skeleton vector of one reply, weighted by the committed bucket weights. */
export function replyStyleVector(text: string): SparseVector {
  return styleVector(text, { bucketWeights: styleBucketWeights() });
}

export interface BenchAnalyzeOptions {
  useModel?: boolean;
  /** Precomputed measures (with profiles when profileWeight > 0). */
  measures?: readonly ReplyMeasures[];
  /** Precomputed style-skeleton vectors per assistant reply (else replyStyleVector of each). */
  styleVectors?: readonly SparseVector[];
  params?: BenchParams;
}

/** analyzeConversation with the bench channels p turns on (the shipped detector when none is). */
export function benchAnalyze(turns: readonly AnalyzeTurn[], opts: BenchAnalyzeOptions = {}): ConversationAnalysis {
  const p: BenchParams = opts.params ?? DETECTOR_PARAMS;
  const profileWeight = p.profileWeight ?? 0;
  const styleWeight = p.styleWeight ?? 0;
  const extend: DetectorExtension = {};
  if (usesCues(p)) extend.series = (features, requests) => benchSeries(features, { cues: requests.map(promptFeatures) }, p);
  if (profileWeight > 0 || styleWeight > 0)
    extend.costParts = (replies, measures) => {
      const parts: { cost: SegmentCost; weight: number }[] = [];
      const profiles = measures.map((m) => m.profile);
      if (profileWeight > 0 && profiles.every((x): x is Float64Array => x !== null)) parts.push({ cost: gramCost(profiles), weight: profileWeight });
      if (styleWeight > 0 && replies.length > 1) {
        const vectors = opts.styleVectors ?? replies.map((r) => replyStyleVector(r.text));
        parts.push({ cost: kernelCost(cosineGram(vectors), replies.length), weight: styleWeight });
      }
      return parts;
    };
  if (p.segment.method === 'binseg') extend.search = binseg;
  const measures = opts.measures ?? (profileWeight > 0 ? turns.filter((t) => t.role === 'assistant').map((t) => measureReply(t.text, true)) : undefined);
  return analyzeConversation(turns, { useModel: opts.useModel, measures, params: p, extend });
}
