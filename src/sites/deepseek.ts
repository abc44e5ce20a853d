/**
 * DeepSeek (chat.deepseek.com). Reference: docs/reference/sites.md §6.
 * Class names are hashed and rotate; the ds-* classes and data-virtual-list-item-key are the
 * stable anchors. Role: a message holding assistant markdown or a thinking area is the reply.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText, replyOf } from './dom-text.ts';
import { countMarked, elementsBefore, hasAny, leafTextOutside, outermost, plainText, queryFirst, queryFirstList, STOP_BUTTON } from './query.ts';
import { stepsOfHeader } from './steps.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';

export const DEEPSEEK_SELECTORS = {
  turn: ['[data-virtual-list-item-key]', '.ds-message'],
  message: '.ds-message',
  answer: '.ds-assistant-message-main-content',
  anyMarkdown: '.ds-markdown',
  thinking: '.ds-think-content',
  /** The round composer button shows a stop square (path starting "M2 ") while generating. */
  stop: [...STOP_BUTTON, '.ds-button--primary.ds-button--filled.ds-button--circle svg path[d^="M2 "]'],
  title: ['.ds-chat-title', 'title'],
} as const;

const S = DEEPSEEK_SELECTORS;
/** Mode labels DeepSeek shows beside a reply. */
const DEEPSEEK_MODE = /^(?:Instant|DeepThink(?: \(R1\))?|Expert|Search)$/i;

function readTurns(root: ParentNode): TurnReading[] {
  const parts: TurnParts[] = [];
  for (const turn of outermost(queryFirstList(root, S.turn))) {
    const message = turn.matches(S.message) ? turn : (turn.querySelector(S.message) ?? turn);
    const answer = message.querySelector(S.answer) ?? Array.from(message.querySelectorAll(S.anyMarkdown)).find((m) => !m.closest(S.thinking)) ?? null;
    const isAssistant = answer !== null || message.querySelector(S.thinking) !== null;
    const key = turn.getAttribute('data-virtual-list-item-key');
    if (!isAssistant) {
      parts.push({ element: turn, role: 'user', text: domToText(message), siteId: key && `k${key}` });
      continue;
    }
    const thinkingEl = message.querySelector(S.thinking);
    // Title rows ("Thought for 37 seconds", "Read 12 web pages") before the answer, each with its kind.
    const header = answer ? elementsBefore(message, answer).map((el) => domToText(el, { keepButtons: true, exclude: S.thinking })) : [];
    parts.push({
      element: turn,
      role: 'assistant',
      // An interrupted answer has a thinking block but no main content: nothing to store.
      ...replyOf(answer ? [answer] : []),
      siteId: key && `k${key}`,
      steps: stepsOfHeader(header, thinkingEl ? [domToText(thinkingEl)] : []),
      model: leafTextOutside(message, answer, DEEPSEEK_MODE),
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const deepseek: SiteAdapter = {
  id: 'deepseek',
  label: 'DeepSeek',
  matchesUrl: (url) => url.hostname === 'chat.deepseek.com',
  conversationId: (url) => /\/chat\/(?:s\/)?([a-z0-9-]+)/i.exec(url.pathname)?.[1] ?? /^\/share\/([a-z0-9-]+)/i.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('.ds-message, .ds-markdown') !== null,
  readTurns,
  replyMarkerCount: (root) => countMarked(root, '.ds-markdown:not(.ds-think-content .ds-markdown)', S.message),
  selectedModel: () => null,
  title: (root) => plainText(queryFirst(root, ['.ds-chat-title'])),
};
