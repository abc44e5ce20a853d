/**
 * Microsoft Copilot (copilot.microsoft.com). Reference: shared/reference/sites.md §4.
 * No live capture exists; selectors follow the exporters cited there (data-content on the
 * message, M365's Fluent components as a fallback). No per-message model is shown.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText } from './dom-text.ts';
import { countMarked, hasAny, outermost, plainText, queryFirst, queryFirstList, STOP_BUTTON } from './query.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';
import type { Role } from '../core/types.ts';

export const COPILOT_SELECTORS = {
  turn: [
    '[data-content="user-message"], [data-content="ai-message"]',
    '[data-testid="chat-turn-user"], [data-testid="chat-turn-assistant"]',
    '[data-testid="chatQuestion"], [data-testid="copilot-message-div"]',
  ],
  user: '[data-content="user-message"], [data-testid="chat-turn-user"], [data-testid="chatQuestion"]',
  assistantText: ['[data-testid="ai-message-body"]', '[data-testid="markdown-reply"]', '.fai-CopilotMessage'],
  userText: ['.fai-UserMessage', '[data-testid="user-message-body"]'],
  chrome: [
    '[data-testid="message-item-reactions"]', '[data-testid="loading-message"]',
    '[data-testid="regenerate-message-button-popover"]',
  ].join(', '),
  loading: '[data-testid="loading-message"]',
  stop: STOP_BUTTON,
} as const;

const S = COPILOT_SELECTORS;

function readTurns(root: ParentNode): TurnReading[] {
  const parts: TurnParts[] = [];
  for (const turn of outermost(queryFirstList(root, S.turn))) {
    const role: Role = turn.matches(S.user) ? 'user' : 'assistant';
    const content = queryFirst(turn, role === 'user' ? S.userText : S.assistantText) ?? turn;
    parts.push({
      element: turn,
      role,
      text: domToText(content, { exclude: S.chrome }),
      siteId: turn.getAttribute('id') || turn.getAttribute('data-message-id'),
      streaming: role === 'assistant' && turn.querySelector(S.loading) !== null,
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const copilot: SiteAdapter = {
  id: 'copilot',
  label: 'Microsoft Copilot',
  matchesUrl: (url) => url.hostname === 'copilot.microsoft.com',
  conversationId: (url) => /^\/(?:chats|shares)\/([a-z0-9_-]+)/i.exec(url.pathname)?.[1] ?? url.searchParams.get('sessionId'),
  looksLike: (root) => root.querySelector('[data-content="ai-message"], .fai-CopilotMessage') !== null,
  readTurns,
  replyMarkerCount: (root) => countMarked(root, '[data-content="ai-message"], [data-testid="copilot-message-div"]'),
  selectedModel: () => null,
  title: () => null,
};
