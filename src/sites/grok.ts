/**
 * Grok (grok.com). Reference: docs/reference/sites.md §7.
 * Each turn is a div[id^="response-"]; role from its alignment class (items-end = user,
 * items-start = assistant), else from the action buttons (Edit = user, Regenerate = assistant).
 * x.com/i/grok is not supported (no capture of its markup exists).
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText } from './dom-text.ts';
import {
  countMarked,
  elementsBefore,
  hasAny,
  leafTextOutside,
  outermost,
  plainText,
  queryFirst,
  queryFirstList,
  readBranchMarker,
  STOP_BUTTON,
} from './query.ts';
import { stepsOfHeader } from './steps.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';
import type { Role } from '../core/model/types.ts';

export const GROK_SELECTORS = {
  turn: ['[id^="response-"]', '[data-testid="user-message"], [data-testid="assistant-message"]'],
  assistantText: ['.response-content-markdown', '.message-bubble'],
  userText: ['.message-bubble'],
  userButton: 'button[aria-label="Edit"], button[aria-label="편집"]',
  assistantButton: 'button[aria-label="Regenerate"], button[aria-label="재생성"]',
  thinking: ['.thinking-container', '[data-testid="thinking"]'],
  stop: STOP_BUTTON,
  modelPicker: ['button[aria-label="Model select"]', '#model-select-trigger', 'button[aria-label*="mode" i][aria-haspopup]'],
} as const;

/** Grok's modes as the page shows them, per reply (a badge) and in the composer. */
const GROK_MODE = /^(?:Auto|Fast|Expert|Heavy|Grok \d[\w. -]{0,20})$/i;

const S = GROK_SELECTORS;

function roleOf(turn: Element): Role | null {
  if (turn.classList.contains('items-end') || turn.getAttribute('data-testid') === 'user-message') return 'user';
  if (turn.classList.contains('items-start') || turn.getAttribute('data-testid') === 'assistant-message') return 'assistant';
  if (turn.querySelector(S.assistantButton)) return 'assistant';
  if (turn.querySelector(S.userButton)) return 'user';
  return null;
}

function readTurns(root: ParentNode): TurnReading[] {
  const parts: TurnParts[] = [];
  for (const turn of outermost(queryFirstList(root, S.turn))) {
    const role = roleOf(turn);
    if (!role) continue;
    const content = queryFirst(turn, role === 'user' ? S.userText : S.assistantText) ?? turn;
    const thinking = role === 'assistant' ? queryFirst(turn, S.thinking) : null;
    // "Thought for 9s" headers sit before the answer, outside the thinking container.
    const header =
      role === 'assistant' && content !== turn
        ? elementsBefore(turn, content)
            .filter((el) => !thinking || !el.contains(thinking))
            .map((el) => domToText(el, { keepButtons: true }))
        : [];
    parts.push({
      element: turn,
      role,
      text: domToText(content, { exclude: S.thinking.join(', ') }),
      siteId: turn.getAttribute('id'),
      steps: role === 'assistant' ? stepsOfHeader(header, thinking ? [domToText(thinking, { keepButtons: true })] : []) : [],
      model: role === 'assistant' ? leafTextOutside(turn, content, GROK_MODE) : null,
      branch: readBranchMarker(turn, content),
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const grok: SiteAdapter = {
  id: 'grok',
  label: 'Grok',
  matchesUrl: (url) => /^(www\.)?grok\.com$/.test(url.hostname),
  conversationId: (url) => /^\/(?:c|chat|share)\/([a-z0-9-]+)/i.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('[id^="response-"] .message-bubble, .response-content-markdown') !== null,
  readTurns,
  replyMarkerCount: (root) => countMarked(root, '[id^="response-"].items-start, [data-testid="assistant-message"]'),
  selectedModel: (root) => plainText(queryFirst(root, S.modelPicker)),
  title: () => null,
};
