/**
 * The "style skeleton" of a reply: the reply with its topic removed and its habits kept.
 * - function words and a few discourse words stay as themselves (they are style, not topic);
 * - every other word becomes its shape class (Xx, x, X, d, x-x, …), so topic words vanish;
 * - punctuation and Markdown emphasis (`**`, `*`, `` ` ``) stay;
 * - each line starts with a line-mark token (heading level, bullet, numbered item, bold lead-in,
 *   table row, quote, blank line) and code blocks collapse to one token;
 * - the opener (first words of the reply) and the closer (its last sentence) get position-tagged
 *   copies, because generators have their strongest habits exactly there.
 * Generic classes only: no list of any model's phrases (the detector compares replies within a
 * conversation, so it never needs to know what a particular model sounds like).
 */
import { ENGLISH_FUNCTION_WORDS } from '../../../src/core/lexicons/function-words.ts';

/** Discourse and stock-phrasing words: habits rather than topic. Generic English, not per model. */
const DISCOURSE_WORDS = new Set(
  `certainly sure absolutely of course here here's however additionally furthermore moreover overall ultimately
  essentially basically generally typically important note remember hope helps help feel free know
  please thank thanks great happy glad example instance following steps step first second third finally
  also well ok okay yes no just really actually simply quite rather perhaps maybe likely might
  could would should can will may must including such like etc summary conclusion conclusively
  sorry apologize unfortunately however hello hi dear title answer question response explanation
  below above follows use using ensure consider provide provided`.split(/\s+/),
);

/** Shape class of a non-function word: case pattern, digits, inner hyphen/apostrophe. */
export function wordShape(w: string): string {
  if (/^\d+([.,]\d+)*$/.test(w)) return 'd';
  const hy = /[-'’_]/.test(w) ? '-' : '';
  if (/\d/.test(w)) return 'xd' + hy;
  if (w === w.toUpperCase() && w !== w.toLowerCase()) return (w.length === 1 ? 'X' : 'XX') + hy;
  if (w[0] !== w[0].toLowerCase()) return 'Xx' + hy;
  return (w.length > 7 ? 'xxx' : 'x') + hy;
}

/** Line-start mark of one (raw) line, or '' for plain text. Numbers are normalised to 1. */
export function lineMark(line: string): string {
  const m = /^([ \t]*)(#{1,6} |[-*+•] |\d+[.)] |> |\|)?(\*\*|__)?/.exec(line);
  if (!m) return '';
  const indent = m[1].length >= 2 ? '>' : '';
  let mark = (m[2] ?? '').trim().replace(/\d+/, '1');
  if (m[3]) mark += '**';
  return mark ? indent + mark : '';
}

const TOKEN = /\*\*|__|[\p{L}\p{N}][\p{L}\p{M}\p{N}'’_-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]|[^\s\p{L}\p{N}]/gu;
const SENTENCE_END = /[.!?…]$/;

/** Skeleton tokens of one line of prose (no line mark). */
function lineTokens(text: string, out: string[]): void {
  for (const t of text.match(TOKEN) ?? []) {
    if (/^[\p{L}\p{N}]/u.test(t)) {
      const low = t.toLowerCase();
      out.push(ENGLISH_FUNCTION_WORDS.has(low) || DISCOURSE_WORDS.has(low) ? low : wordShape(t));
    } else out.push(t);
  }
}

export interface Skeleton {
  /** Body tokens in reading order; '¶' separates lines, '¶¶' marks a blank line. */
  tokens: string[];
  /** Position-tagged tokens: opener and closer habits. */
  positional: string[];
}

const OPENER_TOKENS = 4;
const CLOSER_TOKENS = 6;

export function skeleton(text: string): Skeleton {
  const tokens: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let inCode = false;
  let blank = false;
  let lastLineStart = 0;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) {
      if (!inCode) tokens.push('¶', '<code>');
      inCode = !inCode;
      continue;
    }
    if (inCode) continue;
    if (!line.trim()) {
      blank = true;
      continue;
    }
    tokens.push(blank ? '¶¶' : '¶');
    blank = false;
    lastLineStart = tokens.length;
    const mark = lineMark(line);
    if (mark) tokens.push('§' + mark);
    lineTokens(line.replace(/^[ \t]*(#{1,6} |[-*+•] |\d+[.)] |> )/, ''), tokens);
  }
  if (tokens[0] === '¶') tokens.shift();
  // Opener: the first skeleton tokens, tagged; closer: the last sentence of the last line.
  const positional: string[] = [];
  const body = tokens.filter((t) => t !== '¶' && t !== '¶¶');
  if (!body.length) return { tokens, positional };
  for (let i = 0; i < Math.min(OPENER_TOKENS, body.length); i++) positional.push(`^${i}:${body[i]}`);
  positional.push('^' + body.slice(0, 2).join(' '));
  const last = tokens.slice(Math.max(0, lastLineStart - 1));
  let start = last.length - 1;
  while (start > 0 && SENTENCE_END.test(last[start])) start--;
  while (start > 0 && !SENTENCE_END.test(last[start - 1])) start--;
  const closer = last
    .slice(start)
    .filter((t) => t !== '¶' && t !== '¶¶')
    .slice(0, CLOSER_TOKENS);
  for (const t of closer) positional.push('$:' + t);
  positional.push('$' + closer.slice(0, 3).join(' '));
  return { tokens, positional };
}
