/**
 * Argilla (v2) export, laid out as `rg.Dataset.to_disk()` writes a dataset, so
 * `rg.Dataset.from_disk("<folder>")` loads it with our labels as suggestions:
 *
 *   <folder>/.argilla/dataset.json   the dataset model (name, guidelines, distribution)
 *   <folder>/.argilla/settings.json  fields, questions, metadata, vectors (Settings.serialize())
 *   <folder>/records.json            a JSON list of Record.to_dict():
 *                                    {id, fields, metadata, suggestions, responses, vectors}
 *
 * Shapes from Argilla's docs and SDK: https://docs.argilla.io/latest/how_to_guides/import_export
 * (to_disk / from_disk), https://docs.argilla.io/latest/reference/argilla/settings/fields (ChatField:
 * a list of `{role, content}` messages), .../settings/questions (LabelQuestion, MultiLabelQuestion,
 * TextQuestion), .../records/suggestions (`{value, score, agent}` per question), and the SDK's
 * argilla/src/argilla/datasets/_io/_disk.py and records/_resource.py (Record.to_dict).
 */
import { LABEL_VOCABULARY } from '../../detect/vocabulary.ts';
import { FEATURES } from '../../features/registry.ts';
import { SITE_IDS } from '../../model/records.ts';
import { collect } from '../export-options.ts';
import type { ConversationBundle } from '../../model/types.ts';
import { taskArray, type ReplyTask, type TaskExportOptions } from './tasks.ts';

/** Question and option names; the importer (argilla-import.ts) reads the same names back. */
export const ARGILLA = {
  chat: 'chat',
  shift: 'shift',
  kinds: 'label_kind',
  note: 'note',
  shiftYes: 'shift',
  shiftNo: 'no_shift',
} as const;

export const ARGILLA_DATASET_NAME = 'persona-observatory-shifts';

/** Each registry feature is a float metadata property (filterable in Argilla's UI), named `feature_<name>`. */
export const FEATURE_PREFIX = 'feature_';

const GUIDELINES =
  'Each record is one assistant reply (the last message of the chat) with the turns before it. ' +
  "Persona Observatory's detector suggested whether the assistant's persona shifted at this reply and what kind of shift it was. " +
  'Confirm or correct the suggestion; add a note if the labels miss something.';

export function argillaSettings(): object {
  return {
    guidelines: GUIDELINES,
    questions: [
      {
        name: ARGILLA.shift,
        title: 'Is there a persona shift at the last reply?',
        description: null,
        required: true,
        settings: {
          type: 'label_selection',
          options: [
            { value: ARGILLA.shiftYes, text: 'Shift', description: null },
            { value: ARGILLA.shiftNo, text: 'No shift', description: null },
          ],
          visible_options: null,
        },
      },
      {
        name: ARGILLA.kinds,
        title: 'What kind of shift?',
        description: "Pre-filled with the detector's labels.",
        required: false,
        settings: {
          type: 'multi_label_selection',
          options: LABEL_VOCABULARY.map((v) => ({ value: v.kind, text: v.kind, description: v.meaning })),
          visible_options: LABEL_VOCABULARY.length,
          options_order: 'natural',
        },
      },
      { name: ARGILLA.note, title: 'Note (optional)', description: null, required: false, settings: { type: 'text', use_markdown: false } },
    ],
    fields: [
      // Captured text is shown as text, not Markdown: it may hold anything a chat page showed.
      {
        name: ARGILLA.chat,
        title: 'Conversation (the last message is the reply to judge)',
        required: true,
        description: null,
        settings: { type: 'chat', use_markdown: false },
      },
    ],
    vectors: [],
    metadata: [
      terms('site', 'Site', [...SITE_IDS]),
      terms('conversation_key', 'Conversation', null),
      terms('turn_key', 'Reply id', null),
      terms('model', 'Model shown', null),
      terms('detector_version', 'Detector version', null),
      terms('predicted_shift', 'Detector: shift here?', [ARGILLA.shiftYes, ARGILLA.shiftNo]),
      terms(
        'predicted_label_kinds',
        'Detector: label kinds',
        LABEL_VOCABULARY.map((v) => v.kind),
      ),
      { name: 'predicted_confidence', title: 'Detector: confidence', visible_for_annotators: true, settings: { type: 'float', min: 0, max: 1 } },
      { name: 'reply_index', title: 'Reply number', visible_for_annotators: true, settings: { type: 'integer', min: null, max: null } },
      ...FEATURES.map((f) => ({
        name: FEATURE_PREFIX + f.name,
        title: `${f.label} (${f.unit})`,
        visible_for_annotators: true,
        settings: { type: 'float', min: null, max: null },
      })),
    ],
    allow_extra_metadata: false,
  };
}

