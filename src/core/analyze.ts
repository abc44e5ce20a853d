/**
 * The instrument's entry point (contract: README "Command line", `label`): per assistant reply, its persona
 * features, its persona state, whether a new persona segment starts there, how sure we are, and
 * the shift in words. Pure; runs in Node and the browser.
 */
import type { ConversationAnalysis, FeatureValues, ReplyAnalysis, ShiftLabel } from './model/types.ts';
import { measureReply, type ReplyMeasures } from './features/registry.ts';
import { LEXICON_VERSION } from './lexicons/index.ts';
import { detectorSeries, switchTestFor } from './detect/input.ts';
import { l2Cost, sumCost, type SegmentCost } from './changepoint/cost.ts';
import { segmentSeries, type SearchFn } from './changepoint/segment.ts';
import type { StandardSeries } from './detect/series.ts';
import { calibrate } from './detect/calibration.ts';
import { liveShiftProbability } from './changepoint/bocpd.ts';
import { FeatureColumns } from './detect/columns.ts';
import { labelChangeAt, modelLabel } from './detect/labels.ts';
import { assignStates } from './detect/states.ts';
import { DETECTOR_PARAMS, PARAMS_VERSION, type DetectorParams } from './detect/params.ts';

/** semver of the detector code + lexicon and parameter versions; stored with every label. */
export const DETECTOR_VERSION = `0.6.0+${LEXICON_VERSION}.${PARAMS_VERSION}`;

export interface AnalyzeTurn {
  role: 'user' | 'assistant';
  text: string;
  model?: string | null;
}

export interface AnalyzeOptions {
  /** Use the page's model slug: a change of slug is a switch with confidence 1. Off by default. */
  useModel?: boolean;
  /** Precomputed features per assistant reply (skips extraction; benches). */
  measures?: readonly ReplyMeasures[];
  /** Parameter override for benchmarks and tuning. */
  params?: DetectorParams;
  /** Channels the shipped detector leaves off, composed by the benchmarks (bench/lib/channels.ts). */
  extend?: DetectorExtension;
}

/** The extension point for bench-only channels: none of it is used by the shipped detector. */
export interface DetectorExtension {
  /** Replaces the standardised series (e.g. residuals of another prompt model). */
  series?: (features: readonly FeatureValues[], requests: readonly string[]) => StandardSeries;
  /** Weighted segment costs added to the scalar series' L2 cost (weight 0 = off). */
  costParts?: (replies: readonly AnalyzeTurn[], measures: readonly ReplyMeasures[]) => { cost: SegmentCost; weight: number }[];
  /** Another penalised search than PELT (e.g. binseg). */
  search?: SearchFn;
}

/** The per-reply measures analyzeConversation would compute for `text` (for callers that cache them). */
export function measureForDetector(text: string): ReplyMeasures {
  return measureReply(text, false);
}

/** Highest confidence reported for a reply that is not a switch: it stays below the decision line. */
const NON_SWITCH_CAP = 0.49;

export function analyzeConversation(turns: readonly AnalyzeTurn[], opts: AnalyzeOptions = {}): ConversationAnalysis {
  const p = opts.params ?? DETECTOR_PARAMS;
  const replies = turns.filter((t) => t.role === 'assistant');
  const measures = opts.measures ?? replies.map((r) => measureForDetector(r.text));
  const features = measures.map((m) => m.features);
  const n = replies.length;
  const ext = opts.extend;
  const requests = p.expectedFromPrompt || ext?.series ? requestsBefore(turns) : [];
  const series = ext?.series ? ext.series(features, requests) : detectorSeries(features, { requests }, p);
  const parts: { cost: SegmentCost; weight: number }[] = [{ cost: l2Cost(series.matrix), weight: 1 }, ...(ext?.costParts?.(replies, measures) ?? [])];
  const cost = parts.length > 1 ? sumCost(parts) : parts[0].cost;
  // The switch test shuffles rows of the scalar series; it cannot see other costs, so it runs
  // only when the scalar series is the whole evidence (always, in the shipped detector).
  const test = parts.length === 1 ? switchTestFor(series, p) : undefined;
  const seg = segmentSeries(cost, p.segment, test, ext?.search);
  const switchSet = new Set(seg.switches);
  const confidence = seg.score.map((s, t) =>
    t === 0 ? 0 : switchSet.has(t) ? calibrate(s, p.calibration) : Math.min(NON_SWITCH_CAP, calibrate(s, p.calibration)),
  );

  const modelSwitches = new Map<number, ShiftLabel>();
  if (opts.useModel) {
    for (let t = 1; t < n; t++) {
      const a = replies[t - 1].model,
        b = replies[t].model;
      if (a && b && a !== b) modelSwitches.set(t, modelLabel(a, b));
    }
  }
  // A style switch one reply away from a model switch is the same event, seen a reply early/late.
  const nearModel = (t: number) => modelSwitches.has(t - 1) || modelSwitches.has(t + 1);
  const styleSwitches = seg.switches.filter((t) => modelSwitches.has(t) || !nearModel(t));
  const switches = [...new Set([...styleSwitches, ...modelSwitches.keys()])].sort((a, b) => a - b);
  for (const t of seg.switches) if (!switches.includes(t)) confidence[t] = Math.min(NON_SWITCH_CAP, confidence[t]);
  const bounds = [0, ...switches, n];
  const labels = new Map<number, ShiftLabel[]>();
  const columns = new FeatureColumns(features);
  for (let i = 1; i < bounds.length - 1; i++) {
    const t = bounds[i];
    // Style labels carry the style evidence's confidence, even where the model also changed.
    const styleConf = calibrate(seg.score[t] ?? 0, p.calibration);
    const ls = labelChangeAt(columns, bounds[i - 1], t, bounds[i + 1], styleConf, { priorScale: p.priorScale, ...p.labels });
    const model = modelSwitches.get(t);
    labels.set(t, model ? [model, ...ls] : ls);
    if (model) confidence[t] = 1;
  }
  // The newest reply has no right-hand context for the offline segmenter (a segment needs
  // minSize replies), so its confidence is the online detector's live probability; the offline
  // answer replaces it when later replies arrive and the conversation is analysed again.
  if (n >= 3 && !switches.includes(n - 1)) confidence[n - 1] = liveShiftProbability(series.matrix, p.bocpd);
  const states = assignStates(series.matrix, switches, columns, p.stateMergeDistance, p.priorScale);
  const out: ReplyAnalysis[] = [];
  let segIndex = 0;
  for (let t = 0; t < n; t++) {
    if (t === bounds[segIndex + 1]) segIndex++;
    out.push({
      index: t,
      state: states[segIndex]?.state ?? 'A',
      stateName: states[segIndex]?.stateName ?? 'baseline',
      shift: switches.includes(t),
      confidence: round(confidence[t] ?? 0),
      labels: labels.get(t) ?? [],
      features: features[t],
    });
  }
  return { detectorVersion: DETECTOR_VERSION, switches, replies: out };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** For each assistant reply, the latest user message before it ('' if none). */
export function requestsBefore(turns: readonly AnalyzeTurn[]): string[] {
  const out: string[] = [];
  let last = '';
  for (const t of turns) {
    if (t.role === 'user') last = t.text;
    else out.push(last);
  }
  return out;
}
