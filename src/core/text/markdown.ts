/**
 * Splitting a reply into prose and code. Prose features (readability, lexicons, pronouns) must
 * not see code: `for i in range(10)` is not English prose.
 */
import { hasLetterOrNumber } from './word-scan.ts';

export interface SplitReply {
  /** Text with fenced/indented code blocks and inline code removed. */
  prose: string;
  /** Fenced code blocks found (``` or ~~~). */
  codeBlocks: number;
  /** Characters inside code blocks. */
  codeChars: number;
  /** Inline `code` spans in the prose. */
  inlineCode: number;
}

const FENCE = /(^|\n)[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:\n[ \t]*\2[^\n]*(?=\n|$)|$)/g;
const INLINE = /`[^`\n]+`/g;

export function splitCode(text: string): SplitReply {
  let codeBlocks = 0;
  let codeChars = 0;
  let prose = text;
  // Each replace below is skipped when the text lacks a character its pattern requires (same
  // result, no regex scan): most replies have no code and little markup.
  if (text.includes('```') || text.includes('~~~')) {
    prose = text.replace(FENCE, (m, lead: string) => {
      codeBlocks++;
      codeChars += m.length;
      return lead + '\n';
    });
  }
  let inlineCode = 0;
  if (prose.includes('`')) {
    prose = prose.replace(INLINE, () => {
      inlineCode++;
      return ' code ';
    });
  }
  return { prose, codeBlocks, codeChars, inlineCode };
}

/** Removes Markdown markup (list markers, headers, emphasis, table pipes, links) keeping words. */
export function stripMarkup(prose: string): string {
  let s = stripLineMarks(prose, prose.includes('#'));
  if (s.includes('---')) s = s.replace(/^[ \t]*\|?[ \t]*:?-{3,}.*$/gm, '');
  if (s.includes('|')) s = s.replaceAll('|', ' ');
  if (s.includes('](')) s = s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
  if (s.includes('*') || s.includes('_')) s = s.replace(/(\*\*|__|\*|_)(\S[^*_\n]*?)\1/g, '$2');
  return s;
}

const HEADER_MARKS = /^[ \t]*#{1,6}[ \t]+/gm;
const LIST_MARKS = /^[ \t]*(?:[-*+•]|\d+[.)])[ \t]+/gm;
const HEADER_MARK_AT = /[ \t]*#{1,6}[ \t]+/y;
const LIST_MARK_AT = /[ \t]*(?:[-*+•]|\d+[.)])[ \t]+/y;

/** Code of the first character at or after `i` that is not a space or tab (NaN at the end). */
export function firstNonBlank(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === 0x20 || c === 0x09) c = s.charCodeAt(++i);
  return c;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** - * + • or a digit: what a list marker starts with. */
export const canStartListMark = (c: number): boolean => c === 0x2d || c === 0x2a || c === 0x2b || c === 0x2022 || isDigit(c);

/** End of the mark `re` (sticky) matches at `at`, or `at` when it does not match there. */
function markEnd(re: RegExp, s: string, at: number): number {
  re.lastIndex = at;
  return re.test(s) ? re.lastIndex : at;
}

/**
 * Removes header marks (when `headers`) and then list markers at line starts: what
 * s.replace(HEADER_MARKS, '').replace(LIST_MARKS, '') does, but the regexes only run on lines
 * whose first non-blank character can start a mark (multiline regexes try every position).
 */
function stripLineMarks(s: string, headers: boolean): string {
  // A multiline ^ also follows \r, U+2028 and U+2029: rare, so leave those texts to the regexes.
  if (s.includes('\r') || s.includes('\u2028') || s.includes('\u2029')) return (headers ? s.replace(HEADER_MARKS, '') : s).replace(LIST_MARKS, '');
  let out = '';
  let copied = 0;
  for (let start = 0; start <= s.length; ) {
    let from = start;
    if (headers && firstNonBlank(s, from) === 0x23) from = markEnd(HEADER_MARK_AT, s, from);
    if (canStartListMark(firstNonBlank(s, from))) from = markEnd(LIST_MARK_AT, s, from);
    if (from > start) {
      out += s.slice(copied, start);
      copied = from;
    }
    const end = s.indexOf('\n', start);
    if (end < 0) break;
    start = end + 1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

export interface ProseLines {
  /** Lines that are not blank (blank: white space only). */
  lines: string[];
  /** Blank-line separated blocks that contain a letter or number. */
  paragraphs: number;
}

/**
 * Non-blank lines and paragraph count in one pass. Paragraphs are the blocks of
 * prose.split(/\n\s*\n/) with a letter or number: a separator runs from a line end across
 * blank lines only, so those blocks are exactly the runs of non-blank lines between blank lines.
 */
export function proseLines(prose: string): ProseLines {
  const lines: string[] = [];
  let paragraphs = 0;
  let blockHasWord = false;
  for (const line of prose.split('\n')) {
    if (line.trim() === '') {
      if (blockHasWord) paragraphs++;
      blockHasWord = false;
      continue;
    }
    lines.push(line);
    blockHasWord ||= hasLetterOrNumber(line);
  }
  if (blockHasWord) paragraphs++;
  return { lines, paragraphs };
}
