/**
 * Whitespace normalisation for the text reader (dom-text.ts). It runs on every text node and
 * every block of every message, so each function takes a fast path for the common text that
 * needs no change, and otherwise gives exactly what its plain regular-expression version gives
 * (tests/unit/sites/text-tidy.test.ts checks both against those versions).
 */

/** A run a text node collapses: whitespace other than a lone space (one test, no copy). */
const NEEDS_COLLAPSE = /[^\S ]| {2}/;
/** The same inside pre-wrap text, where line breaks stay. */
const NEEDS_COLLAPSE_KEEPING_LINES = /[^\S \n]| [^\S\n]/;

/** Whitespace runs as one space (`keepLines`: runs without line breaks, line breaks kept). */
export function collapseSpaces(raw: string, keepLines: boolean): string {
  if (keepLines) return NEEDS_COLLAPSE_KEEPING_LINES.test(raw) ? raw.replace(/[^\S\n]+/g, ' ') : raw;
  return NEEDS_COLLAPSE.test(raw) ? raw.replace(/\s+/g, ' ') : raw;
}

/** Does `s` hold whitespace that `collapseSpaces(s, false)` would change? */
export function needsCollapse(s: string): boolean {
  return NEEDS_COLLAPSE.test(s);
}

/** JavaScript's `\s` (WhiteSpace and LineTerminator, which is also what trim() drops), by UTF-16 code unit. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0xa0 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

const TRAILING = /[ \t]+(?=\n|$)/g;
const TRAILING_NBSP = /[ \t\u00a0]+(?=\n|$)/g;
/** One space opening a line before text (after the trailing pass: lines are split on \n only). */
const LEADING_SPACE = /(^|\n) (?=\S)/g;

/**
 * Per line (lines split on '\n'): trailing spaces and tabs dropped (and no-break spaces when
 * `nbsp`), then one leading space dropped when text follows it. Two passes over the whole text
 * instead of splitting it into lines and joining them again.
 */
export function tidyLines(text: string, nbsp: boolean): string {
  return text.replace(nbsp ? TRAILING_NBSP : TRAILING, '').replace(LEADING_SPACE, '$1');
}

/**
 * A block's text as the reader keeps it: lines tidied (see tidyLines), runs of blank lines cut
 * to one, ends trimmed. Text on one line needs only the trim: tidying a line only drops
 * whitespace at its ends, which trim() drops anyway.
 */
export function tidyBlock(text: string, nbsp: boolean): string {
  if (!text.includes('\n')) return text.trim();
  return tidyLines(text, nbsp)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
