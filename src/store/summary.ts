/**
 * Pure derivations of a conversation's counters from its turns (kept in the conversation
 * record so the dashboard list never reads turns).
 */
import { isPlaceholder } from '../core/placeholders.ts';
import type { Turn } from '../core/model/types.ts';

/** Turns sorted by order, main line before its alternatives at the same order. */
export function sortTurns(turns: readonly Turn[]): Turn[] {
  return [...turns].sort(
    (a, b) => a.order - b.order || Number(a.alternativeOf !== null) - Number(b.alternativeOf !== null) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

export function mainLine(turns: readonly Turn[]): Turn[] {
  return sortTurns(turns.filter((t) => t.alternativeOf === null));
}

/** Distinct models shown per reply, in order of first appearance (alternatives included). */
export function distinctModels(turns: readonly Turn[]): string[] {
  const seen = new Set<string>();
  for (const t of sortTurns(turns)) if (t.model) seen.add(t.model);
  return [...seen];
}

export interface TurnCounters {
  turnCount: number;
  assistantCount: number;
  models: string[];
}

/** `assistantCount` counts replies: a placeholder whose body was not captured is no reply (placeholders.ts). */
export function turnCounters(turns: readonly Turn[]): TurnCounters {
  const main = turns.filter((t) => t.alternativeOf === null);
  return {
    turnCount: main.length,
    assistantCount: main.filter((t) => t.role === 'assistant' && !isPlaceholder(t)).length,
    models: distinctModels(turns),
  };
}
