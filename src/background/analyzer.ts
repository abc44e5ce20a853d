/**
 * The real detector (src/core/analyze.ts) behind the store's Analyzer interface. Imported only
 * by index.ts so store and handler tests run with a fake and without the instrument.
 *
 * In the extension the page's own per-reply model (e.g. ChatGPT's data-message-model-slug) is
 * evidence we have, so a change of model is labelled "model changed" (useModel). The version
 * says so, because the same detector without model evidence (the CLI default) labels differently.
 *
 * Every capture re-analyses the whole conversation (segmentation needs all of it), but a reply's
 * features depend only on its text: they are memoised, so a new reply costs one extraction.
 */
import { DETECTOR_VERSION, analyzeConversation, measureForDetector } from '../core/analyze.ts';
import type { ReplyMeasures } from '../core/features/registry.ts';
import type { Analyzer } from '../store/analyzer.ts';

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

const measure = createMeasureMemo(4000);

export const coreAnalyzer: Analyzer = {
  version: `${DETECTOR_VERSION}+model`,
  analyze: (turns) => analyzeConversation(turns, { useModel: true, measures: turns.filter((t) => t.role === 'assistant').map((t) => measure(t.text)) }),
};
