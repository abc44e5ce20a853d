/** Markdown structure: lists, headers, bold, tables, code. Language-neutral. */
import { canStartListMark, firstNonBlank, lineEnd } from '../text/markdown.ts';
import { countAll, per100, type FeatureFamily } from './types.ts';

// List and header lines: tested in place at each line start (sticky); neither pattern can run
// past the line's end (no \n in [ \t] or \S), so the answer is that of the line alone (^…).
const LIST_LINE_AT = /[ \t]*(?:[-*+•]|\d+[.)])[ \t]+\S/y;
const HEADER_LINE_AT = /[ \t]*#{1,6}[ \t]+\S/y;
/** Tested on the line itself ($ = its end); few lines start with |. */
const TABLE_LINE = /^[ \t]*\|.*\|[ \t]*$/;
const BOLD = /\*\*[^*\n]+\*\*|__[^_\n]+__/g;

function matchesAt(re: RegExp, s: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(s);
}

export const structure: FeatureFamily = {
  family: 'structure',
  defs: [
    {
      name: 'list_share',
      label: 'List lines',
      family: 'structure',
      description: 'Share of non-empty prose lines that are bullet or numbered list items.',
      unit: 'fraction',
      range: [0, 1],
      failureCases: [
        'Lists rendered without markers by the site (copied as plain lines) count as prose.',
        'A line starting with "- " inside a quoted email counts as a list item.',
      ],
      englishOnly: false,
    },
    {
      name: 'headers',
      label: 'Headers',
      family: 'structure',
      description: 'Number of Markdown header lines (# … ######) outside code.',
      unit: 'count',
      range: [0, 30],
      failureCases: ['Bold pseudo-headers ("**Step 1**") are not counted here (see bold_per_100w).'],
      englishOnly: false,
    },
    {
      name: 'bold_per_100w',
      label: 'Bold spans',
      family: 'structure',
      description: 'Bold spans (**x** or __x__) per 100 prose words.',
      unit: 'per 100 words',
      range: [0, 20],
      failureCases: ['Captured text where the site dropped Markdown has no bold at all.'],
      englishOnly: false,
    },
    {
      name: 'table_rows',
      label: 'Table rows',
      family: 'structure',
      description: 'Lines that look like Markdown table rows (| a | b |), header separator included.',
      unit: 'count',
      range: [0, 100],
      failureCases: ['ASCII art or shell pipes on their own line can look like table rows.'],
      englishOnly: false,
    },
    {
      name: 'code_share',
      label: 'Code share',
      family: 'structure',
      description:
        'Share of the reply characters inside fenced code blocks, plus inline code spans per 100 words scaled down (inline spans count 1% each, capped at 1).',
      unit: 'fraction',
      range: [0, 1],
      failureCases: ['Unfenced code (indented or pasted without ```) is treated as prose.'],
      englishOnly: false,
    },
  ],
  compute(ctx, out) {
    const { prose } = ctx;
    const { starts } = ctx.lines;
    let list = 0,
      headers = 0,
      table = 0;
    for (const start of starts) {
      // Each pattern needs its own first character after the indent (a non-blank line has one
      // before its end); test only that one.
      const c = firstNonBlank(prose, start);
      if (c === 0x23) headers += matchesAt(HEADER_LINE_AT, prose, start) ? 1 : 0;
      else if (c === 0x7c) table += TABLE_LINE.test(prose.slice(start, lineEnd(prose, start))) ? 1 : 0;
      else if (canStartListMark(c)) list += matchesAt(LIST_LINE_AT, prose, start) ? 1 : 0;
    }
    // Both alternatives need a doubled * or _.
    const bold = prose.includes('**') || prose.includes('__') ? countAll(BOLD, prose) : 0;
    const codeFraction = ctx.raw.length ? ctx.codeChars / ctx.raw.length : 0;
    out.list_share = starts.length ? list / starts.length : 0;
    out.headers = headers;
    out.bold_per_100w = per100(bold, ctx.wordCount);
    out.table_rows = table;
    out.code_share = Math.min(1, codeFraction + 0.01 * ctx.inlineCode);
  },
};
