/**
 * What an annotator's answer in a tool means as one of our annotations. The tools ask the same
 * three things (is there a shift at this reply, which kind, a note); the answer is compared with
 * the prediction the annotator saw (carried in the exported task), not with today's detector:
 *
 * - no shift, and none was predicted → confirm;   no shift, but one was predicted → reject;
 * - shift, and one was predicted with the same kinds (or no kinds picked) → confirm;
 * - shift with other kinds, or a shift the detector did not predict → relabel, label = the kinds
 *   picked (joined by ", "), or "shift" when none was picked;
 * - no shift answer and no kind picked → no verdict; a note alone becomes a `note` annotation.
 */
import type { AnnotationKind, AnnotationOrigin, ImportedAnnotation } from '../../model/types.ts';

export interface ToolAnswer {
  /** true: "shift", false: "no shift", null: not answered. */
  shift: boolean | null;
  kinds: readonly string[];
  note: string | null;
}

export interface PredictionSeen {
  shift: boolean;
  kinds: readonly string[];
}

export interface Verdict {
  kind: Exclude<AnnotationKind, 'note'>;
  label: string | null;
}

export function verdictOf(predicted: PredictionSeen, answer: ToolAnswer): Verdict | null {
  const shift = answer.shift ?? (answer.kinds.length > 0 ? true : null);
  if (shift === null) return null;
  if (!shift) return { kind: predicted.shift ? 'reject' : 'confirm', label: null };
  const sameKinds = answer.kinds.length === 0 || sameSet(answer.kinds, predicted.kinds);
  if (predicted.shift && sameKinds) return { kind: 'confirm', label: null };
  return { kind: 'relabel', label: answer.kinds.length > 0 ? answer.kinds.join(', ') : 'shift' };
}

export interface AnswerContext {
  /** Stable id of this judgement within the tool (same file → same id, so re-import changes nothing). */
  id: string;
  turnKey: string;
  conversationKey: string;
  origin: AnnotationOrigin;
  createdAt: number | null;
  updatedAt: number | null;
}

/** The annotation one answer becomes: a verdict (carrying the note), a note alone, or nothing. */
export function answerToAnnotation(ctx: AnswerContext, predicted: PredictionSeen, answer: ToolAnswer): ImportedAnnotation | null {
  const verdict = verdictOf(predicted, answer);
  const note = answer.note?.trim() ? answer.note.trim() : null;
  if (!verdict && note === null) return null;
  return {
    id: ctx.id,
    turnKey: ctx.turnKey,
    conversationKey: ctx.conversationKey,
    kind: verdict?.kind ?? 'note',
    label: verdict?.label ?? null,
    note,
    createdAt: ctx.createdAt,
    updatedAt: ctx.updatedAt,
    origin: ctx.origin,
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
