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
  /**
   * Deep Research cards also use .prose; they are not the answer. Their report opens in a panel
   * whose markup is not documented (docs/reference/sites.md §5), so it is not read: a reply with
   * a card says so visibly.
   */
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

/** Why a Deep Research reply's report is missing from the capture. */
export const PERPLEXITY_REPORT_NOT_READ = 'the Deep Research report opens in a panel this adapter does not read yet';

function readTurns(root: ParentNode): TurnReading[] {
  const queries = outermost(inDomOrder(S.query.flatMap((sel) => Array.from(root.querySelectorAll(sel)))));
  const replies = answers(root);
  const cards = outermost(Array.from(root.querySelectorAll(S.notAnswer)));
  const parts: TurnParts[] = [];
  // Per query: its Deep Research card (if any) and whether its reply has been read yet.
  let card: Element | null = null;
  let reply: number | null = null;
  const closeQuery = () => {
    if (card && reply === null) parts.push({ element: card, role: 'assistant', text: '', notCaptured: PERPLEXITY_REPORT_NOT_READ });
    card = null;
    reply = null;
  };
  for (const el of inDomOrder([...queries, ...replies, ...cards])) {
    if (queries.includes(el)) {
      closeQuery();
      parts.push({ element: el, role: 'user', text: domToText(queryFirst(el, S.queryText) ?? el) });
    } else if (replies.includes(el)) {
      reply = parts.push({ element: el, role: 'assistant', ...replyOf([el]) }) - 1;
      if (card) parts[reply] = withReportMissing(parts[reply]);
    } else if (!card && parts.length > 0) {
      card = el;
      if (reply !== null) parts[reply] = withReportMissing(parts[reply]);
    }
  }
  closeQuery();
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

/** A reply with a Deep Research card: its text says visibly that the report is not in it (as Gemini's closed panel). */
function withReportMissing(part: TurnParts): TurnParts {
  return { ...part, text: `${part.text}\n\n[report not captured: ${PERPLEXITY_REPORT_NOT_READ}]`.trim() };
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
