/**
 * Claude (claude.ai). Reference: docs/reference/sites.md §2.
 * No message ids and no per-message model in the DOM; rows of the virtualised list carry a
 * monotonic data-index, used as the turn id when present. Thinking lives in collapsible blocks
 * inside the reply, apart from the .standard-markdown answer parts.
 */
import type { SiteAdapter, TurnReading } from './adapter.ts';
import { domToText, replyOf } from './dom-text.ts';
import { countMarked, hasAny, inDomOrder, outermost, plainText, queryFirst, queryFirstList, readBranchMarker, STOP_BUTTON } from './query.ts';
import { stepKindOf } from './steps.ts';
import type { TurnStep } from '../core/model/types.ts';
import { buildTurns, markLastAssistantStreaming, type TurnParts } from './turn.ts';

export const CLAUDE_SELECTORS = {
  user: ['[data-testid="user-message"]', '[data-user-message-bubble="true"]', '.font-user-message', '.\\!font-user-message'],
  assistant: ['[data-is-streaming]', '[data-test-render-count] .font-claude-response', '[data-index] .font-claude-response'],
  response: '.font-claude-response',
  answer: '.standard-markdown, .progressive-markdown',
  /** Artifact and file viewers render markdown with the same classes but are not chat turns. */
  notATurn: '#markdown-artifact, #wiggle-file-content, [data-skill-file-viewer]',
  row: '[data-index], [data-test-render-count]',
  thinkingSummary: 'button[aria-expanded]',
  stop: STOP_BUTTON,
  modelPicker: ['button[data-testid="model-selector-dropdown"]'],
  title: ['[data-testid="chat-title-button"]', 'button[data-testid="chat-menu-trigger"]'],
} as const;

const S = CLAUDE_SELECTORS;
const ID = /^\/(?:chat|share)\/([a-z0-9-]+)/i;

function rowId(el: Element): string | null {
  const index = el.closest('[data-index]')?.getAttribute('data-index');
  return index ? `row-${index}` : null;
}

/** Answer parts of a reply: the outermost markdown blocks not inside a thinking block. */
function answerParts(reply: Element): Element[] {
  return outermost(Array.from(reply.querySelectorAll(S.answer))).filter((el) => !isInsideThinking(el, reply));
}

/** A nested .font-claude-response (not an answer part) is a reasoning body. */
function isInsideThinking(el: Element, reply: Element): boolean {
  const inner = el.parentElement?.closest(S.response);
  return !!inner && inner !== reply && reply.contains(inner) && !inner.matches(S.answer);
}

/**
 * Steps of a reply: reasoning bodies (nested .font-claude-response) are thinking; the one-line
 * toggles outside the answer parts are sorted by what they say — a tool status ("Created a
 * file, read a file") is a tool step, a search line a search step, and a collapsed thinking
 * summary ("Pondered the question") thinking. Before and between answer parts alike, so a tool
 * status is never thinking on one reply and dropped on the next.
 */
function stepsOf(reply: Element, answers: Element[]): TurnStep[] {
  const bodies = outermost(Array.from(reply.querySelectorAll(S.response))).filter((el) => el !== reply && !el.matches(S.answer) && !el.closest(S.answer));
  const bodyTexts = bodies.map((el) => domToText(el)).filter(Boolean);
  const toggles = Array.from(reply.querySelectorAll(S.thinkingSummary)).filter(
    (el) => !answers.some((a) => a.contains(el)) && !bodies.some((b) => b.contains(el)),
  );
  const steps: TurnStep[] = [];
  for (const toggle of toggles) {
    const text = domToText(toggle, { keepButtons: true });
    if (!text) continue;
    const kind = stepKindOf(text.split('\n')[0]);
    // With a reasoning body present, a summary toggle only repeats it.
    if ((kind === null || kind === 'thinking') && bodyTexts.length > 0) continue;
    steps.push({ kind: kind === null ? 'thinking' : kind, text });
  }
  return [...steps, ...bodyTexts.map((text): TurnStep => ({ kind: 'thinking', text }))];
}

function readTurns(root: ParentNode): TurnReading[] {
  const users = queryFirstList(root, S.user);
  const replies = queryFirstList(root, S.assistant);
  const all = outermost(inDomOrder([...users, ...replies])).filter((el) => !el.closest(S.notATurn));
  const parts: TurnParts[] = [];
  for (const el of all) {
    const isUser = users.includes(el);
    if (isUser) {
      parts.push({ element: el, role: 'user', text: domToText(el), siteId: rowId(el), branch: readBranchMarker(el.closest(S.row) ?? el, el) });
      continue;
    }
    const reply = el.matches(S.response) ? el : (el.querySelector(S.response) ?? el);
    const answers = answerParts(reply);
    const read = answers.length > 0 ? replyOf(answers) : replyOf([reply], { exclude: S.response });
    parts.push({
      element: el,
      role: 'assistant',
      ...read,
      siteId: rowId(el),
      steps: stepsOf(reply, answers),
      streaming: el.getAttribute('data-is-streaming') === 'true' || el.querySelector('[data-is-streaming="true"]') !== null,
      branch: readBranchMarker(el.closest(S.row) ?? el, reply),
    });
  }
  return buildTurns(markLastAssistantStreaming(parts, hasAny(root, S.stop)));
}

export const claude: SiteAdapter = {
  id: 'claude',
  label: 'Claude',
  matchesUrl: (url) => url.hostname === 'claude.ai',
  conversationId: (url) => ID.exec(url.pathname)?.[1] ?? null,
  looksLike: (root) => root.querySelector('.font-claude-response, [data-testid="user-message"][class*="font-"]') !== null,
  readTurns,
  replyMarkerCount: (root) => countMarked(root, '[data-is-streaming]'),
  selectedModel: (root) => {
    const picker = queryFirst(root, S.modelPicker);
    const label = picker
      ?.getAttribute('aria-label')
      ?.replace(/^Model:\s*/i, '')
      .trim();
    return label || plainText(picker);
  },
  title: (root) => plainText(queryFirst(root, S.title)),
};
