/**
 * Meta AI (meta.ai, www.meta.ai). Reference: docs/reference/sites.md §11.
 * Message ids end in _user / _assistant; data-streaming-state="DONE" and
 * data-streaming-complete="true" are the best per-message "finished" signal of any site.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText, replyOf } from './dom-text.ts';
import { countMarked, hasAny, outermost, queryFirst, queryFirstList, STOP_BUTTON, plainText } from './query.ts';
import { isOnlySteps, stepsFromBlocks } from './steps.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';
import type { Role } from '../core/model/types.ts';

export const META_AI_SELECTORS = {
  turn: ['[data-message-item="true"]', '[data-message-id$="_user"], [data-message-id$="_assistant"]'],
  userMarker: '[data-message-type="user"]',
  assistantMarker: '[data-testid="assistant-message"]',
  assistantText: ['.markdown-content', '.ur-markdown', '.prose', '[data-testid="assistant-message"]'],
  userText: ['[data-slot="text"]', '.text-response', '.whitespace-pre-wrap', '[data-message-type="user"]'],
  chrome: '[data-testid="thinking-status"]',
  stop: STOP_BUTTON,
  title: ['input[placeholder="Conversation title"]'],
} as const;

const S = META_AI_SELECTORS;

function roleOf(turn: Element): Role | null {
  const id = turn.getAttribute('data-message-id') ?? '';
  if (id.endsWith('_user') || turn.querySelector(S.userMarker)) return 'user';
  if (id.endsWith('_assistant') || turn.querySelector(S.assistantMarker)) return 'assistant';
  return null;
}

function isStreaming(turn: Element): boolean {
  const el = turn.matches('[data-streaming-state]') ? turn : turn.querySelector('[data-streaming-state], [data-streaming-complete]');
  if (!el) return false;
  const state = el.getAttribute('data-streaming-state');
  return (state !== null && state !== 'DONE') || el.getAttribute('data-streaming-complete') === 'false';
}

function readTurns(root: ParentNode): TurnReading[] {
  const parts: TurnParts[] = [];
  for (const turn of outermost(queryFirstList(root, S.turn))) {
    const role = roleOf(turn);
    if (!role) continue;
    if (role === 'user') {
      const content = queryFirst(turn, S.userText) ?? turn;
      parts.push({ element: turn, role, text: domToText(content, { exclude: S.chrome }), siteId: turn.getAttribute('data-message-id') });
      continue;
    }
    // A 2026 reply may open with a block that holds only the "Show thinking" status: every
    // content block is read, status-only blocks become steps, the rest is the reply.
    const blocks = outermost(queryFirstList(turn, S.assistantText));
    const all = blocks.length > 0 ? blocks : [turn];
    const statusOnly = all.filter((b) => isOnlySteps(domToText(b, { exclude: S.chrome })));
    const reply = replyOf(
      all.filter((b) => !statusOnly.includes(b)),
      { exclude: S.chrome },
    );
    parts.push({
      element: turn,
      role,
      ...reply,
      steps: stepsFromBlocks(statusOnly.map((b) => domToText(b, { exclude: S.chrome }))),
      siteId: turn.getAttribute('data-message-id'),
      streaming: role === 'assistant' && isStreaming(turn),
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const metaAi: SiteAdapter = {
  id: 'meta-ai',
  label: 'Meta AI',
  matchesUrl: (url) => /^(www\.)?meta\.ai$/.test(url.hostname),
  conversationId: (url) => /^\/(?:prompt|c)\/([a-z0-9-]+)/i.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('[data-message-item="true"], [data-streaming-state]') !== null,
  readTurns,
  replyMarkerCount: (root) => countMarked(root, '[data-message-id$="_assistant"]'),
  selectedModel: () => null,
  title: (root) => {
    const input = queryFirst(root, S.title);
    return input?.getAttribute('value')?.trim() || plainText(input);
  },
};
