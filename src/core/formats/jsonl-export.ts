/**
 * JSONL export: one conversation a line (shape in jsonl-records.ts). Lines are written straight
 * from the schema (canonicalJson), the same bytes as JSON.stringify(canonicalRecord(LINE_SCHEMA,
 * toLine(b))) without the canonical copy; tests pin the two together.
 */
import { turnExtras } from '../turn-extras.ts';
import type { ConversationBundle, Turn } from '../model/types.ts';
import { indexExtras, type TurnExtras } from './analysis-join.ts';
import { collect, eachBundle, type ExportOptions } from './export-options.ts';
import { canonicalJson } from './json-text.ts';
import { JSONL_FORMAT, JSONL_VERSION, LINE_SCHEMA, type JsonlLine, type LineDetails } from './jsonl-records.ts';

export function* jsonlChunks(bundles: readonly ConversationBundle[], options: ExportOptions = {}): Generator<string> {
  // Key fields left on analyses/annotations are not in LINE_SCHEMA, so the writer skips them.
  yield* eachBundle(bundles, options, (b) => canonicalJson(LINE_SCHEMA, buildLine(b, keepKeys)) + '\n');
}

export function exportJsonl(bundles: readonly ConversationBundle[], options: ExportOptions = {}): string {
  return collect(jsonlChunks(bundles, options));
}

/** The line as a record (keys of analyses and annotations stripped). */
export function toLine(bundle: ConversationBundle): JsonlLine {
  return buildLine(bundle, stripKeys);
}

type Strip = <T extends { turnKey: string; conversationKey: string }>(record: T) => Omit<T, 'turnKey' | 'conversationKey'>;

function buildLine(bundle: ConversationBundle, strip: Strip): JsonlLine {
  const extras = indexExtras(bundle);
  const main: Turn[] = [];
  const alternatives: Turn[] = [];
  for (const t of bundle.turns) (t.alternativeOf === null ? main : alternatives).push(t);
  const turnIdOf = alternatives.length > 0 ? new Map(bundle.turns.map((t) => [t.key, t.turnId])) : null;
  return {
    format: JSONL_FORMAT,
    version: JSONL_VERSION,
    ...bundle.conversation,
    messages: main.map((t) => ({ role: t.role, content: t.text })),
    details: main.map((t) => details(t, extras, strip)),
    alternatives: alternatives.map((t) => ({
      alternativeOf: turnIdOf?.get(t.alternativeOf as string) ?? (t.alternativeOf as string),
      role: t.role,
      content: t.text,
      ...details(t, extras, strip),
    })),
  };
}

function details(turn: Turn, extras: TurnExtras, strip: Strip): LineDetails {
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
    analysis: analysis ? strip(analysis) : null,
    annotations: extras.annotationsOf(turn.key).map(strip),
    route: turn.route,
    ...turnExtras(turn),
  };
}

function stripKeys<T extends { turnKey: string; conversationKey: string }>(record: T): Omit<T, 'turnKey' | 'conversationKey'> {
  const { turnKey: _turnKey, conversationKey: _conversationKey, ...rest } = record;
  return rest;
}

/** Leaves the record as is: the line writer only reads the schema's fields. */
function keepKeys<T extends { turnKey: string; conversationKey: string }>(record: T): Omit<T, 'turnKey' | 'conversationKey'> {
  return record;
}
