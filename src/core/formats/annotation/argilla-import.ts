/**
 * Reads Argilla records of a dataset we exported (argilla.ts) back into our annotations. Two
 * shapes are accepted:
 *
 * - the SDK's records file (`dataset.records.to_json()`, or `records.json` written by
 *   `dataset.to_disk()`): a list of Record.to_dict(), whose `responses` map each question to
 *   `[{value, user_id, status?}]` (no response times in this shape);
 * - the REST API's records (`GET /api/v1/datasets/{id}/records?include=responses`, a list or
 *   `{"items": [...]}`), whose `responses` are `[{user_id, status, values: {question: {value}},
 *   inserted_at, updated_at}]`.
 *
 * One user's responses on one record become at most one of our annotations, id
 * `argilla:<turnKey>:<user_id>`. Suggestions (ours) are never imported; draft and discarded
 * responses are skipped.
 */
import type { ImportedAnnotation } from '../../model/types.ts';
import { FormatError } from '../../model/errors.ts';
import { asArray, asObject, describeType, isObject, isoToMs } from '../../model/read-unknown.ts';
import { ARGILLA } from './argilla.ts';
import { authorOf, checkLabel, checkNote, readPredictedKinds, readTaskIds, refuseDuplicates } from './import-common.ts';
import { answerToAnnotation, type ToolAnswer } from './verdict.ts';

export function looksLikeArgillaRecords(data: unknown): boolean {
  const list = isObject(data) && Array.isArray(data.items) ? data.items : data;
  return Array.isArray(list) && list.length > 0 && isObject(list[0]) && isObject(list[0].metadata) && 'responses' in list[0];
}

/** One user's answers on one record, before they become an annotation. */
interface UserAnswers {
  user: unknown;
  values: Map<string, unknown>;
  insertedAt: number | null;
  updatedAt: number | null;
}

export function importArgillaRecords(data: unknown, fileLabel: string): ImportedAnnotation[] {
  const list = isObject(data) && Array.isArray(data.items) ? data.items : asArray(data, fileLabel, 'Argilla records');
  const out: ImportedAnnotation[] = [];
  list.forEach((raw, i) => {
    const record = asObject(raw, `${fileLabel}: record ${i + 1}`, 'record');
    const where = `${fileLabel}: record ${i + 1}${typeof record.id === 'string' ? ` (id ${record.id.slice(0, 80)})` : ''}`;
    const metadata = asObject(record.metadata, where, 'metadata');
    const ids = readTaskIds(metadata, where, 'metadata');
    const predicted = {
      shift: metadata.predicted_shift === ARGILLA.shiftYes,
      kinds: readPredictedKinds(metadata.predicted_label_kinds, where, 'metadata.predicted_label_kinds'),
    };
    for (const user of userAnswers(record.responses, where)) {
      const at = `${where} responses of user ${String(authorOf(user.user) ?? '?')}`;
      const imported = answerToAnnotation(
        {
          id: `argilla:${ids.turnKey}:${authorOf(user.user) ?? 'unknown'}`,
          turnKey: ids.turnKey,
          conversationKey: ids.conversationKey,
          origin: { tool: 'argilla', author: authorOf(user.user) },
          createdAt: user.insertedAt,
          updatedAt: user.updatedAt ?? user.insertedAt,
        },
        predicted,
        readAnswer(user.values, at),
      );
      if (imported) out.push(imported);
    }
  });
  refuseDuplicates(out, fileLabel);
  return out;
}

/** Both response shapes as one list of per-user answers; drafts and discarded responses left out. */
function userAnswers(responses: unknown, where: string): UserAnswers[] {
  if (responses === undefined || responses === null) return [];
  if (Array.isArray(responses)) {
    return responses.flatMap((raw, i) => {
      const at = `${where} responses[${i}]`;
      const r = asObject(raw, at, 'response');
      if (!submitted(r.status)) return [];
      const values = asObject(r.values, at, 'values');
      return [
        {
          user: r.user_id,
          values: new Map(Object.entries(values).map(([q, v]) => [q, isObject(v) ? v.value : v])),
          insertedAt: isoToMs(r.inserted_at),
          updatedAt: isoToMs(r.updated_at),
        },
      ];
    });
  }
  const byQuestion = asObject(responses, where, 'responses');
  const byUser = new Map<string, UserAnswers>();
  for (const [question, answers] of Object.entries(byQuestion)) {
    asArray(answers, where, `responses.${question}`).forEach((raw, i) => {
      const r = asObject(raw, `${where} responses.${question}[${i}]`, 'response');
      if (!submitted(r.status)) return;
      const key = authorOf(r.user_id) ?? 'unknown';
      let entry = byUser.get(key);
      if (!entry) byUser.set(key, (entry = { user: r.user_id, values: new Map(), insertedAt: null, updatedAt: null }));
      entry.values.set(question, r.value);
    });
  }
  return [...byUser.values()];
}

function submitted(status: unknown): boolean {
  return status === undefined || status === null || status === 'submitted';
}

function readAnswer(values: Map<string, unknown>, where: string): ToolAnswer {
  const shift = values.get(ARGILLA.shift);
  if (shift !== undefined && shift !== null && shift !== ARGILLA.shiftYes && shift !== ARGILLA.shiftNo) {
    throw new FormatError(where, `${ARGILLA.shift} should be "${ARGILLA.shiftYes}" or "${ARGILLA.shiftNo}", got ${describeType(shift)}`);
  }
  const rawKinds = values.get(ARGILLA.kinds);
  const kinds = rawKinds === undefined || rawKinds === null ? [] : readPredictedKinds(rawKinds, where, ARGILLA.kinds);
  checkLabel(kinds, where);
  const rawNote = values.get(ARGILLA.note);
  if (rawNote !== undefined && rawNote !== null && typeof rawNote !== 'string') {
    throw new FormatError(where, `${ARGILLA.note} should be text, got ${describeType(rawNote)}`);
  }
  const note = typeof rawNote === 'string' && rawNote !== '' ? rawNote : null;
  checkNote(note, where);
  return { shift: shift === undefined || shift === null ? null : shift === ARGILLA.shiftYes, kinds, note };
}
