/**
 * ChatGPT (chatgpt.com, chat.openai.com). Reference: docs/reference/sites.md §1.
 * Turn wrappers moved from <article> to <section> in 2026-03, so everything here is
 * tag-agnostic. Model per reply: data-message-model-slug (the only site that shows one).
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText, replyOf } from './dom-text.ts';
import { hasText, elementsBefore, hasAny, plainText, queryAll, queryFirst, queryFirstList, readBranchMarker, STOP_BUTTON, outermost } from './query.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';
import { cachedPageRead, cachedRead, cachedScanRead } from './read-cache.ts';
import type { Role } from '../core/model/types.ts';

export const CHATGPT_SELECTORS = {
  turn: ['[data-testid^="conversation-turn-"]', '[data-turn-id][data-turn]', 'li[data-message-role]', '[data-chatgpt-search-unit-key]'],
  message: '[data-message-author-role], [data-message-role]',
  assistantContent: ['.markdown', '.markdown-new-styling', '.prose'],
  userContent: ['.whitespace-pre-wrap', '.user-message-bubble-color'],
  modelSlug: 'data-message-model-slug',
  /** Each a single class: queried one by one, a fast path in browsers (a selector list is not). */
  streamingInTurn: ['.result-streaming', '.streaming-animation'],
  /** The generic list already names ChatGPT's two stop buttons (each selector is matched on every button). */
  stop: STOP_BUTTON,
  modelPicker: ['[data-testid="model-switcher-dropdown-button"]'],
  image: 'img[alt]:not([aria-hidden="true"])',
  title: ['nav a[data-active] .truncate', 'a[data-active] .truncate span'],
  /** What every `title` selector sits under (the sidebar's active link). */
  titleScope: 'a[data-active]',
} as const;

const S = CHATGPT_SELECTORS;
const ID = /^\/(?:share|c|g\/[a-z0-9-]+\/c)\/([a-z0-9-]+)/i;

function roleOfTurn(turn: Element, messages: Element[]): Role | null {
  const attr =
    turn.getAttribute('data-turn') ??
    messages[0]?.getAttribute('data-message-author-role') ??
    turn.getAttribute('data-message-role') ??
    messages[0]?.getAttribute('data-message-role') ??
    turn.getAttribute('data-chatgpt-search-unit-key')?.split(':').pop();
  return attr === 'user' || attr === 'assistant' ? attr : null;
}

/** Messages that belong to this turn (one assistant turn can hold several message elements). */
function messagesOf(turn: Element): Element[] {
  const own = turn.matches(S.message) ? [turn] : [];
  const inner = queryAll(turn, S.message).filter((m) => {
    const owner = m.parentElement?.closest(S.turn.join(', '));
    return !owner || owner === turn;
  });
  return outermost([...own, ...inner]);
}

function contentOf(message: Element, role: Role): Element {
  return queryFirst(message, role === 'assistant' ? S.assistantContent : S.userContent) ?? message;
}

/** "Thought for 12s" header (and any expanded reasoning) that sits before the first message. */
function thinkingOf(turn: Element, firstMessage: Element): string | null {
  const text = elementsBefore(turn, firstMessage)
    .map((el) => domToText(el, { keepButtons: true }))
    .filter(Boolean)
    .join('\n\n');
  return text || null;
}

/**
 * The composer's selected model. The switcher's visible text is often only the brand
 * ("ChatGPT"); the model is in its aria-label ("Model selector, current model is 5.2 Thinking").
 */
function pickerModel(picker: Element | null): string | null {
  if (!picker) return null;
  const label = picker.getAttribute('aria-label') ?? '';
  const m = /(?:current model(?: is)?|model:|selected:?)\s*[:,]?\s*(.+)$/i.exec(label) ?? /^[^,]*model[^,]*,\s*(.+)$/i.exec(label);
  const fromLabel = m?.[1]?.trim();
  if (fromLabel) return fromLabel;
  const text = plainText(picker);
  // The bare brand names no model: nothing is shown, so nothing is claimed.
  return text && !/^chatgpt$/i.test(text) ? text : null;
}

function frameReason(frame: Element): string {
  const title = frame.getAttribute('title') ?? '';
  return /deep-research/i.test(title)
    ? 'the Deep Research report is in a frame the page does not let extensions read'
    : 'the reply is in a frame the page does not let extensions read';
}

