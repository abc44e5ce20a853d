/**
 * HuggingChat (huggingface.co/chat). Reference: docs/reference/sites.md §10, from the
 * open-source huggingface/chat-ui ChatMessage.svelte / Alternatives.svelte.
 * Assistant and user messages use different attribute names (data-message-role vs
 * data-message-type). The routed model is a /chat/settings/<model> link under the reply;
 * reasoning and tool blocks are marked data-exclude-from-copy.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText } from './dom-text.ts';
import { countMarked, hasAny, plainText, queryFirst, readBranchMarker, STOP_BUTTON } from './query.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';

export const HUGGINGCHAT_SELECTORS = {
  turn: '[data-message-role="assistant"][data-message-id], [data-message-type="user"][data-message-id], [data-message-role="user"][data-message-id]',
  assistant: '[data-message-role="assistant"]',
  /** MarkdownRenderer output; the footer (router note, copy/retry) sits outside it. */
  text: ['.prose', '[class*="prose"]'],
  modelLink: 'a[href*="/chat/settings/"]',
  reasoning: '[data-exclude-from-copy]',
  /** Footer chrome and the branch navigator are not message text. */
  chrome: '[class~="group/navbranch"], a[href*="/chat/settings/"]',
  loading: '.loading',
  stop: STOP_BUTTON,
} as const;

const S = HUGGINGCHAT_SELECTORS;

function modelOf(turn: Element): string | null {
  const link = turn.querySelector(S.modelLink);
  if (!link) return null;
  const href = link.getAttribute('href') ?? '';
  return plainText(link) ?? (href.split('/').filter(Boolean).pop() || null);
}

function readTurns(root: ParentNode): TurnReading[] {
  const parts: TurnParts[] = [];
  for (const turn of Array.from(root.querySelectorAll(S.turn))) {
    const isAssistant = turn.matches(S.assistant);
    const reasoning = isAssistant ? Array.from(turn.querySelectorAll(S.reasoning)) : [];
    parts.push({
      element: turn,
      role: isAssistant ? 'assistant' : 'user',
      text: domToText((isAssistant ? queryFirst(turn, S.text) : null) ?? turn, { exclude: `${S.chrome}, ${S.reasoning}` }),
      siteId: turn.getAttribute('data-message-id'),
      model: isAssistant ? modelOf(turn) : null,
      thinking: reasoning
        .map((el) => domToText(el))
        .filter(Boolean)
        .join('\n\n'),
      streaming: isAssistant && turn.querySelector(S.loading) !== null,
      branch: readBranchMarker(turn.querySelector('[class~="group/navbranch"]') ?? turn, null),
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const huggingchat: SiteAdapter = {
  id: 'huggingchat',
  label: 'HuggingChat',
  matchesUrl: (url) => url.hostname === 'huggingface.co' && /^\/chat(\/|$)/.test(url.pathname),
  conversationId: (url) => /^\/chat\/conversation\/([a-z0-9]+)/i.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('[data-message-role="assistant"][data-message-id]') !== null,
  readTurns,
  replyMarkerCount: (root) => countMarked(root, '[data-message-role="assistant"]'),
  selectedModel: () => null,
  title: () => null,
};
