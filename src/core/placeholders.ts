/**
 * Replies the page showed but whose body could not be read (a Deep Research report in a frame):
 * "reply not captured" placeholders. They stay in the timeline and in every export, visibly, but
 * they are not replies: the analysis (features, detector, router) never measures their text.
 */
import type { ConversationBundle } from './model/types.ts';

/** The visible text of a reply whose body could not be read. */
export function notCapturedText(reason: string): string {
  return `[reply not captured: ${reason}]`;
}

const PLACEHOLDER_TEXT = /^\[reply not captured: ([^\n]+)\]$/;

/** The reason inside a placeholder text written by `notCapturedText`, or null for any other text. */
export function notCapturedReasonOf(text: string): string | null {
  return PLACEHOLDER_TEXT.exec(text.trim())?.[1]?.trim() || null;
}

/** Is this turn a placeholder (its body was not captured)? */
export function isPlaceholder(turn: { notCaptured?: string }): boolean {
  return typeof turn.notCaptured === 'string';
}

/**
 * The bundles as the analysis sees them: placeholder turns and their analyses left out, nothing
 * else changed. Bundles without placeholders are returned as they are (no copy).
 */
export function withoutPlaceholders(bundles: readonly ConversationBundle[]): ConversationBundle[] {
  return bundles.map((b) => {
    if (!b.turns.some(isPlaceholder)) return b;
    const dropped = new Set(b.turns.filter(isPlaceholder).map((t) => t.key));
    return { ...b, turns: b.turns.filter((t) => !dropped.has(t.key)), analyses: b.analyses.filter((a) => !dropped.has(a.turnKey)) };
  });
}
