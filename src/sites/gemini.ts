/**
 * Gemini (gemini.google.com). Reference: docs/reference/sites.md §3.
 * Custom element names (user-query, model-response, model-thoughts) are the stable anchors;
 * each exchange sits in a .conversation-container whose id is the response id. The composer
 * shows a *mode* picker ("Flash", "Pro"), recorded as selectedModel, never as the reply's model.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText, replyOf } from './dom-text.ts';
import { countMarked, hasAny, inDomOrder, plainText, queryAll, queryFirst, readBranchMarker, STOP_BUTTON } from './query.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';

export const GEMINI_SELECTORS = {
  container: '.conversation-container',
  user: 'user-query',
  assistant: 'model-response',
  /** Share pages (/share/<id>): one share-turn-viewer per exchange, no model-response. */
  shareTurn: 'share-turn-viewer',
  /** Exporters document both: user-query-content directly, or a user-query wrapper (2026-07). */
  shareUser: 'user-query, user-query-content',
  shareReply: 'response-container',
  /** Deep Research: the report renders in a side panel, opened from a chip in the reply. */
  panelReport: 'immersive-panel message-content',
  panelChip: 'immersive-entry-chip',
  panelChipOpen: 'immersive-entry-chip .selected',
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

/** "Created with 3.1 Pro" on a share page: the model the page shows for the whole conversation. */
const CREATED_WITH = /^Created with\s+(.{1,40}?)\s*(?:[·•|–-].*)?$/i;

function shareModel(root: ParentNode): string | null {
  for (const el of Array.from(root.querySelectorAll('span, div, p'))) {
    if (el.firstElementChild) continue;
    const m = CREATED_WITH.exec(plainText(el) ?? '');
    if (m) return m[1];
  }
  return null;
}

/**
 * The reply that opened the Deep Research panel gets the panel's report as its text (the short
 * "I've completed your research" line is only the chip around it); a reply with a report chip
 * but no open panel says so visibly.
 */
function withPanelReport(parts: TurnParts[], root: ParentNode): TurnParts[] {
  const report = root.querySelector(S.panelReport);
  const reportText = report ? domToText(report) : '';
  const withChip = parts.filter((p) => p.role === 'assistant' && p.element.querySelector(S.panelChip));
  if (withChip.length === 0) return parts;
  const open = withChip.find((p) => p.element.querySelector(S.panelChipOpen)) ?? (withChip.length === 1 ? withChip[0] : null);
  return parts.map((p) => {
    if (!withChip.includes(p)) return p;
    const extra = p === open && reportText ? reportText : '[report not captured: its panel is closed]';
    return { ...p, text: `${p.text}\n\n${extra}` };
  });
}

function readShareTurns(root: ParentNode): TurnReading[] {
  const model = shareModel(root);
  const parts: TurnParts[] = [];
  queryAll(root, S.shareTurn).forEach((turn, i) => {
    const user = turn.querySelector(S.shareUser);
    if (user) parts.push({ element: user, role: 'user', text: domToText(queryFirst(user, S.userText) ?? user), siteId: `share-${i}:user` });
    const reply = turn.querySelector(S.shareReply);
    if (!reply) return;
    const answer = answerOf(reply);
    const thoughts = reply.querySelector(S.thoughts);
    parts.push({
      element: reply,
      role: 'assistant',
      ...replyOf(answer ? [answer] : []),
      siteId: `share-${i}:model`,
      model,
      thinking: thoughts ? domToText(thoughts) || null : null,
    });
  });
  return buildTurns(withPanelReport(parts, root));
}

function readTurns(root: ParentNode): TurnReading[] {
  if (root.querySelector(S.shareTurn) && !root.querySelector(S.assistant)) return readShareTurns(root);
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
      ...replyOf(answer ? [answer] : []),
      siteId: containerId && `${containerId}:model`,
      // Collapsed thoughts show only a "Show thinking" toggle: that is chrome, not thinking.
      thinking: thoughts ? domToText(thoughts) || null : null,
      streaming: el.querySelector(S.busy) !== null,
      branch: readBranchMarker(el, answer),
    });
  }
  return buildTurns(markLastAssistantStreaming(withPanelReport(parts, root), hasAny(root, S.stop)));
}

export const gemini: SiteAdapter = {
  id: 'gemini',
  label: 'Gemini',
  matchesUrl: (url) => url.hostname === 'gemini.google.com',
  conversationId: (url) => /\/(?:app|share)\/([a-z0-9_-]+)/i.exec(url.pathname)?.[1] ?? /\/gem\/[^/]+\/([^/?#]+)/.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('user-query, model-response, share-turn-viewer') !== null,
  readTurns,
  replyMarkerCount: (root) => countMarked(root, `${S.assistant}, ${S.shareTurn} ${S.shareReply}`),
  selectedModel: (root) => plainText(queryFirst(root, S.modePicker)),
  title: (root) => plainText(queryFirst(root, S.title)),
};
