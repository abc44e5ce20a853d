/**
 * The walk over a message's nodes that writes its Markdown-like text: paragraphs and other
 * blocks, headings, lists, tables, quotes, inline emphasis and code; code blocks, maths,
 * citations and chrome are recognised by their own files. It runs on every node of a long
 * thread, so everything it asks per node was prepared once per message in the `Ctx`.
 */

import { collapseSpaces, isSpace, needsCollapse, tidyBlock } from '../text-tidy.ts';
import { codeBlockOf, fence } from './code-blocks.ts';
import { isKatex, katexText, mathSource } from './math.ts';
import { isChrome, type ChromeContext } from './ui-chrome.ts';

/** What one reading knows about its root, asked once per message. */
export interface Ctx extends ChromeContext {
  /** Elements of the root's subtree matched by the extra exclude selector (queried once). */
  excluded: ReadonlySet<Element>;
  /**
   * The elements below the root whose class contains "whitespace-pre" (a superset of those that
   * keep lines, from one query): only they need the per-node class test. Null when none.
   */
  keepLinesCandidates: ReadonlySet<Element> | null;
  /** Can any span below the root be KaTeX? (No: skip the per-span check.) */
  mayHaveKatex: boolean;
  /** Citation markers below the root and their numbers (empty for most messages). */
  citations: ReadonlyMap<Element, number>;
  /** Is there any `[data-math]` or MathML element below the root? (No: skip the per-node check.) */
  mayHaveMath: boolean;
  /** Elements that have a <pre> below them: the only ones that can be code-block wrappers. */
  preAncestors: Set<Element>;
  codes: string[];
  /** Inside an element styled white-space: pre-wrap/pre-line (user messages): keep line breaks. */
  keepLines: boolean;
}

const BLOCK_TAGS = [
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'figure',
  'figcaption',
  'details',
  'summary',
  'dl',
  'dt',
  'dd',
  'li',
  'form',
  'fieldset',
  'address',
];

/** How an element renders, by tag; tags not listed render their children inline. */
enum Kind {
  Block = 1,
  Br,
  Hr,
  Heading,
  List,
  Table,
  Quote,
  Strong,
  Em,
  Code,
  Img,
}
/** One lookup per element instead of a chain of tag comparisons (this runs on every element). */
const KIND_OF_TAG = new Map<string, Kind>([
  ...BLOCK_TAGS.map((t): [string, Kind] => [t, Kind.Block]),
  ['br', Kind.Br],
  ['hr', Kind.Hr],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((t): [string, Kind] => [t, Kind.Heading]),
  ['ul', Kind.List],
  ['ol', Kind.List],
  ['table', Kind.Table],
  ['blockquote', Kind.Quote],
  ['strong', Kind.Strong],
  ['b', Kind.Strong],
  ['em', Kind.Em],
  ['i', Kind.Em],
  ['code', Kind.Code],
  ['img', Kind.Img],
]);

const KEEP_LINES_CLASS = /(^|\s)whitespace-pre(-wrap|-line)?(\s|$)/;

export function keepsLines(el: Element): boolean {
  return KEEP_LINES_CLASS.test(el.getAttribute('class') ?? '');
}

export function renderChildren(el: Element, ctx: Ctx): string {
  const inner = !ctx.keepLines && ctx.keepLinesCandidates?.has(el) && keepsLines(el) ? { ...ctx, keepLines: true } : ctx;
  let out = '';
  for (let child = el.firstChild; child; child = child.nextSibling) out += renderNode(child, inner);
  return out;
}

function block(s: string): string {
  const t = s.trim();
  return t ? `\n\n${t}\n\n` : '';
}

