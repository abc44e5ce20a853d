/**
 * Gemini (gemini.google.com). Reference: docs/reference/sites.md §3.
 * Custom element names (user-query, model-response, model-thoughts) are the stable anchors;
 * each exchange sits in a .conversation-container whose id is the response id. The composer
 * shows a *mode* picker ("Flash", "Pro"), recorded as selectedModel, never as the reply's model.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText } from './dom-text.ts';
import { hasAny, inDomOrder, plainText, queryFirst, readBranchMarker, STOP_BUTTON } from './query.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';

export const GEMINI_SELECTORS = {
  container: '.conversation-container',
  user: 'user-query',
  assistant: 'model-response',
  userText: ['.query-text', 'user-query-content', '.user-query-container'],
  answer: ['message-content .markdown', '.markdown-main-panel', 'message-content'],
  thoughts: 'model-thoughts',
  busy: '[aria-busy="true"]',
  stop: STOP_BUTTON,
  modePicker: ['[data-test-id="bard-mode-menu-button"] .picker-primary-text', '[data-test-id="bard-mode-menu-button"]'],
  title: ['gem-nav-list-item[data-test-id="conversation"] a[aria-current="page"] .title-text', '.conversation-title'],
} as const;

const S = GEMINI_SELECTORS;

function answerOf(response: Element): Element | null {
  for (const sel of S.answer) {
    const found = Array.from(response.querySelectorAll(sel)).find((el) => !el.closest(S.thoughts));
    if (found) return found;
  }
  return null;
}

function readTurns(root: ParentNode): TurnReading[] {
  const parts: TurnParts[] = [];
  for (const el of inDomOrder(Array.from(root.querySelectorAll(`${S.user}, ${S.assistant}`)))) {
    const containerId = el.closest(S.container)?.getAttribute('id') ?? null;
    if (el.localName.toLowerCase() === S.user) {
      const content = queryFirst(el, S.userText) ?? el;
      parts.push({ element: el, role: 'user', text: domToText(content), siteId: containerId && `${containerId}:user` });
      continue;
    }
    const answer = answerOf(el);
    const thoughts = el.querySelector(S.thoughts);
    parts.push({
      element: el,
      role: 'assistant',
      text: answer ? domToText(answer) : '',
      siteId: containerId && `${containerId}:model`,
      // Collapsed thoughts show only a "Show thinking" toggle: that is chrome, not thinking.
      thinking: thoughts ? domToText(thoughts) || null : null,
      streaming: el.querySelector(S.busy) !== null,
      branch: readBranchMarker(el, answer),
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const gemini: SiteAdapter = {
  id: 'gemini',
  label: 'Gemini',
  matchesUrl: (url) => url.hostname === 'gemini.google.com',
  conversationId: (url) => /\/app\/([a-z0-9_-]+)/i.exec(url.pathname)?.[1] ?? /\/gem\/[^/]+\/([^/?#]+)/.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('user-query, model-response') !== null,
  readTurns,
  selectedModel: (root) => plainText(queryFirst(root, S.modePicker)),
  title: (root) => plainText(queryFirst(root, S.title)),
};