/** The dataset model Argilla's from_disk reads first (it replaces workspace_id with the target workspace). */
export function argillaDataset(name = ARGILLA_DATASET_NAME): object {
  return {
    id: null,
    name,
    status: 'draft',
    guidelines: GUIDELINES,
    allow_extra_metadata: false,
    distribution: { strategy: 'overlap', min_submitted: 1 },
    workspace_id: null,
    last_activity_at: null,
    inserted_at: null,
    updated_at: null,
  };
}

export interface ArgillaRecord {
  id: string;
  fields: { chat: { role: 'user' | 'assistant'; content: string }[] };
  metadata: Record<string, string | number | string[]>;
  suggestions: Record<string, { value: string | string[]; score: number | null; agent: string }>;
  responses: Record<string, never>;
  vectors: Record<string, never>;
}

export function argillaRecord(task: ReplyTask): ArgillaRecord {
  const p = task.prediction;
  const metadata: ArgillaRecord['metadata'] = {
    site: task.site,
    conversation_key: task.conversationKey,
    turn_key: task.turnKey,
    reply_index: task.replyIndex,
  };
  if (task.model) metadata.model = task.model;
  const suggestions: ArgillaRecord['suggestions'] = {};
  if (p) {
    const agent = `persona-observatory ${p.detectorVersion}`;
    metadata.detector_version = p.detectorVersion;
    metadata.predicted_shift = p.shift ? ARGILLA.shiftYes : ARGILLA.shiftNo;
    if (p.labelKinds.length > 0) metadata.predicted_label_kinds = p.labelKinds;
    metadata.predicted_confidence = p.confidence;
    // Only registry features are declared; a value the detector could not compute (null) is left out.
    for (const f of FEATURES) {
      const value = p.features[f.name];
      if (typeof value === 'number' && Number.isFinite(value)) metadata[FEATURE_PREFIX + f.name] = value;
    }
    suggestions[ARGILLA.shift] = { value: p.shift ? ARGILLA.shiftYes : ARGILLA.shiftNo, score: p.confidence, agent };
    if (p.labelKinds.length > 0) suggestions[ARGILLA.kinds] = { value: p.labelKinds, score: p.confidence, agent };
  }
  return {
    // Our stable id as Argilla's record id (external id): the importer matches replies by it.
    id: task.turnKey,
    fields: {
      chat: [...task.context.map((t) => ({ role: t.role, content: t.text })), { role: 'assistant' as const, content: task.reply }],
    },
    metadata,
    suggestions,
    responses: {},
    vectors: {},
  };
}

export function argillaRecordChunks(bundles: readonly ConversationBundle[], options: TaskExportOptions = {}): Generator<string> {
  return taskArray(bundles, options, (task) => JSON.stringify(argillaRecord(task)));
}

export function exportArgillaRecords(bundles: readonly ConversationBundle[], options: TaskExportOptions = {}): string {
  return collect(argillaRecordChunks(bundles, options));
}

function terms(name: string, title: string, values: string[] | null): object {
  return { name, title, visible_for_annotators: true, settings: { type: 'terms', values } };
}
