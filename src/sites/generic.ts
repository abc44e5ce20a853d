/**
 * Generic fallback for layouts no dedicated adapter knows: message elements marked with the
 * common role attributes. Used by the CLI on unknown pages; on supported sites the dedicated
 * adapter's own result (or "layout not recognized") always wins, so a guess is never stored.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { plainText } from './query.ts';
import { readTurnsWithSelectors } from './selector-reader.ts';

export const GENERIC_SELECTORS = {
  turn: '[data-message-author-role], [data-message-role], [data-role="user"], [data-role="assistant"], [data-testid="user-message"], [data-testid="assistant-message"]',
  user: '[data-testid="user-message"]',
  assistant: '[data-testid="assistant-message"]',
} as const;

function readTurns(root: ParentNode): TurnReading[] {
  return readTurnsWithSelectors(root, { ...GENERIC_SELECTORS });
}

export const generic: SiteAdapter = {
  id: 'generic',
  label: 'Generic',
  matchesUrl: () => true,
  conversationId: () => null,
  looksLike: (root) => root.querySelector(GENERIC_SELECTORS.turn) !== null,
  readTurns,
  selectedModel: () => null,
  title: (root) => plainText(root.querySelector('title')),
};
