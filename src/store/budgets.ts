/**
 * Caps that keep the store from growing without bound, whatever a page does. Each one trims or
 * pauses with a reason the popup shows (tab status detail); none drops data silently.
 */
export interface StoreBudgets {
  /** Earlier texts kept per turn when a reply is edited in place (not just grown). */
  versionsPerTurn: number;
  /** Turn records (main line, alternatives and versions) in one conversation. */
  turnsPerConversation: number;
}

export const DEFAULT_BUDGETS: Readonly<StoreBudgets> = Object.freeze({
  versionsPerTurn: 20,
  turnsPerConversation: 10_000,
});
