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
  const ticks = text.includes('`');
  if ((ticks && text.includes('```')) || text.includes('~~~')) {
    prose = text.replace(FENCE, (m, lead: string) => {
      codeBlocks++;
      codeChars += m.length;
      return lead + '\n';
    });
  }
  let inlineCode = 0;
  if (ticks && prose.includes('`')) {
    prose = prose.replace(INLINE, () => {
      inlineCode++;
      return ' code ';
    });
  }
  return { prose, codeBlocks, codeChars, inlineCode };
}

/** Removes Markdown markup (list markers, headers, emphasis, table pipes, links) keeping words. */
export function stripMarkup(prose: string): string {
  return stripMarkupParts(prose).plain;
}

export interface Stripped {
  plain: string;
  /**
   * Whether each line of `plain` is the line of the input with at most its line-start mark
   * (header, list marker) removed: nothing else was removed or replaced.
   */
  linesKept: boolean;
}

function stripMarkupParts(prose: string): Stripped {
  const marked = stripLineMarks(prose, prose.includes('#'));
  let s = marked;
  if (s.includes('---')) s = s.replace(/^[ \t]*\|?[ \t]*:?-{3,}.*$/gm, '');
  if (s.includes('|')) s = s.replaceAll('|', ' ');
  if (s.includes('](')) s = s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
  if (s.includes('*') || s.includes('_')) s = s.replace(/(\*\*|__|\*|_)(\S[^*_\n]*?)\1/g, '$2');
  return { plain: s, linesKept: s === marked };
}

/**
 * stripMarkup(prose).toLowerCase(), given lowerProse = prose.toLowerCase(): saves lower-casing a
 * second copy. Stripping commutes with lower-casing, since no pattern above involves a cased
 * character, a digit or white space that lower-casing could create or remove; the one exception
 * is Σ, whose lower-case form (σ or final ς) depends on neighbours that stripping may remove
 * (then linesKept is reported false, without looking further).
 */
export function stripMarkupLower(prose: string, lowerProse: string): Stripped {
  return prose.includes('Σ') ? { plain: stripMarkup(prose).toLowerCase(), linesKept: false } : stripMarkupParts(lowerProse);
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
  /** Start offsets of the lines that are not blank (blank: white space only), in order; a view of a buffer the next call overwrites. */
  starts: Int32Array;
  /** Blank-line separated blocks that contain a letter or number. */
  paragraphs: number;
}

/** End of the line (its \n, or the end of text) that starts at `start`. */
export function lineEnd(s: string, start: number): number {
  const end = s.indexOf('\n', start);
  return end < 0 ? s.length : end;
}

const SPACE = /\s/;

/** Whether s[start, end) is white space only, as s.slice(start, end).trim() === '' says (\s is trim's set). */
function isBlank(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0x80 || !SPACE.test(s[i])) return false;
  }
  return true;
}

/** Line starts found so far (reused by every call). */
let lineStarts = new Int32Array(256);

function growLineStarts(): void {
  const more = new Int32Array(2 * lineStarts.length);
  more.set(lineStarts);
  lineStarts = more;
}

/**
 * Non-blank lines (as start offsets: no string per line) and paragraph count in one pass.
 * Paragraphs are the blocks of prose.split(/\n\s*\n/) with a letter or number: a separator runs
 * from a line end across blank lines only, so those blocks are exactly the runs of non-blank
 * lines between blank lines.
 */
export function proseLines(prose: string): ProseLines {
  let count = 0;
  let paragraphs = 0;
  let blockHasWord = false;
  for (let start = 0; start <= prose.length; ) {
    const end = lineEnd(prose, start);
    if (isBlank(prose, start, end)) {
      if (blockHasWord) paragraphs++;
      blockHasWord = false;
    } else {
      if (count === lineStarts.length) growLineStarts();
      lineStarts[count++] = start;
      blockHasWord ||= hasLetterOrNumber(prose, start, end);
    }
    start = end + 1;
  }
  if (blockHasWord) paragraphs++;
  return { starts: lineStarts.subarray(0, count), paragraphs };
}
