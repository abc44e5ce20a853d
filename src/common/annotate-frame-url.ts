/**
 * The URL fragment that names the reply an annotation frame is for. Written by the badge layer
 * (content script), read by the frame. Pure, so both sides import it without preact.
 */
import type { AnnotationKind } from '../core/model/types.ts';

/** `#t=<turnKey>&c=<conversationKey>`. */
export function frameHash(turnKey: string, conversationKey: string): string {
  return `#${new URLSearchParams({ t: turnKey, c: conversationKey }).toString()}`;
}

/** The reply named by a fragment, or null when it is missing or inconsistent. */
export function frameTarget(hash: string): { turnKey: string; conversationKey: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const turnKey = params.get('t');
  const conversationKey = params.get('c');
  if (!turnKey || !conversationKey || !turnKey.startsWith(`${conversationKey}:`)) return null;
  return { turnKey, conversationKey };
}

/** Path of the frame page in the built extension (web-accessible on the chat sites only). */
export const ANNOTATE_PAGE = 'src/ui/annotate/index.html';

/**
 * What the annotation frame tells the badge panel around it (window.parent.postMessage): the user
 * pressed Escape inside the frame (the key never reaches the panel otherwise), or saved a
 * judgement (so the badge face shows it at once). The panel accepts it only when the event's
 * source is its own frame's window, which no page script can post from. Carries no note or label text.
 */
export type FrameSignal = { type: 'po-annotate'; event: 'escape' } | { type: 'po-annotate'; event: 'judged'; kind: AnnotationKind | null };

const KINDS: ReadonlySet<string> = new Set<AnnotationKind>(['confirm', 'reject', 'relabel', 'note']);

export function parseFrameSignal(data: unknown): FrameSignal | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (d.type !== 'po-annotate') return null;
  if (d.event === 'escape') return { type: 'po-annotate', event: 'escape' };
  if (d.event === 'judged' && (d.kind === null || (typeof d.kind === 'string' && KINDS.has(d.kind)))) {
    return { type: 'po-annotate', event: 'judged', kind: d.kind as AnnotationKind | null };
  }
  return null;
}
