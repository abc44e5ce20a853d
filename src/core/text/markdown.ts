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
  let prose = text.replace(FENCE, (m, lead: string) => {
    codeBlocks++;
    codeChars += m.length;
    return lead + '\n';
  });
  let inlineCode = 0;
  prose = prose.replace(INLINE, () => {
    inlineCode++;
    return ' code ';
  });
  return { prose, codeBlocks, codeChars, inlineCode };
}

/** Removes Markdown markup (list markers, headers, emphasis, table pipes, links) keeping words. */
export function stripMarkup(prose: string): string {
  return prose
    .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]*(?:[-*+•]|\d+[.)])[ \t]+/gm, '')
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}.*$/gm, '')
    .replace(/\|/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_)(\S[^*_\n]*?)\1/g, '$2');
}
