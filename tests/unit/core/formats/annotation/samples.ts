/**
 * Real-shaped input for the annotation-format tests: a real ChatGPT account-export excerpt
 * (three conversations, 15 replies), labelled by the real detector, plus the hand-made sample
 * bundle (alternatives, a formula-like reply, an emoji) — read through the fixture path rule:
 * tests/fixtures/shared/<sub-path> in the repo, else ../shared/fixtures/<sub-path>.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeConversation } from '../../../../../src/core/analyze.ts';
import { analyzeInput, attachAnalysis } from '../../../../../src/core/formats/analysis-join.ts';
import { parseAnyConversationFile } from '../../../../../src/core/formats/detect.ts';
import type { ConversationBundle } from '../../../../../src/core/types.ts';
import { sampleBundle } from '../sample-bundle.ts';

const REPO = fileURLToPath(new URL('../../../../../', import.meta.url));

export function sharedFixture(subPath: string): string {
  const vendored = `${REPO}tests/fixtures/shared/${subPath}`;
  return existsSync(vendored) ? vendored : `${REPO}../shared/fixtures/${subPath}`;
}

export const CHATGPT_EXCERPT = 'exports/chatgpt/pkuppens-2023__conversations.excerpt.json';

/** The ChatGPT excerpt, every conversation labelled by the detector. */
export function labelledExport(): ConversationBundle[] {
  const { bundles } = parseAnyConversationFile(readFileSync(sharedFixture(CHATGPT_EXCERPT), 'utf8'), 'conversations.json');
  return bundles.map((b) => attachAnalysis(b, analyzeConversation(analyzeInput(b))));
}

export function realShaped(): ConversationBundle[] {
  return [...labelledExport(), sampleBundle()];
}
