/**
 * The detector as the store sees it. The worker passes the real one (src/core/analyze.ts,
 * see src/background/analyzer.ts); tests pass a small fake. Keeping it injected means the store
 * never imports the instrument directly and can be tested on its own.
 */
import type { ConversationAnalysis, Role } from '../core/model/types.ts';

/** Same shape as src/core/analyze.ts AnalyzeTurn. */
export interface AnalyzerTurn {
  role: Role;
  text: string;
  model?: string | null;
}

export interface Analyzer {
  readonly version: string;
  /** `replies[i]` must correspond to the i-th assistant turn of `turns`. */
  analyze(turns: AnalyzerTurn[]): ConversationAnalysis;
}
