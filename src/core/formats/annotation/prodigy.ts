/**
 * Prodigy export: JSONL tasks for the `choice` interface, one per assistant reply —
 * `{"text", "options": [{"id", "text"}], "accept": [ids], "meta": {…}}`. `options` are the shift
 * answer and the label kinds; `accept` pre-selects the detector's answer; `meta` (shown in the
 * corner of the card) names the reply. Shapes from Prodigy's docs: https://prodi.gy/docs/api-interfaces#choice
 * (options, accept; `"choice_style": "multiple"` for several picks) and
 * https://prodi.gy/docs/api-loaders#input (JSONL, `text`, `meta`). Load with e.g.
 * `prodigy mark shifts persona-observatory.prodigy.jsonl --view-id choice` and
 * `"choice_style": "multiple"` in prodigy.json.
 */
import { LABEL_VOCABULARY } from '../../detect/vocabulary.ts';
import { collect } from '../export-options.ts';
import type { ConversationBundle } from '../../model/types.ts';
import { taskLines, type ReplyTask, type TaskExportOptions } from './tasks.ts';

export const PRODIGY_SHIFT = 'shift';
export const PRODIGY_NO_SHIFT = 'no_shift';
export const PRODIGY_KIND_PREFIX = 'kind:';

const OPTIONS = [
  { id: PRODIGY_SHIFT, text: 'Persona shift at this reply' },
  { id: PRODIGY_NO_SHIFT, text: 'No shift' },
  ...LABEL_VOCABULARY.map((v) => ({ id: PRODIGY_KIND_PREFIX + v.kind, text: `${v.kind}: ${v.meaning}` })),
];

export interface ProdigyTask {
  text: string;
  options: { id: string; text: string }[];
  accept: string[];
  meta: Record<string, string | number>;
  conversation_key: string;
  turn_key: string;
  /** Extra task keys are kept by Prodigy in the saved annotations. */
  features: Record<string, number | null>;
}

export function prodigyTask(task: ReplyTask): ProdigyTask {
  const p = task.prediction;
  const meta: ProdigyTask['meta'] = { site: task.site, reply: task.replyIndex + 1, turn_key: task.turnKey };
  if (task.model) meta.model = task.model;
  if (p) {
    meta.detector = p.detectorVersion;
    meta.confidence = Math.round(p.confidence * 100) / 100;
    if (p.labelTexts.length > 0) meta.labels = p.labelTexts.join(' | ');
  }
  return {
    text: transcript(task),
    options: OPTIONS,
    accept: p ? [p.shift ? PRODIGY_SHIFT : PRODIGY_NO_SHIFT, ...p.labelKinds.map((k) => PRODIGY_KIND_PREFIX + k)] : [],
    meta,
    conversation_key: task.conversationKey,
    turn_key: task.turnKey,
    features: p?.features ?? {},
  };
}

/** Plain text (Prodigy's `text` is shown as text): the context, then the reply, marked. */
function transcript(task: ReplyTask): string {
  const context = task.context.map((t) => `${t.role.toUpperCase()}:\n${t.text}`);
  return [...context, `▶ REPLY TO JUDGE (assistant${task.model ? `, ${task.model}` : ''}):\n${task.reply}`].join('\n\n');
}

export function prodigyChunks(bundles: readonly ConversationBundle[], options: TaskExportOptions = {}): Generator<string> {
  return taskLines(bundles, options, (task) => JSON.stringify(prodigyTask(task)));
}

export function exportProdigy(bundles: readonly ConversationBundle[], options: TaskExportOptions = {}): string {
  return collect(prodigyChunks(bundles, options));
}
