/**
 * Poe (poe.com). Reference: docs/reference/sites.md §9.
 * CSS-module class names carry rotating hash suffixes (ChatMessage_chatMessage__xkgHx), so
 * every class is matched by prefix. The bot name shown with a reply is its model; a message is
 * finished when data-complete="true".
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText } from './dom-text.ts';
import { hasAny, outermost, queryFirst, queryFirstList, STOP_BUTTON } from './query.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';

export const POE_SELECTORS = {
  turn: ['[id^="message-"][class*="ChatMessage_chatMessage"]', '[class*="ChatMessage_chatMessage"]'],
  user: '[class*="rightSideMessageWrapper"], [class*="rightSideMessageBubble"]',
  text: ['[class*="Markdown_markdownContainer"]', '[class*="Message_messageTextContainer"]'],
  botInMessage: [
    '[class*="BotMessageHeader_botName"]',
    '[class*="LeftSideMessageHeader"] [class*="name" i]',
    '[class*="BotMessageHeader"]',
    '[class*="LeftSideMessageHeader"]',
  ],
  botOfPage: ["[class*='BotHeader_textContainer'] p", "[class*='BotInfoCardHeader_botImageAndNameContainer'] p"],
  stop: [...STOP_BUTTON, 'button[aria-label*="Stop message" i]'],
} as const;

const S = POE_SELECTORS;
const BADGE = /badge|official|verified|creator/i;

/**
 * The bot's name without the "Poe" badge beside it (an official bot shows a badge element whose
 * text runs into the name in textContent: "Claude-Sonnet-4.5Poe").
 */
function botName(el: Element | null): string | null {
  if (!el) return null;
  let text = '';
  const walk = (n: Node): void => {
    if (n.nodeType === 3) text += n.nodeValue ?? '';
    else if (n.nodeType === 1 && !BADGE.test((n as Element).getAttribute('class') ?? '') && (n as Element).localName !== 'svg') {
      for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    }
  };
  walk(el);
  const name = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=\S)\s*Poe$/, '');
  return name || null;
}

function readTurns(root: ParentNode): TurnReading[] {
  const pageBot = botName(queryFirst(root, S.botOfPage));
  const parts: TurnParts[] = [];
  for (const turn of outermost(queryFirstList(root, S.turn))) {
    const isUser = turn.querySelector(S.user) !== null || turn.matches(S.user);
    const content = queryFirst(turn, S.text) ?? turn;
    parts.push({
      element: turn,
      role: isUser ? 'user' : 'assistant',
      text: domToText(content),
      siteId: turn.getAttribute('id'),
      model: isUser ? null : (botName(queryFirst(turn, S.botInMessage)) ?? pageBot),
      streaming: turn.getAttribute('data-complete') === 'false',
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const poe: SiteAdapter = {
  id: 'poe',
  label: 'Poe',
  matchesUrl: (url) => url.hostname === 'poe.com',
  conversationId: (url) => /^\/chat\/([^/?#]+)/.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('[class*="ChatMessage_chatMessage"]') !== null,
  readTurns,
  selectedModel: (root) => botName(queryFirst(root, S.botOfPage)),
  title: () => null,
};
