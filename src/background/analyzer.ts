/**
 * The real detector (src/core/analyze.ts) behind the store's Analyzer interface. Imported only
 * by index.ts so store and handler tests run with a fake and without the instrument.
 *
 * In the extension the page's own per-reply model (e.g. ChatGPT's data-message-model-slug) is
 * evidence we have, so a change of model is labelled "model changed" (useModel). The version
 * says so, because the same detector without model evidence (the CLI default) labels differently.
 */
import { DETECTOR_VERSION, analyzeConversation } from '../core/analyze.ts';
import type { Analyzer } from '../store/analyzer.ts';

export const coreAnalyzer: Analyzer = {
  version: `${DETECTOR_VERSION}+model`,
  analyze: (turns) => analyzeConversation(turns, { useModel: true }),
};
