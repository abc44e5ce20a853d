/**
 * Hugging Face datasets export: JSON Lines, one row per assistant reply, with the chat in the
 * `messages` column (`[{"role", "content"}]`, the reply last) as chat-template datasets use it,
 * and our labels as columns. `datasets.load_dataset("json", data_files="….jsonl")` reads it
 * (https://huggingface.co/docs/datasets/loading#json: one JSON object per line).
 *
 * Every row has every column with the same type (Arrow infers one schema for the file): numbers
 * that are floats are written as floats even when whole ("1.0", not "1"), missing values are
 * null, `features` always has every feature the detector reported for the conversation.
 */
import { collect } from '../export-options.ts';
import type { ConversationBundle } from '../../model/types.ts';
import { taskLines, type ReplyTask, type TaskExportOptions } from './tasks.ts';

export interface HfRow {
  messages: { role: 'user' | 'assistant'; content: string }[];
  conversation_key: string;
  turn_key: string;
  site: string;
  model: string | null;
  reply_index: number;
  detector_version: string | null;
  shift: boolean | null;
  shift_confidence: number | null;
  label_kinds: string[];
  labels: string[];
  persona_state: string | null;
  features: Record<string, number | null>;
}

export function hfRow(task: ReplyTask): HfRow {
  const p = task.prediction;
  return {
    messages: [...task.context.map((t) => ({ role: t.role, content: t.text })), { role: 'assistant', content: task.reply }],
    conversation_key: task.conversationKey,
    turn_key: task.turnKey,
    site: task.site,
    model: task.model,
    reply_index: task.replyIndex,
    detector_version: p?.detectorVersion ?? null,
    shift: p?.shift ?? null,
    shift_confidence: p?.confidence ?? null,
    label_kinds: p?.labelKinds ?? [],
    labels: p?.labelTexts ?? [],
    persona_state: p?.state ?? null,
    features: p?.features ?? {},
  };
}

/** One row as a JSON line, with float columns written as floats. */
export function hfLine(row: HfRow): string {
  const { shift_confidence: confidence, features, ...rest } = row;
  const floats = Object.keys(features)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${float(features[k])}`)
    .join(',');
  return JSON.stringify(rest).slice(0, -1) + `,"shift_confidence":${float(confidence)},"features":{${floats}}}`;
}

export function hfChunks(bundles: readonly ConversationBundle[], options: TaskExportOptions = {}): Generator<string> {
  return taskLines(bundles, options, (task) => hfLine(hfRow(task)));
}

export function exportHfDataset(bundles: readonly ConversationBundle[], options: TaskExportOptions = {}): string {
  return collect(hfChunks(bundles, options));
}

function float(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'null';
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}
