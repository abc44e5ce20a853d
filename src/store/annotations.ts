/**
 * The user's own judgements on replies, kept apart from heuristic analyses.
 * One verdict (confirm / reject / relabel) and one note per turn: saving again replaces it,
 * keeping its id and createdAt.
 */
import type { Annotation, AnnotationKind } from '../core/model/types.ts';
import type { IDBPTransaction } from 'idb';
import type { ObservatoryDB, ObservatorySchema, StoreName } from './schema.ts';
import { rowConversationKey } from './turn-rows.ts';
import { commitOrAbort, commitOrRefuse } from './write-error.ts';

export interface AnnotationInput {
  turnKey: string;
  conversationKey: string;
  kind: AnnotationKind;
  label: string | null;
  note: string | null;
}

const group = (kind: AnnotationKind): 'verdict' | 'note' => (kind === 'note' ? 'note' : 'verdict');

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} is not in the store`);
    this.name = 'NotFoundError';
  }
}

export async function saveAnnotation(db: ObservatoryDB, input: AnnotationInput, now: number, newId: () => string): Promise<Annotation> {
  const tx = db.transaction<StoreName[], 'readwrite'>(['turns', 'annotations', 'conversations'], 'readwrite');
  // A missing turn is a refusal, not a store failure: it must not pause capture.
  return commitOrRefuse(
    tx,
    async () => {
      const turn = await tx.objectStore('turns').get(input.turnKey);
      if (!turn || rowConversationKey(turn) !== input.conversationKey) throw new NotFoundError(`turn ${input.turnKey}`);
      const annotations = tx.objectStore('annotations');
      // Your own judgement replaces your own; judgements imported from annotation tools stay beside it.
      const previous = (await annotations.index('by-turn').getAll(input.turnKey)).find((a) => a.origin === undefined && group(a.kind) === group(input.kind));
      const annotation: Annotation = {
        id: previous?.id ?? newId(),
        turnKey: input.turnKey,
        conversationKey: input.conversationKey,
        kind: input.kind,
        label: input.kind === 'relabel' ? input.label : null,
        note: input.note,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      await annotations.put(annotation);
      await refreshAnnotationCount(tx, input.conversationKey);
      return annotation;
    },
    (e) => e instanceof NotFoundError,
  );
}

/**
 * Deletes one annotation; false when it is not there (or `allowed` refuses it: the caller may
 * only touch some conversations, and must not learn whether others' annotations exist).
 */
export async function deleteAnnotation(db: ObservatoryDB, id: string, allowed?: (a: Annotation) => boolean): Promise<boolean> {
  const tx = db.transaction<StoreName[], 'readwrite'>(['annotations', 'conversations'], 'readwrite');
  return commitOrAbort(tx, async () => {
    const annotations = tx.objectStore('annotations');
    const existing = await annotations.get(id);
    if (!existing || (allowed && !allowed(existing))) return false;
    await annotations.delete(id);
    await refreshAnnotationCount(tx, existing.conversationKey);
    return true;
  });
}

/** Keep the conversation's annotationCount in step (the list view shows it without reading annotations). */
export async function refreshAnnotationCount(tx: IDBPTransaction<ObservatorySchema, StoreName[], 'readwrite'>, conversationKey: string): Promise<void> {
  const conversations = tx.objectStore('conversations');
  const conv = await conversations.get(conversationKey);
  if (!conv) return;
  const annotationCount = await tx.objectStore('annotations').index('by-conversation').count(conversationKey);
  if (annotationCount !== conv.annotationCount) await conversations.put({ ...conv, annotationCount });
}
