/**
 * Reads Label Studio's JSON export (an array of tasks, each with `data` and `annotations[]`, see
 * https://labelstud.io/guide/task_format and https://labelstud.io/guide/export#JSON) of tasks we
 * exported (label-studio.ts) into our annotations. Predictions are ignored: only what a person
 * submitted comes back. Cancelled (skipped) annotations are ignored too.
 *
 * Each Label Studio annotation becomes at most one of ours, id `label-studio:<turnKey>:<its id>`,
 * with `completed_by` as the author and its `created_at` / `updated_at` as the times.
 */
import type { ImportedAnnotation } from '../../model/types.ts';
import { FormatError } from '../../model/errors.ts';
import { asArray, asObject, describeType, isObject, isoToMs } from '../../model/read-unknown.ts';
import { authorOf, checkLabel, checkNote, MAX_TOOL_ID_CHARS, readPredictedKinds, readTaskIds, refuseDuplicates } from './import-common.ts';
import { LS } from './label-studio.ts';
import { answerToAnnotation, type ToolAnswer } from './verdict.ts';

/** A Label Studio export: an array of objects with `data` and `annotations`. */
export function looksLikeLabelStudioExport(data: unknown): boolean {
  return Array.isArray(data) && data.length > 0 && isObject(data[0]) && isObject(data[0].data) && 'annotations' in data[0];
}

export function importLabelStudioExport(data: unknown, fileLabel: string): ImportedAnnotation[] {
  const tasks = asArray(data, fileLabel, 'a Label Studio JSON export');
  const out: ImportedAnnotation[] = [];
  tasks.forEach((raw, i) => {
    const task = asObject(raw, `${fileLabel}: task ${i + 1}`, 'task');
    const where = `${fileLabel}: task ${i + 1}${task.id !== undefined ? ` (id ${String(task.id).slice(0, 40)})` : ''}`;
    const taskData = asObject(task.data, where, 'data');
    const ids = readTaskIds(taskData, where, 'data');
    const predicted = {
      shift: taskData.predicted_shift === true,
      kinds: readPredictedKinds(taskData.predicted_label_kinds, where, 'data.predicted_label_kinds'),
    };
    if (!('annotations' in task)) {
      throw new FormatError(where, "has no annotations list: this looks like the tasks file exported for Label Studio, not Label Studio's own JSON export");
    }
    asArray(task.annotations, where, 'annotations').forEach((rawAnnotation, k) => {
      const at = `${where} annotation ${k + 1}`;
      const annotation = asObject(rawAnnotation, at, 'annotation');
      if (annotation.was_cancelled === true) return;
      const lsId = annotation.id;
      if ((typeof lsId !== 'number' && typeof lsId !== 'string') || String(lsId).length > MAX_TOOL_ID_CHARS) {
        throw new FormatError(at, `id should be a number or short text, got ${describeType(lsId)}`);
      }
      const answer = readAnswer(asArray(annotation.result, at, 'result'), at);
      const imported = answerToAnnotation(
        {
          id: `label-studio:${ids.turnKey}:${String(lsId)}`,
          turnKey: ids.turnKey,
          conversationKey: ids.conversationKey,
          origin: { tool: 'label-studio', author: authorOf(annotation.completed_by) },
          createdAt: isoToMs(annotation.created_at),
          updatedAt: isoToMs(annotation.updated_at) ?? isoToMs(annotation.created_at),
        },
        predicted,
        answer,
      );
      if (imported) out.push(imported);
    });
  });
  refuseDuplicates(out, fileLabel);
  return out;
}

function readAnswer(results: unknown[], where: string): ToolAnswer {
  const answer: { shift: boolean | null; kinds: string[]; note: string | null } = { shift: null, kinds: [], note: null };
  results.forEach((raw, i) => {
    const at = `${where} result[${i}]`;
    const result = asObject(raw, at, 'result');
    const value = isObject(result.value) ? result.value : {};
    if (result.from_name === LS.shift) {
      const picked = stringList(value.choices, at, 'value.choices');
      if (picked.length === 0) return;
      if (picked.length > 1 || (picked[0] !== LS.shiftYes && picked[0] !== LS.shiftNo)) {
        throw new FormatError(at, `shift should be "${LS.shiftYes}" or "${LS.shiftNo}", got ${JSON.stringify(picked)}`);
      }
      answer.shift = picked[0] === LS.shiftYes;
    } else if (result.from_name === LS.kinds) {
      answer.kinds = stringList(value.choices, at, 'value.choices');
      checkLabel(answer.kinds, at);
    } else if (result.from_name === LS.note) {
      const text = stringList(value.text, at, 'value.text').join('\n');
      answer.note = text === '' ? null : text;
      checkNote(answer.note, at);
    }
    // Other controls (the detector's confidence, anything the annotator added to the config) are not ours to import.
  });
  return answer;
}

function stringList(value: unknown, where: string, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new FormatError(where, `${field} should be a list of text, got ${describeType(value)}`);
  }
  return value as string[];
}
