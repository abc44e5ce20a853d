/**
 * CSV export: one row per turn (main line and alternatives), the detector's labels, the user's
 * annotations, and one column per feature of the registry (so a new feature gets a column
 * without touching this file). Written with papaparse; cells that a spreadsheet would run as a
 * formula (= + - @ tab CR, and their full-width forms) get a leading apostrophe.
 */
import Papa from 'papaparse';
import { FEATURES } from '../features/registry.ts';
import type { Annotation, ConversationBundle, StoredAnalysis, Turn } from '../types.ts';
import { indexExtras } from './analysis-join.ts';
import { collect, eachBundle, type ExportOptions } from './export-options.ts';
import { isoTime } from './time.ts';

export interface CsvOptions extends ExportOptions {
  /** Feature columns, default: every feature in the registry. */
  features?: readonly { name: string }[];
  /** Prepend a UTF-8 byte-order mark so Excel reads non-ASCII text correctly. */
  bom?: boolean;
}

/**
 * papaparse's own `escapeFormulae: true` pattern needs the whole cell on one line (`.*$`), so a
 * multi-line reply starting with "=" would slip through; this one tests only the first character.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export const BASE_COLUMNS = [
  'conversation_key', 'site', 'conversation_id', 'title', 'turn_id', 'order', 'role', 'alternative_of',
  'model', 'selected_model', 'created_at', 'text', 'thinking', 'detector_version', 'state', 'state_name',
  'shift', 'shift_confidence', 'labels', 'label_kinds', 'annotation_kinds', 'annotation_labels', 'annotation_notes',
] as const;

type Cell = string | number | boolean | null;

export function csvColumns(features: readonly { name: string }[] = FEATURES): string[] {
  return [...BASE_COLUMNS, ...features.map((f) => f.name)];
}

export function* csvChunks(bundles: readonly ConversationBundle[], options: CsvOptions = {}): Generator<string> {
  const features = options.features ?? FEATURES;
  const config = { escapeFormulae: FORMULA_START, newline: '\r\n', header: false };
  yield (options.bom ? '\uFEFF' : '') + Papa.unparse([csvColumns(features)], config) + '\r\n';
  yield* eachBundle(bundles, options, (bundle) => {
    if (bundle.turns.length === 0) return '';
    return Papa.unparse(rowsOf(bundle, features), config) + '\r\n';
  });
}

export function exportCsv(bundles: readonly ConversationBundle[], options: CsvOptions = {}): string {
  return collect(csvChunks(bundles, options));
}

function rowsOf(bundle: ConversationBundle, features: readonly { name: string }[]): Cell[][] {
  const extras = indexExtras(bundle);
  const turnIdOf = new Map(bundle.turns.map((t) => [t.key, t.turnId]));
  return bundle.turns.map((turn) => {
    const analysis = extras.analysisOf(turn.key);
    const annotations = extras.annotationsOf(turn.key);
    return [
      ...turnCells(bundle, turn, turnIdOf),
      ...analysisCells(analysis),
      ...annotationCells(annotations),
      ...features.map((f) => analysis?.features[f.name] ?? null),
    ];
  });
}

function turnCells(bundle: ConversationBundle, turn: Turn, turnIdOf: Map<string, string>): Cell[] {
  const c = bundle.conversation;
  return [
    c.key, c.site, c.conversationId, c.title, turn.turnId, turn.order, turn.role,
    turn.alternativeOf === null ? null : turnIdOf.get(turn.alternativeOf) ?? turn.alternativeOf,
    turn.model, turn.selectedModel, isoTime(turn.createdAt), turn.text, turn.thinking,
  ];
}

function analysisCells(a: StoredAnalysis | undefined): Cell[] {
  if (!a) return [null, null, null, null, null, null, null];
  return [
    a.detectorVersion, a.state, a.stateName, a.shift, a.confidence,
    a.labels.map((l) => l.text).join(' | '), a.labels.map((l) => l.kind).join(' | '),
  ];
}

function annotationCells(list: readonly Annotation[]): Cell[] {
  if (list.length === 0) return [null, null, null];
  return [
    list.map((a) => a.kind).join(' | '),
    list.map((a) => a.label ?? '').join(' | '),
    list.map((a) => a.note ?? '').join(' | '),
  ];
}
