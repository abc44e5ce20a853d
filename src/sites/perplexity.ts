/**
 * Perplexity (perplexity.ai, www.perplexity.ai). Reference: docs/reference/sites.md §5.
 * Queries are the group/query heading; answers are #markdown-content-N, except in the 2026-08
 * rollout where that div is an empty placeholder and the answer renders beside it in
 * .prose.inline. No message ids: turn ids are content hash + position.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText, replyOf } from './dom-text.ts';
import { hasAny, inDomOrder, outermost, plainText, queryFirst, STOP_BUTTON } from './query.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';

export const PERPLEXITY_SELECTORS = {
  query: ['h1[class~="group/query"]', 'div[class~="group/query"]', '[class*="group/query"]'],
  queryText: ['span.select-text'],
  answer: '[id^="markdown-content-"]',
  answerBeside: '.prose.inline',
  /** Deep Research cards also use .prose; they are not the answer. */
  notAnswer: 'div.bg-raised.rounded-lg',
  stop: STOP_BUTTON,
} as const;

const S = PERPLEXITY_SELECTORS;

function answers(root: ParentNode): Element[] {
  const placeholders = Array.from(root.querySelectorAll(S.answer));
  const filled = placeholders.filter((el) => (el.textContent ?? '').trim() !== '');
  const beside = Array.from(root.querySelectorAll(S.answerBeside)).filter((el) => !el.closest(S.answer) && !el.closest(S.notAnswer));
  return outermost(inDomOrder([...filled, ...beside]));
}

function readTurns(root: ParentNode): TurnReading[] {
  const queries = outermost(inDomOrder(S.query.flatMap((sel) => Array.from(root.querySelectorAll(sel)))));
  const replies = answers(root);
  const parts: TurnParts[] = inDomOrder([...queries, ...replies]).map((el) => {
    const isUser = queries.includes(el);
    const content = isUser ? (queryFirst(el, S.queryText) ?? el) : el;
    if (isUser) return { element: el, role: 'user', text: domToText(content) } satisfies TurnParts;
    return { element: el, role: 'assistant', ...replyOf([content]) } satisfies TurnParts;
  });
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const perplexity: SiteAdapter = {
  id: 'perplexity',
  label: 'Perplexity',
  matchesUrl: (url) => /^(www\.)?perplexity\.ai$/.test(url.hostname),
  conversationId: (url) => /^\/(?:search|thread|page)\/([a-z0-9_.-]+)/i.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('[id^="markdown-content-"], [class*="group/query"]') !== null,
  readTurns,
  replyMarkerCount: (root) => root.querySelectorAll(S.answer).length,
  selectedModel: () => null,
  title: (root) => plainText(queryFirst(root, S.query)),
};
