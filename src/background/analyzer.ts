/**
 * The real detector (src/core/analyze.ts) behind the store's Analyzer interface. Imported only
 * by index.ts so store and handler tests run with a fake and without the instrument.
 */
import { DETECTOR_VERSION, analyzeConversation } from '../core/analyze.ts';
import type { Analyzer } from '../store/analyzer.ts';

export const coreAnalyzer: Analyzer = {
  version: DETECTOR_VERSION,
  analyze: (turns) => analyzeConversation(turns),
};
