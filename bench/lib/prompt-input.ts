/** The detector's per-reply request input for a bench conversation (as analyzeConversation builds it). */
import { requestsBefore, type AnalyzeTurn } from '../../src/core/analyze.ts';
import { promptFeatures } from '../../src/core/features/prompt.ts';

export const promptVector = (turns: readonly AnalyzeTurn[]): number[][] => requestsBefore(turns).map(promptFeatures);
