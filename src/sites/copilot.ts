/**
 * Microsoft Copilot: consumer (copilot.microsoft.com) and Microsoft 365 Copilot
 * (m365.cloud.microsoft), two variants of one site. Reference: docs/reference/sites.md §4.
 * No live capture exists; selectors follow the exporters cited there (data-content on the
 * consumer message; M365's Fluent AI components, fai-*). No per-message model is shown; the
 * composer's mode ("Smart", "Auto", "Think Deeper") is the selected model.
 *
 * The variants differ where it matters for correctness:
 * - M365 puts a screen-reader heading ("You said:", "Copilot said:") inside the message, as an
 *   h5/h6 with an `__accessibleHeading` class rather than .sr-only: excluded.
 * - M365 keeps finished replies inside a `loading-message` container, so there that test id is
 *   not a streaming signal (only the stop button is); on the consumer site it is.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText } from './dom-text.ts';
import { countMarked, hasAny, outermost, plainText, queryFirst, queryFirstList, STOP_BUTTON } from './query.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';
import type { Role } from '../core/model/types.ts';

export const COPILOT_SELECTORS = {
  turn: [
    '[data-content="user-message"], [data-content="ai-message"]',
    '[data-testid="chat-turn-user"], [data-testid="chat-turn-assistant"]',
    '[data-testid="chatQuestion"], [data-testid="copilot-message-div"]',
  ],
  user: '[data-content="user-message"], [data-testid="chat-turn-user"], [data-testid="chatQuestion"]',
  assistantText: ['[data-testid="ai-message-body"]', '[data-testid="markdown-reply"]', '.fai-CopilotMessage__content', '.fai-CopilotMessage'],
  userText: ['[data-testid="chatOutput"]', '.fai-UserMessage__message', '.fai-UserMessage', '[data-testid="user-message-body"]'],
  chrome: [
    '[data-testid="message-item-reactions"]',
    '[data-testid="regenerate-message-button-popover"]',
    '[class*="accessibleHeading"]',
    '.fai-CopilotMessage__actions',
    '.fai-SuggestionList',
  ].join(', '),
  loading: '[data-testid="loading-message"]',
  /** M365 markers: the Fluent AI message components. */
  m365: '.fai-CopilotMessage, .fai-UserMessage, [data-testid="copilot-message-div"]',
  replyMarker: '[data-content="ai-message"], [data-testid="copilot-message-div"], [data-testid="chat-turn-assistant"]',
  modePicker: [
    '[data-testid="composer-chat-mode-selector"]',
    '[data-testid*="mode-selector" i]',
    'button[aria-label*="chat mode" i]',
    'button[aria-label^="Mode" i]',
  ],
  stop: STOP_BUTTON,
} as const;

const S = COPILOT_SELECTORS;
// The hosts the manifest's content script runs on.
const HOSTS = new Set(['copilot.microsoft.com', 'm365.cloud.microsoft']);

function readTurns(root: ParentNode): TurnReading[] {
  const m365 = root.querySelector(S.m365) !== null;
  const parts: TurnParts[] = [];
  for (const turn of outermost(queryFirstList(root, S.turn))) {
    const role: Role = turn.matches(S.user) ? 'user' : 'assistant';
    const content = queryFirst(turn, role === 'user' ? S.userText : S.assistantText) ?? turn;
    parts.push({
      element: turn,
      role,
      // On M365 the loading-message container may hold the finished reply itself.
      text: domToText(content, { exclude: m365 ? S.chrome : `${S.chrome}, ${S.loading}` }),
      siteId: turn.getAttribute('id') || turn.getAttribute('data-message-id'),
      streaming: !m365 && role === 'assistant' && turn.querySelector(S.loading) !== null,
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

/** The composer's mode, from its label or its text ("Smart", "Auto", "Think Deeper"). */
function selectedMode(root: ParentNode): string | null {
  const picker = queryFirst(root, S.modePicker);
  if (!picker) return null;
  const label = picker
    .getAttribute('aria-label')
    ?.replace(/^(?:chat\s+)?mode\s*(?:selector)?[:,]?\s*/i, '')
    .trim();
  return plainText(picker) ?? (label || null);
}

export const copilot: SiteAdapter = {
  id: 'copilot',
  label: 'Microsoft Copilot',
  matchesUrl: (url) => HOSTS.has(url.hostname),
  // M365's id location is not documented: a path segment after /chat/ or a conversationId parameter.
  conversationId: (url) =>
    /^\/(?:chats|shares)\/([a-z0-9_-]+)/i.exec(url.pathname)?.[1] ??
    /^\/chat\/(?:conversation\/)?([a-z0-9_-]{8,})/i.exec(url.pathname)?.[1] ??
    url.searchParams.get('sessionId') ??
    url.searchParams.get('conversationId'),
  looksLike: (root) => root.querySelector('[data-content="ai-message"], .fai-CopilotMessage') !== null,
  readTurns,
  replyMarkerCount: (root) => countMarked(root, S.replyMarker),
  selectedModel: selectedMode,
  title: () => null,
};
