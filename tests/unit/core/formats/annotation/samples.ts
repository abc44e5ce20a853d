/**
 * Real-shaped input for the annotation-format tests: a real ChatGPT account-export excerpt
 * (three conversations, 15 replies), labelled by the real detector, plus the hand-made sample
 * bundle (alternatives, a formula-like reply, an emoji). Paths come from tests/fixtures/paths.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConversation } from '../../../../../src/core/analyze.ts';
import { analyzeInput, attachAnalysis } from '../../../../../src/core/formats/analysis-join.ts';
import { parseAnyConversationFile } from '../../../../../src/core/formats/detect.ts';
import type { ConversationBundle } from '../../../../../src/core/model/types.ts';
import { sampleBundle } from '../sample-bundle.ts';
import { EXPORT_SAMPLES } from '../../../../fixtures/paths.ts';

export const CHATGPT_EXCERPT = join(EXPORT_SAMPLES, 'chatgpt/pkuppens-2023__conversations.excerpt.json');

/** The ChatGPT excerpt, every conversation labelled by the detector. */
export function labelledExport(): ConversationBundle[] {
  const { bundles } = parseAnyConversationFile(readFileSync(CHATGPT_EXCERPT, 'utf8'), 'conversations.json');
  return bundles.map((b) => attachAnalysis(b, analyzeConversation(analyzeInput(b))));
}

export function realShaped(): ConversationBundle[] {
  return [...labelledExport(), sampleBundle()];
}
