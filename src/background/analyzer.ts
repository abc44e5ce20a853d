/**
 * The real detector (src/core/analyze.ts) behind the store's Analyzer interface. Imported only
 * by index.ts so store and handler tests run with a fake and without the instrument.
 *
 * In the extension the page's own per-reply model (e.g. ChatGPT's data-message-model-slug) is
 * evidence we have, so a change of model is labelled "model changed" (useModel). The version
 * says so, because the same detector without model evidence (the CLI default) labels differently.
 *
 * Confidence uses the user's own curve once their verdicts moved it (src/core/detect/
 * user-calibration.ts, refitted by user-calibration.ts here); the version then ends in
 * `+you.<α>_<β>`, so a new curve makes every stored label stale and they are recomputed. `shipped`
 * is the same detector with the shipped curve, which the refit reads.
 *
 * Every capture re-analyses the whole conversation (segmentation needs all of it), but a reply's
 * features depend only on its text: they are memoised, so a new reply costs one extraction.
 */
import { DETECTOR_VERSION, analyzeConversation, measureForDetector } from '../core/analyze.ts';
import type { ReplyMeasures } from '../core/features/registry.ts';
import { DETECTOR_PARAMS } from '../core/detect/params.ts';
import type { UserCalibration } from '../core/detect/user-calibration.ts';
import type { Analyzer, AnalyzerTurn } from '../store/analyzer.ts';

/** Least-recently-used memo of per-reply measures, keyed by reply text. */
export function createMeasureMemo(limit: number): (text: string) => ReplyMeasures {
  const memo = new Map<string, ReplyMeasures>();
  return (text) => {
    let m = memo.get(text);
    if (m) memo.delete(text);
    else m = measureForDetector(text);
    memo.set(text, m);
    if (memo.size > limit) memo.delete(memo.keys().next().value as string);
    return m;
  };
}

export interface CoreAnalyzer extends Analyzer {
  /** The same detector with the shipped confidence curve. */
  readonly shipped: Analyzer;
  /** Use this user's curve from now on (null or unadjusted: the shipped one). */
  useCalibration(u: UserCalibration | null): void;
}

const SHIPPED_VERSION = `${DETECTOR_VERSION}+model`;

export function createCoreAnalyzer(measure = createMeasureMemo(4000)): CoreAnalyzer {
  const run = (turns: AnalyzerTurn[], params = DETECTOR_PARAMS) =>
    analyzeConversation(turns, { useModel: true, params, measures: turns.filter((t) => t.role === 'assistant').map((t) => measure(t.text)) });
  let user: UserCalibration | null = null;
  const version = () => (user ? `${SHIPPED_VERSION}+you.${user.alpha}_${user.beta}` : SHIPPED_VERSION);
  // Every analysis carries the analyzer's own version: the store compares stored rows with it
  // (needsRecompute), so a row stamped with the bare DETECTOR_VERSION would look stale forever.
  return {
    get version() {
      return version();
    },
    analyze: (turns) => ({ ...run(turns, user ? { ...DETECTOR_PARAMS, calibration: user.calibration } : DETECTOR_PARAMS), detectorVersion: version() }),
    shipped: { version: SHIPPED_VERSION, analyze: (turns) => ({ ...run(turns), detectorVersion: SHIPPED_VERSION }) },
    useCalibration(u) {
      user = u?.adjusted ? u : null;
    },
  };
}

export const coreAnalyzer = createCoreAnalyzer();