/** Image-generation turns have no message element: describe the images by their alt text. */
function imageText(turn: Element): string {
  return Array.from(turn.querySelectorAll(S.image))
    .map((img) => img.getAttribute('alt')?.trim())
    .filter((alt): alt is string => !!alt)
    .map((alt) => `[image: ${alt}]`)
    .join('\n');
}

/**
 * Everything of a turn but its streaming flag: a pure function of the turn's subtree, so the
 * content script may memoise it (read-cache.ts). Null when the turn has no recognisable role.
 */
function stablePartsOf(turn: Element): Omit<TurnParts, 'streaming'> | null {
  const messages = messagesOf(turn);
  const role = roleOfTurn(turn, messages);
  if (!role) return null;
  const contents = messages.map((m) => contentOf(m, role));
  const reply = messages.length > 0 ? replyOf(contents) : { text: imageText(turn), citations: [] };
  const model = messages.map((m) => m.getAttribute(S.modelSlug)).find((v) => v) ?? null;
  // A reply rendered in a frame (Deep Research report) cannot be read: say so visibly.
  const frame = role === 'assistant' && reply.text === '' ? turn.querySelector('iframe') : null;
  return {
    element: turn,
    role,
    text: reply.text,
    notCaptured: frame ? frameReason(frame) : null,
    citations: reply.citations,
    siteId: messages[0]?.getAttribute('data-message-id') ?? turn.getAttribute('data-turn-id'),
    model,
    thinking: role === 'assistant' && messages[0] ? thinkingOf(turn, messages[0]) : null,
    branch: readBranchMarker(turn, contents[0] ?? null),
  };
}

/** The turn wrappers, once per scan (not once per time slice of a long first read). */
function turnsOf(root: ParentNode): Element[] {
  return cachedScanRead(root, 'chatgpt:turns', () => outermost(queryFirstList(root, S.turn)));
}

/**
 * Replies the page marks: turns holding an assistant message with text, counted from the
 * message attribute, not from the reader's role logic. Per turn and memoised, so a scan while a
 * reply streams re-counts only the changed turn (a page-wide query per scan is what the capture
 * benchmark would pay).
 */
function replyMarkerCount(root: ParentNode): number {
  let n = 0;
  for (const turn of turnsOf(root)) {
    n += cachedRead(turn, 'chatgpt:marks-reply', () => (marksReply(turn) ? 1 : 0));
  }
  return n;
}

/** The turn holds an assistant message with text (one query that stops at the first match). */
function marksReply(turn: Element): boolean {
  const message = turn.querySelector('[data-message-author-role="assistant"]');
  return message !== null && hasText(message);
}

function readTurns(root: ParentNode): TurnReading[] {
  const turns = turnsOf(root);
  const stable: Array<Omit<TurnParts, 'streaming'>> = [];
  for (const turn of turns) {
    const parts = cachedRead(turn, 'chatgpt:turn', () => stablePartsOf(turn));
    if (parts) stable.push(parts);
  }
  // Re-read every time: the streaming marker is a class flip, which the page observer does not
  // watch. One page query after the (possibly paused) reading rather than one per turn.
  const streamingMarks = S.streamingInTurn.flatMap((sel) => queryAll(root, sel));
  const parts = stable.map((p) => ({ ...p, streaming: streamingMarks.some((m) => m !== p.element && p.element.contains(m)) }));
  return buildTurns(
    markLastAssistantStreaming(
      parts,
      cachedPageRead(root, 'chatgpt:stop', () => hasAny(root, S.stop)),
    ),
  );
}

export const chatgpt: SiteAdapter = {
  id: 'chatgpt',
  label: 'ChatGPT',
  matchesUrl: (url) => /^(www\.)?(chatgpt\.com|chat\.openai\.com)$/.test(url.hostname),
  conversationId: (url) => ID.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('[data-message-model-slug], [data-testid^="conversation-turn-"]') !== null,
  readTurns,
  replyMarkerCount,
  selectedModel: (root) => pickerModel(queryFirst(root, S.modelPicker)),
  // Without an active link no title selector can match: one cheap query answers that, where the
  // title selectors' descendant combinators would walk the whole page (no sidebar, or not rendered).
  title: (root) => (root.querySelector(S.titleScope) ? plainText(queryFirst(root, S.title)) : null),
};
