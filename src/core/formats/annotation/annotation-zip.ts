/**
 * The annotation export as one zip: the same replies, ids and pre-filled labels for every tool,
 * in the folder layout each tool loads (see each format's file for its documented shape).
 *
 *   README.md                              how to load each folder
 *   label-studio/labeling-config.xml       paste into Settings → Labeling Interface → Code
 *   label-studio/tasks.json                import into the project (tasks with predictions)
 *   argilla/.argilla/{settings,dataset}.json, argilla/records.json   rg.Dataset.from_disk("argilla")
 *   prodigy/tasks.jsonl                    choice-interface tasks
 *   huggingface/train.jsonl                datasets.load_dataset("json", data_files=…)
 */
import { strToU8 } from 'fflate';
import type { ConversationBundle } from '../../model/types.ts';
import { zipFiles, type ZipEntry } from '../zip.ts';
import { argillaDataset, argillaRecordChunks, argillaSettings } from './argilla.ts';
import { hfChunks } from './hf-dataset.ts';
import { labelStudioConfig, labelStudioTaskChunks } from './label-studio.ts';
import { prodigyChunks } from './prodigy.ts';
import type { TaskExportOptions } from './tasks.ts';

export const ANNOTATION_TARGETS = ['label-studio', 'argilla', 'prodigy', 'hf'] as const;
export type AnnotationTarget = (typeof ANNOTATION_TARGETS)[number];

export function isAnnotationTarget(value: string): value is AnnotationTarget {
  return (ANNOTATION_TARGETS as readonly string[]).includes(value);
}

/** The files of one tool, paths relative to the tool's folder. */
export const TARGET_FILES: Readonly<Record<AnnotationTarget, (bundles: readonly ConversationBundle[], options: TaskExportOptions) => ZipEntry[]>> = {
  'label-studio': (bundles, options) => [
    { name: 'labeling-config.xml', data: labelStudioConfig() },
    { name: 'tasks.json', data: bytesOf(labelStudioTaskChunks(bundles, options)) },
  ],
  argilla: (bundles, options) => [
    { name: '.argilla/settings.json', data: JSON.stringify(argillaSettings(), null, 2) + '\n' },
    { name: '.argilla/dataset.json', data: JSON.stringify(argillaDataset(), null, 2) + '\n' },
    { name: 'records.json', data: bytesOf(argillaRecordChunks(bundles, options)) },
  ],
  prodigy: (bundles, options) => [{ name: 'tasks.jsonl', data: bytesOf(prodigyChunks(bundles, options)) }],
  hf: (bundles, options) => [{ name: 'train.jsonl', data: bytesOf(hfChunks(bundles, options)) }],
};

/**
 * UTF-8 bytes of the chunks, without first joining them into one string: every reply repeats its
 * context, so a large store's task files can pass V8's maximum string length (~2^29 characters).
 */
export function bytesOf(chunks: Iterable<string>): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const chunk of chunks) {
    const bytes = strToU8(chunk);
    parts.push(bytes);
    size += bytes.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const FOLDER: Record<AnnotationTarget, string> = { 'label-studio': 'label-studio', argilla: 'argilla', prodigy: 'prodigy', hf: 'huggingface' };

/** Every file of the chosen tools, under their folders, plus the README. Progress spans all tools. */
export function annotationEntries(
  bundles: readonly ConversationBundle[],
  targets: readonly AnnotationTarget[] = ANNOTATION_TARGETS,
  options: TaskExportOptions = {},
): ZipEntry[] {
  const total = bundles.length * targets.length;
  const entries: ZipEntry[] = [{ name: 'README.md', data: README }];
  targets.forEach((target, k) => {
    const files = TARGET_FILES[target](bundles, {
      ...options,
      onProgress: (done) => options.onProgress?.(k * bundles.length + done, total),
    });
    for (const f of files) entries.push({ name: `${FOLDER[target]}/${f.name}`, data: f.data });
  });
  return entries;
}

export function exportAnnotationZip(
  bundles: readonly ConversationBundle[],
  targets: readonly AnnotationTarget[] = ANNOTATION_TARGETS,
  options: TaskExportOptions & { mtime?: Date } = {},
): Uint8Array {
  return zipFiles(annotationEntries(bundles, targets, options), options.mtime);
}

const README = `# Persona Observatory: replies to annotate

One task per assistant reply: the turns before it, the reply, and the detector's labels pre-filled
(Label Studio: predictions; Argilla: suggestions; Prodigy: pre-selected options; Hugging Face: columns).
Every task carries the reply's stable id (\`turn_key\`), so corrections can come back.

- **Label Studio**: create a project, Settings → Labeling Interface → Code: paste
  \`label-studio/labeling-config.xml\`; then Import \`label-studio/tasks.json\`. When done, Export → JSON
  and import that file in the dashboard (Annotations → Import annotations).
- **Argilla (v2)**: \`rg.Dataset.from_disk("argilla", workspace="…")\`. When done,
  \`dataset.records.to_json("records.json")\` and import that file in the dashboard.
- **Prodigy**: \`prodigy mark shifts prodigy/tasks.jsonl --view-id choice\` (set \`"choice_style": "multiple"\`).
- **Hugging Face datasets**: \`datasets.load_dataset("json", data_files="huggingface/train.jsonl")\`.

Nothing in this folder was sent anywhere: it was written on your device.
`;
