/**
 * Joins detector output and user annotations to turns: what exporters print beside each turn,
 * and how a fresh `ConversationAnalysis` (replies[i] = i-th main-line assistant turn) becomes
 * stored per-turn records.
 */
import type { Annotation, ConversationAnalysis, ConversationBundle, Role, StoredAnalysis, Turn } from '../model/types.ts';
import { isPlaceholder } from '../placeholders.ts';
import { refreshCounts } from './build-bundle.ts';
import { groupBy } from './group-by.ts';

/** Input of `analyzeConversation` (src/core/analyze.ts): the main line, in order. */
export interface AnalyzeTurnInput {
  role: Role;
  text: string;
  model?: string | null;
}

export function mainLine(bundle: ConversationBundle): Turn[] {
  return bundle.turns.filter((t) => t.alternativeOf === null);
}

/** The main line the detector reads: placeholders (replies not captured) are not replies. */
function analysedLine(bundle: ConversationBundle): Turn[] {
  return mainLine(bundle).filter((t) => !isPlaceholder(t));
}

export function analyzeInput(bundle: ConversationBundle): AnalyzeTurnInput[] {
  return analysedLine(bundle).map((t) => ({ role: t.role, text: t.text, model: t.model }));
}

/** Replaces a bundle's analyses with a fresh detector run and updates its shift count. */
export function attachAnalysis(bundle: ConversationBundle, analysis: ConversationAnalysis): ConversationBundle {
  const replies = analysedLine(bundle).filter((t) => t.role === 'assistant');
  const analyses: StoredAnalysis[] = [];
  for (const reply of analysis.replies) {
    const turn = replies[reply.index];
    if (!turn) continue;
    analyses.push({ ...reply, turnKey: turn.key, conversationKey: bundle.conversation.key, detectorVersion: analysis.detectorVersion });
  }
  return refreshCounts({ ...bundle, analyses });
}

export interface TurnExtras {
  analysisOf(turnKey: string): StoredAnalysis | undefined;
  annotationsOf(turnKey: string): readonly Annotation[];
}

export function indexExtras(bundle: ConversationBundle): TurnExtras {
  const analyses = new Map(bundle.analyses.map((a) => [a.turnKey, a]));
  const annotations = groupBy(bundle.annotations, (a) => a.turnKey);
  return {
    analysisOf: (key) => analyses.get(key),
    annotationsOf: (key) => annotations.get(key) ?? [],
  };
}

/** Distinct detector versions in the bundles, sorted (exports record which detector labelled). */
export function detectorVersions(bundles: readonly ConversationBundle[]): string[] {
  const set = new Set<string>();
  for (const b of bundles) for (const a of b.analyses) set.add(a.detectorVersion);
  return [...set].sort();
}
