/**
 * Pieces both annotation importers share: our ids read back from a task, limits on what a tool
 * may send us (the worker's message guards use the same numbers), and duplicate checks.
 */
import { MAX_NOTE_CHARS, MAX_SHORT_STRING_CHARS } from '../../limits.ts';
import type { ImportedAnnotation } from '../../model/types.ts';
import { FormatError } from '../../model/errors.ts';
import { describeType, type JsonObject } from '../../model/read-unknown.ts';

export interface TaskIds {
  turnKey: string;
  conversationKey: string;
}

/** `turn_key` + `conversation_key` as our exports write them; a task without them is not ours. */
export function readTaskIds(obj: JsonObject, where: string, container: string): TaskIds {
  const turnKey = obj.turn_key;
  const conversationKey = obj.conversation_key;
  if (typeof turnKey !== 'string' || typeof conversationKey !== 'string') {
    throw new FormatError(
      where,
      `${container}.turn_key and ${container}.conversation_key are missing or not text, so this was not exported by Persona Observatory (got turn_key ${describeType(turnKey)})`,
    );
  }
  // Room is left for the tool's prefix and ids: the annotation id must stay within MAX_SHORT_STRING_CHARS.
  if (turnKey.length > MAX_SHORT_STRING_CHARS - 2 * MAX_TOOL_ID_CHARS) {
    throw new FormatError(where, `${container}.turn_key is too long (${turnKey.length} characters) to be one of ours`);
  }
  if (!turnKey.startsWith(conversationKey + ':')) {
    throw new FormatError(
      where,
      `${container}.turn_key ${JSON.stringify(turnKey.slice(0, 80))} is not a turn of conversation ${JSON.stringify(conversationKey.slice(0, 80))}`,
    );
  }
  return { turnKey, conversationKey };
}

/** Longest tool-side id (annotation id, user id) we accept; longer ones are not the tools' ids. */
export const MAX_TOOL_ID_CHARS = 200;

/** The prediction the annotator saw, as the export wrote it beside the task. */
export function readPredictedKinds(value: unknown, where: string, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((k) => typeof k === 'string')) {
    throw new FormatError(where, `${field} should be a list of label kinds, got ${describeType(value)}`);
  }
  return value as string[];
}

export function checkNote(note: string | null, where: string): void {
  if (note !== null && note.length > MAX_NOTE_CHARS) {
    throw new FormatError(where, `the note is too long (${note.length} characters; the limit is ${MAX_NOTE_CHARS})`);
  }
}

export function checkLabel(kinds: readonly string[], where: string): void {
  const bad = kinds.find((k) => k.trim() === '' || k.length > 200);
  if (bad !== undefined) throw new FormatError(where, `label kind ${JSON.stringify(bad.slice(0, 40))} is empty or longer than 200 characters`);
  if (kinds.join(', ').length > MAX_SHORT_STRING_CHARS) throw new FormatError(where, 'too many label kinds picked');
}

/** An annotator id as text: the tools give numbers (Label Studio), uuids (Argilla) or user objects. */
export function authorOf(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value.slice(0, MAX_TOOL_ID_CHARS);
  if (typeof value === 'number' && Number.isFinite(value)) return `user ${value}`.slice(0, MAX_TOOL_ID_CHARS);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const user = value as JsonObject;
    if (typeof user.email === 'string' && user.email !== '') return user.email.slice(0, MAX_TOOL_ID_CHARS);
    if (typeof user.username === 'string' && user.username !== '') return user.username.slice(0, MAX_TOOL_ID_CHARS);
    if (typeof user.id === 'number' || typeof user.id === 'string') return authorOf(user.id);
  }
  return null;
}

/** The same judgement twice in one file would make the import order matter: refuse it. */
export function refuseDuplicates(annotations: readonly ImportedAnnotation[], where: string): void {
  const seen = new Set<string>();
  for (const a of annotations) {
    if (seen.has(a.id)) throw new FormatError(where, `annotation ${JSON.stringify(a.id)} appears twice`);
    seen.add(a.id);
  }
}
