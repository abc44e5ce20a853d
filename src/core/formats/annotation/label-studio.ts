/**
 * Label Studio export: a labeling config (XML) and tasks in Label Studio's JSON import format,
 * `[{"data": {…}, "predictions": [{"model_version", "score", "result": [...]}]}, …]`, one task per
 * assistant reply (tasks.ts).
 *
 * Shapes from the Label Studio docs:
 * - tasks with pre-annotations: https://labelstud.io/guide/predictions and
 *   https://labelstud.io/guide/task_format (`data`, `predictions[].model_version/score/result`;
 *   result items `{id, from_name, to_name, type, value}`);
 * - `<Paragraphs layout="dialogue" nameKey textKey>`: https://labelstud.io/tags/paragraphs
 *   (data: an array of `{author, text}`);
 * - `<Choices choice="single|multiple">` + `<Choice value>`: https://labelstud.io/tags/choices,
 *   https://labelstud.io/tags/choice (result `value.choices: string[]`);
 * - `<TextArea>`: https://labelstud.io/tags/textarea (result `value.text: string[]`).
 *
 * The task `data` carries our stable ids (`turn_key`, `conversation_key`) and the prediction the
 * annotator saw, so Label Studio's JSON export can be read back (label-studio-import.ts).
 */
import { LABEL_VOCABULARY } from '../../detect/vocabulary.ts';
import { collect } from '../export-options.ts';
import type { ConversationBundle } from '../../model/types.ts';
import { taskArray, type ReplyTask, type TaskExportOptions } from './tasks.ts';

/** Names in the labeling config; results refer to them (`from_name` / `to_name`). */
export const LS = {
  dialogue: 'dialogue',
  shift: 'shift',
  kinds: 'label_kind',
  confidence: 'confidence',
  note: 'note',
  shiftYes: 'Shift',
  shiftNo: 'No shift',
} as const;

export function labelStudioConfig(): string {
  const kinds = LABEL_VOCABULARY.map((v) => `    <Choice value="${xmlAttr(v.kind)}" hint="${xmlAttr(v.meaning)}"/>`).join('\n');
  return `<View>
  <!-- Persona Observatory: one task per assistant reply. The last message is the reply to judge. -->
  <Header value="Conversation (the last message is the reply to judge)"/>
  <Paragraphs name="${LS.dialogue}" value="$${LS.dialogue}" layout="dialogue" nameKey="author" textKey="text"/>
  <Header value="Is there a persona shift at this reply?"/>
  <Choices name="${LS.shift}" toName="${LS.dialogue}" choice="single" showInline="true">
    <Choice value="${LS.shiftYes}"/>
    <Choice value="${LS.shiftNo}"/>
  </Choices>
  <Header value="What kind of shift? (pre-filled with the detector's labels)"/>
  <Choices name="${LS.kinds}" toName="${LS.dialogue}" choice="multiple" showInline="true">
${kinds}
  </Choices>
  <Header value="Detector confidence that a shift happens here"/>
  <TextArea name="${LS.confidence}" toName="${LS.dialogue}" rows="1" editable="false"/>
  <Header value="Note (optional)"/>
  <TextArea name="${LS.note}" toName="${LS.dialogue}" rows="2" placeholder="Why? Anything the labels miss?"/>
</View>
`;
}

export interface LabelStudioTask {
  data: {
    dialogue: { author: string; text: string }[];
    conversation_key: string;
    turn_key: string;
    turn_id: string;
    site: string;
    title: string | null;
    reply_index: number;
    model: string | null;
    detector_version: string | null;
    predicted_shift: boolean | null;
    predicted_label_kinds: string[];
    predicted_labels: string;
    predicted_confidence: number | null;
    persona_state: string | null;
    features: Record<string, number | null>;
  };
  predictions: LabelStudioPrediction[];
}

export interface LabelStudioResult {
  id: string;
  from_name: string;
  to_name: string;
  type: 'choices' | 'textarea';
  value: { choices: string[] } | { text: string[] };
}

export interface LabelStudioPrediction {
  model_version: string;
  score: number;
  result: LabelStudioResult[];
}

export function labelStudioTask(task: ReplyTask): LabelStudioTask {
  const p = task.prediction;
  return {
    data: {
      dialogue: [
        ...task.context.map((t) => ({ author: author(t.role, t.model), text: t.text })),
        { author: author('assistant', task.model), text: task.reply },
      ],
      conversation_key: task.conversationKey,
      turn_key: task.turnKey,
      turn_id: task.turnId,
      site: task.site,
      title: task.title,
      reply_index: task.replyIndex,
      model: task.model,
      detector_version: p?.detectorVersion ?? null,
      predicted_shift: p?.shift ?? null,
      predicted_label_kinds: p?.labelKinds ?? [],
      predicted_labels: p?.labelTexts.join(' | ') ?? '',
      predicted_confidence: p?.confidence ?? null,
      persona_state: p ? `${p.state} (${p.stateName})` : null,
      features: p?.features ?? {},
    },
    predictions: p
      ? [
          {
            model_version: p.detectorVersion,
            score: p.confidence,
            result: [
              choices('shift', LS.shift, [p.shift ? LS.shiftYes : LS.shiftNo]),
              ...(p.labelKinds.length > 0 ? [choices('kind', LS.kinds, p.labelKinds)] : []),
              { id: 'confidence', from_name: LS.confidence, to_name: LS.dialogue, type: 'textarea', value: { text: [p.confidence.toFixed(2)] } },
            ],
          },
        ]
      : [],
  };
}

/** The tasks file as chunks: a JSON array, one task a line. */
export function labelStudioTaskChunks(bundles: readonly ConversationBundle[], options: TaskExportOptions = {}): Generator<string> {
  return taskArray(bundles, options, (task) => JSON.stringify(labelStudioTask(task)));
}

export function exportLabelStudioTasks(bundles: readonly ConversationBundle[], options: TaskExportOptions = {}): string {
  return collect(labelStudioTaskChunks(bundles, options));
}

function choices(id: string, fromName: string, values: string[]): LabelStudioResult {
  return { id, from_name: fromName, to_name: LS.dialogue, type: 'choices', value: { choices: values } };
}

function author(role: 'user' | 'assistant', model: string | null): string {
  return role === 'assistant' && model ? `assistant (${model})` : role;
}

/** Text as an XML attribute value (the config is XML; vocabulary text contains quotes and arrows). */
function xmlAttr(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
