/**
 * CSV export: one row per turn (main line and alternatives), the detector's labels, the user's
 * annotations, and one column per feature of the registry (so a new feature gets a column
 * without touching this file). Written with papaparse; cells that a spreadsheet would run as a
 * formula (= + - @ tab CR, and their full-width forms) get a leading apostrophe.
 */
import Papa from 'papaparse';
import { FEATURES } from '../features/registry.ts';
import type { Annotation, ConversationBundle, RouteInfo, StoredAnalysis, Turn } from '../model/types.ts';
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
  'conversation_key',
  'site',
  'conversation_id',
  'title',
  'turn_id',
  'order',
  'role',
  'alternative_of',
  'model',
  'selected_model',
  'created_at',
  'text',
  'thinking',
  'detector_version',
  'state',
  'state_name',
  'shift',
  'shift_confidence',
  'labels',
  'label_kinds',
  'annotation_kinds',
  'annotation_labels',
  'annotation_notes',
  'route_requested',
  'route_shown',
  'route_served',
  'route_flags',
  'route_source',
] as const;

type Cell = string | number | boolean | null;

export function csvColumns(features: readonly { name: string }[] = FEATURES): string[] {
  return [...BASE_COLUMNS, ...features.map((f) => f.name)];
}

export function* csvChunks(bundles: readonly ConversationBundle[], options: CsvOptions = {}): Generator<string> {
  const features = (options.features ?? FEATURES).map((f) => f.name);
  const config = { escapeFormulae: FORMULA_START, newline: '\r\n', header: false };
  yield (options.bom ? '\uFEFF' : '') + Papa.unparse([csvColumns(options.features ?? FEATURES)], config) + '\r\n';
  yield* eachBundle(bundles, options, (bundle) => {
    if (bundle.turns.length === 0) return '';
    return rowsOf(bundle, features) + '\r\n';
  });
}

export function exportCsv(bundles: readonly ConversationBundle[], options: CsvOptions = {}): string {
  return collect(csvChunks(bundles, options));
}

/** One bundle's rows as CSV text, rows joined by CRLF (no trailing one). */
function rowsOf(bundle: ConversationBundle, features: readonly string[]): string {
  const extras = indexExtras(bundle);
  const turnIdOf = new Map(bundle.turns.map((t) => [t.key, t.turnId]));
  const c = bundle.conversation;
  // The conversation's cells are the same on every row: escape them once.
  const head = [c.key, c.site, c.conversationId, c.title].map(csvCell).join(',');
  let out = '';
  bundle.turns.forEach((turn, i) => {
    const analysis = extras.analysisOf(turn.key);
    let row = (i > 0 ? '\r\n' : '') + head;
    for (const cell of turnCells(turn, turnIdOf)) row += ',' + csvCell(cell);
    for (const cell of analysisCells(analysis)) row += ',' + csvCell(cell);
    for (const cell of annotationCells(extras.annotationsOf(turn.key))) row += ',' + csvCell(cell);
    for (const cell of routeCells(turn.route)) row += ',' + csvCell(cell);
    const values = analysis?.features;
    for (const name of features) row += ',' + csvCell(values?.[name] ?? null);
    out += row;
  });
  return out;
}

/**
 * One cell exactly as Papa.unparse writes it with our config (checked against papaparse in
 * tests/unit/core/formats/fast-export.test.ts), without papaparse's per-cell overhead: quoted
 * when it contains a quote, comma, CR, LF or BOM or starts/ends with a space; formula-like
 * strings get a leading apostrophe and quotes.
 */
const NEEDS_QUOTES = /[\r\n",\uFEFF]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value !== 'string') return Papa.unparse([[value]], { escapeFormulae: FORMULA_START, newline: '\r\n', header: false });
  let text = value;
  let quote = false;
  if (FORMULA_START.test(text)) {
    text = "'" + text;
    quote = true;
  }
  quote ||= NEEDS_QUOTES.test(text) || text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32;
  return quote ? '"' + text.replaceAll('"', '""') + '"' : text;
}

function turnCells(turn: Turn, turnIdOf: Map<string, string>): Cell[] {
  return [
    turn.turnId,
    turn.order,
    turn.role,
    turn.alternativeOf === null ? null : (turnIdOf.get(turn.alternativeOf) ?? turn.alternativeOf),
    turn.model,
    turn.selectedModel,
    isoTime(turn.createdAt),
    turn.text,
    turn.thinking,
  ];
}
function analysisCells(a: StoredAnalysis | undefined): Cell[] {
  if (!a) return [null, null, null, null, null, null, null];
  return [a.detectorVersion, a.state, a.stateName, a.shift, a.confidence, a.labels.map((l) => l.text).join(' | '), a.labels.map((l) => l.kind).join(' | ')];
}

function routeCells(route: RouteInfo | null): Cell[] {
  if (!route) return [null, null, null, null, null];
  return [route.requested, route.shown, route.served, route.flags.join(' '), route.source];
}

function annotationCells(list: readonly Annotation[]): Cell[] {
  if (list.length === 0) return [null, null, null];
  return [list.map((a) => a.kind).join(' | '), list.map((a) => a.label ?? '').join(' | '), list.map((a) => a.note ?? '').join(' | ')];
}
