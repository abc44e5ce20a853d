/**
 * Mistral Le Chat (chat.mistral.ai). Reference: docs/reference/sites.md §8.
 * Reuses ChatGPT's data-message-author-role attribute name, so the site is told apart by host.
 * The answer is the [data-message-part-type="answer"] part; the "Worked for 3s" collapsible
 * before it holds the reasoning.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText, replyOf } from './dom-text.ts';
import { countMarked, elementsBefore, hasAny, outermost, queryFirst, queryFirstList, STOP_BUTTON } from './query.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';
import type { Role } from '../core/model/types.ts';

export const MISTRAL_SELECTORS = {
  turn: ['[data-message-author-role][data-message-id]', '[data-message-author-role]'],
  answer: '[data-message-part-type="answer"]',
  userText: ['.select-text', '.whitespace-pre-wrap'],
  stop: STOP_BUTTON,
} as const;

const S = MISTRAL_SELECTORS;

function readTurns(root: ParentNode): TurnReading[] {
  const parts: TurnParts[] = [];
  for (const turn of outermost(queryFirstList(root, S.turn))) {
    const roleAttr = turn.getAttribute('data-message-author-role');
    if (roleAttr !== 'user' && roleAttr !== 'assistant') continue;
    const role: Role = roleAttr;
    const siteId = turn.getAttribute('data-message-id');
    if (role === 'user') {
      parts.push({ element: turn, role, text: domToText(queryFirst(turn, S.userText) ?? turn), siteId });
      continue;
    }
    const answers = outermost(Array.from(turn.querySelectorAll(S.answer)));
    const thinking = answers[0]
      ? elementsBefore(turn, answers[0])
          .map((el) => domToText(el))
          .filter(Boolean)
          .join('\n\n')
      : '';
    parts.push({
      element: turn,
      role,
      ...replyOf(answers),
      siteId,
      thinking,
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const mistral: SiteAdapter = {
  id: 'mistral',
  label: 'Mistral Le Chat',
  matchesUrl: (url) => url.hostname === 'chat.mistral.ai',
  conversationId: (url) => /^\/chat\/([a-z0-9-]+)/i.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('[data-message-part-type="answer"]') !== null,
  readTurns,
  replyMarkerCount: (root) => countMarked(root, '[data-message-author-role="assistant"]'),
  selectedModel: () => null,
  title: () => null,
};