function renderNode(node: Node, ctx: Ctx): string {
  const type = node.nodeType;
  if (type === 3) {
    return collapseSpaces(node.nodeValue ?? '', ctx.keepLines);
  }
  if (type !== 1) return '';
  const el = node as Element;
  const tag = el.localName.toLowerCase();
  if (ctx.excluded.size > 0 && ctx.excluded.has(el)) return '';
  if (ctx.citations.size > 0) {
    const n = ctx.citations.get(el);
    if (n !== undefined) return `[${n}]`;
  }
  if (isChrome(el, tag, ctx)) return '';
  if (ctx.mayHaveMath) {
    const tex = mathSource(el, tag);
    if (tex !== null) return tex;
  }
  if (tag === 'span' && ctx.mayHaveKatex && isKatex(el)) return katexText(el);
  const code = ctx.preAncestors.size > 0 && ctx.preAncestors.has(el) ? codeBlockOf(el) : null;
  if (code) return fence(el, code, ctx.codes);
  switch (KIND_OF_TAG.get(tag)) {
    case Kind.Block:
      return block(renderChildren(el, ctx));
    case Kind.Br:
      return '\n';
    case Kind.Hr:
      return block('---');
    case Kind.Heading:
      return block(`${'#'.repeat(Number(tag[1]))} ${inlineOf(el, ctx)}`);
    case Kind.List:
      return block(listText(el, ctx));
    case Kind.Table:
      return block(tableText(el, ctx));
    case Kind.Quote:
      return block(
        blockText(el, ctx)
          .split('\n')
          .map((l) => (l ? `> ${l}` : '>'))
          .join('\n'),
      );
    case Kind.Strong:
      return wrapInline(renderChildren(el, ctx), '**');
    case Kind.Em:
      return wrapInline(renderChildren(el, ctx), '*');
    case Kind.Code:
      return wrapInline(el.textContent ?? '', '`');
    case Kind.Img:
      return '';
    default:
      return renderChildren(el, ctx);
  }
}

function wrapInline(s: string, mark: string): string {
  // Most inline text has no space at its ends and none to collapse: wrapped as it is.
  if (s !== '' && !isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(s.length - 1)) && !needsCollapse(s)) return `${mark}${s}${mark}`;
  const t = s.replace(/\s+/g, ' ').trim();
  if (!t) return s;
  const lead = /^\s/.test(s) ? ' ' : '';
  const trail = /\s$/.test(s) ? ' ' : '';
  return `${lead}${mark}${t}${mark}${trail}`;
}

/** Children rendered and normalised, for use inside another construct (list item, quote). */
function blockText(el: Element, ctx: Ctx): string {
  return tidyBlock(renderChildren(el, ctx), false);
}

function inlineOf(el: Element, ctx: Ctx): string {
  return blockText(el, ctx).replace(/\s*\n+\s*/g, ' ');
}

function listText(list: Element, ctx: Ctx): string {
  const ordered = list.localName.toLowerCase() === 'ol';
  let n = Number(list.getAttribute('start') ?? '1') || 1;
  const items: string[] = [];
  // Sibling links rather than iterating `children`: the collection iterator is slow in browsers.
  for (let li = list.firstElementChild; li; li = li.nextElementSibling) {
    if (li.localName.toLowerCase() !== 'li' || ctx.excluded.has(li) || isChrome(li, 'li', ctx)) continue;
    const marker = ordered ? `${n++}.` : '-';
    const body = blockText(li, ctx).replace(/\n{2,}/g, '\n');
    const pad = ' '.repeat(marker.length + 1);
    items.push(`${marker} ${body.replaceAll('\n', `\n${pad}`)}`);
  }
  return items.join('\n');
}

function tableText(table: Element, ctx: Ctx): string {
  const rows = table.querySelectorAll('tr');
  const cells: string[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const tr = rows[i];
    if (tr.closest('table') !== table) continue;
    const row: string[] = [];
    for (let c = tr.firstElementChild; c; c = c.nextElementSibling) {
      if (/^t[hd]$/i.test(c.localName)) row.push(inlineOf(c, ctx).replace(/\|/g, '\\|'));
    }
    if (row.length > 0) cells.push(row);
  }
  if (cells.length === 0) return '';
  const width = Math.max(...cells.map((r) => r.length));
  const line = (r: string[]) => `| ${[...r, ...Array(width - r.length).fill('')].join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head), line(Array(width).fill('---')), ...body.map(line)].join('\n');
}
