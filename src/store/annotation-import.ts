/**
 * Annotations read back from annotation tools (src/core/formats/annotation), written in ONE
 * transaction: every annotation must name a reply that is in the store, or nothing is written.
 * Each is stored under its own id (tool + reply + the tool's id for the annotator's work), beside
 * your in-extension judgements and apart from the heuristic labels. Importing the same file again
 * changes nothing: an annotation whose content is unchanged is not written again.
 */
import type { Annotation, ImportedAnnotation } from '../core/model/types.ts';
import { refreshAnnotationCount } from './annotations.ts';
import type { ObservatoryDB, StoreName } from './schema.ts';
import { rowConversationKey } from './turn-rows.ts';
import { commitOrRefuse } from './write-error.ts';

export interface AnnotationImportResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Conversations whose annotations changed. */
  conversations: number;
}

/** The file does not fit the store (a reply it names is not stored). Nothing was written. */
export class AnnotationImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnotationImportError';
  }
}

export async function importAnnotations(db: ObservatoryDB, incoming: readonly ImportedAnnotation[], now: number): Promise<AnnotationImportResult> {
  const ids = new Set<string>();
  for (const a of incoming) {
    if (ids.has(a.id)) throw new AnnotationImportError(`annotation ${a.id} appears twice`);
    ids.add(a.id);
  }
  const tx = db.transaction<StoreName[], 'readwrite'>(['turns', 'annotations', 'conversations'], 'readwrite');
  return commitOrRefuse(
    tx,
    async () => {
      const turns = tx.objectStore('turns');
      const annotations = tx.objectStore('annotations');
      const result: AnnotationImportResult = { added: 0, updated: 0, unchanged: 0, conversations: 0 };
      const touched = new Set<string>();
      const known = new Set<string>();
      for (const a of incoming) {
        if (!known.has(a.turnKey)) {
          const turn = await turns.get(a.turnKey);
          if (!turn || rowConversationKey(turn) !== a.conversationKey) {
            throw new AnnotationImportError(
              `annotation ${a.id}: reply ${a.turnKey} is not in your store (deleted, or exported from another browser?); nothing was imported`,
            );
          }
          known.add(a.turnKey);
        }
        const existing = await annotations.get(a.id);
        const next = merge(existing, a, now);
        if (existing && sameAnnotation(existing, next)) {
          result.unchanged++;
          continue;
        }
        await annotations.put(next);
        result[existing ? 'updated' : 'added']++;
        touched.add(a.conversationKey);
      }
      for (const key of touched) await refreshAnnotationCount(tx, key);
      result.conversations = touched.size;
      return result;
    },
    (e) => e instanceof AnnotationImportError,
  );
}

/**
 * The stored form. Times the tool gave are kept; when it gave none (Argilla's records file), the
 * first import's time stands and a later change is stamped with the time of that import.
 */
function merge(existing: Annotation | undefined, a: ImportedAnnotation, now: number): Annotation {
  const content = { id: a.id, turnKey: a.turnKey, conversationKey: a.conversationKey, kind: a.kind, label: a.label, note: a.note };
  const createdAt = a.createdAt ?? existing?.createdAt ?? now;
  const contentChanged = !existing || !sameContent(existing, { ...content, origin: a.origin });
  const updatedAt = a.updatedAt ?? (contentChanged ? now : existing.updatedAt);
  return { ...content, createdAt, updatedAt, origin: { tool: a.origin.tool, author: a.origin.author } };
}

function sameContent(x: Omit<Annotation, 'createdAt' | 'updatedAt'>, y: Omit<Annotation, 'createdAt' | 'updatedAt'>): boolean {
  return (
    x.kind === y.kind &&
    x.label === y.label &&
    x.note === y.note &&
    x.turnKey === y.turnKey &&
    x.conversationKey === y.conversationKey &&
    x.origin?.tool === y.origin?.tool &&
    x.origin?.author === y.origin?.author
  );
}

function sameAnnotation(x: Annotation, y: Annotation): boolean {
  return sameContent(x, y) && x.createdAt === y.createdAt && x.updatedAt === y.updatedAt;
}
