/** JSONL export: one conversation a line (shape in jsonl-records.ts). */
import type { ConversationBundle, Turn } from '../types.ts';
import { indexExtras, type TurnExtras } from './analysis-join.ts';
import { collect, eachBundle, type ExportOptions } from './export-options.ts';
import { JSONL_FORMAT, JSONL_VERSION, LINE_SCHEMA, type JsonlLine, type LineDetails } from './jsonl-records.ts';
import { canonicalRecord } from './schema.ts';

export function* jsonlChunks(bundles: readonly ConversationBundle[], options: ExportOptions = {}): Generator<string> {
  yield* eachBundle(bundles, options, (b) => JSON.stringify(canonicalRecord(LINE_SCHEMA, toLine(b))) + '\n');
}

export function exportJsonl(bundles: readonly ConversationBundle[], options: ExportOptions = {}): string {
  return collect(jsonlChunks(bundles, options));
}

export function toLine(bundle: ConversationBundle): JsonlLine {
  const extras = indexExtras(bundle);
  const main = bundle.turns.filter((t) => t.alternativeOf === null);
  const turnIdOf = new Map(bundle.turns.map((t) => [t.key, t.turnId]));
  return {
    format: JSONL_FORMAT,
    version: JSONL_VERSION,
    ...bundle.conversation,
    messages: main.map((t) => ({ role: t.role, content: t.text })),
    details: main.map((t) => details(t, extras)),
    alternatives: bundle.turns
      .filter((t) => t.alternativeOf !== null)
      .map((t) => ({
        alternativeOf: turnIdOf.get(t.alternativeOf as string) ?? (t.alternativeOf as string),
        role: t.role,
        content: t.text,
        ...details(t, extras),
      })),
  };
}

function details(turn: Turn, extras: TurnExtras): LineDetails {
  const analysis = extras.analysisOf(turn.key);
  return {
    turnId: turn.turnId,
    order: turn.order,
    model: turn.model,
    selectedModel: turn.selectedModel,
    thinking: turn.thinking,
    branch: turn.branch,
    createdAt: turn.createdAt,
    capturedAt: turn.capturedAt,
    contentHash: turn.contentHash,
    analysis: analysis ? stripKeys(analysis) : null,
    annotations: extras.annotationsOf(turn.key).map(stripKeys),
  };
}

function stripKeys<T extends { turnKey: string; conversationKey: string }>(record: T): Omit<T, 'turnKey' | 'conversationKey'> {
  const { turnKey: _turnKey, conversationKey: _conversationKey, ...rest } = record;
  return rest;
}
