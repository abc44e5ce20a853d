/**
 * Splitting a reply into prose and code. Prose features (readability, lexicons, pronouns) must
 * not see code: `for i in range(10)` is not English prose.
 */

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
  let s = prose;
  if (s.includes('#')) s = s.replace(/^[ \t]*#{1,6}[ \t]+/gm, '');
  s = s.replace(/^[ \t]*(?:[-*+•]|\d+[.)])[ \t]+/gm, '');
  if (s.includes('---')) s = s.replace(/^[ \t]*\|?[ \t]*:?-{3,}.*$/gm, '');
  if (s.includes('|')) s = s.replaceAll('|', ' ');
  if (s.includes('](')) s = s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
  if (s.includes('*') || s.includes('_')) s = s.replace(/(\*\*|__|\*|_)(\S[^*_\n]*?)\1/g, '$2');
  return s;
}
