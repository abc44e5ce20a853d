/**
 * DOM → Markdown-like plain text, the way a reader sees a chat message.
 *
 * Keeps paragraphs, headings, lists, code fences (with language), tables, quotes and inline
 * emphasis in Markdown spelling so captured text looks like the text in account exports.
 * Drops UI chrome: buttons, screen-reader-only labels ("You said:", "Claude responded:"),
 * hidden/aria-hidden nodes, icons and citation pills. Works on any DOM implementation
 * (browser, happy-dom, linkedom): it only reads nodes, never writes or renders them.
 */

import { cachedRead } from './read-cache.ts';
import { collapseSpaces, isSpace, needsCollapse, tidyBlock } from './text-tidy.ts';

const CHROME_TAGS = new Set(['button', 'svg', 'style', 'script', 'noscript', 'template', 'textarea', 'input', 'select', 'mat-icon']);
const CHROME_CLASSES = ['sr-only', 'cdk-visually-hidden', 'visually-hidden', 'ur-citation-pill'];
const CHROME_TESTIDS = new Set(['webpage-citation-pill', 'citation-pill']);

/** The attribute and class part of `isChrome` as one selector, for DOMs with fast native matching. */
const CHROME_SELECTOR = [
  '[hidden]',
  '[aria-hidden="true"]',
  '[data-pplx-citation-url]',
  ...[...CHROME_TESTIDS].map((t) => `[data-testid="${t}"]`),
  'span.citation',
  ...CHROME_CLASSES.map((c) => `.${c}`),
].join(', ');

let nativeMatching = false;

/**
 * Real browsers answer one selector query over a whole message (one native call) faster than
 * attribute reads on each of its nodes (each a call across the DOM bindings, and message markup
 * such as ChatGPT's carries attributes on almost every node); Node DOMs are the other way round.
 * Same answer either way. The content script turns this on; the CLI and tests run with the
 * predicate.
 */
export function useNativeMatching(on: boolean): void {
  nativeMatching = on;
}

/**
 * Chrome that is never part of what the user reads: buttons, icons, screen-reader-only labels,
 * hidden nodes, citation pills (ChatGPT, Meta AI, Perplexity). A predicate rather than a selector
 * by default because it runs on every node of every message and selector matching is slow in
 * Node DOMs (see useNativeMatching). `tag` is the element's lower-case local name. With native
 * matching, the attribute/class part is answered from `ctx.chrome` (one query per message).
 */
function isChrome(el: Element, tag: string, ctx: Pick<Ctx, 'keepButtons' | 'chrome'>): boolean {
  if (CHROME_TAGS.has(tag)) return !(ctx.keepButtons && tag === 'button');
  if (ctx.chrome) return ctx.chrome.size > 0 && ctx.chrome.has(el);
  // Most message markup (p, li, strong, ...) has no attributes: one DOM call instead of five.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (el.hasAttribute('data-pplx-citation-url')) return true;
  const testid = el.getAttribute('data-testid');
  if (testid && CHROME_TESTIDS.has(testid)) return true;
  const cls = el.getAttribute('class');
  if (!cls) return false;
  const classes = ` ${cls.replace(/\s+/g, ' ')} `;
  if (tag === 'span' && classes.includes(' citation ')) return true;
  return CHROME_CLASSES.some((c) => classes.includes(` ${c} `));
}

export interface DomTextOptions {
  /** Extra selector of subtrees to leave out (site-specific chrome, thinking blocks, ...). */
  exclude?: string;
  /** Keep button labels (used for "Thought for 12s" style summaries that live in a toggle). */
  keepButtons?: boolean;
  /** Citations are numbered from base + 1 (a reply read in several parts numbers on). */
  citationBase?: number;
}

/**
 * Citation markers: source pills (ChatGPT, Meta AI), Perplexity's citation spans, superscript
 * links. Each becomes "[n]" in the text; its URL goes to the turn's `citations` (n-1), apart
 * from the text. Without a URL a marker stays chrome and is dropped.
 */
const CITATION_SELECTOR = [
  '[data-testid="webpage-citation-pill"]',
  '[data-testid="citation-pill"]',
  '[data-pplx-citation-url]',
  'span.citation',
  '.ur-citation-pill',
  'sup.citation',
  'source-footnote',
  'sup > a[href]',
].join(', ');

interface Citations {
  /** Citation element → its number. */
  index: Map<Element, number>;
  /** URL of citation n at n-1-base. */
  urls: string[];
}

function citationUrl(el: Element): string | null {
  const url =
    el.getAttribute('data-pplx-citation-url') ??
    (el.localName.toLowerCase() === 'a' ? el.getAttribute('href') : null) ??
    el.querySelector('a[href]')?.getAttribute('href') ??
    el.closest('a[href]')?.getAttribute('href') ??
    null;
  return url && url.trim() !== '' ? url.trim() : null;
}

/** The root's citations in document order, one number per distinct URL. */
function citationsIn(root: Element, base: number): Citations {
  const index = new Map<Element, number>();
  const urls: string[] = [];
  const found = root.querySelectorAll(CITATION_SELECTOR);
  let last: Element | null = null;
  for (let i = 0; i < found.length; i++) {
    const el = found[i];
    if (last && last.contains(el)) continue; // a link inside a pill: the pill is the marker
    last = el;
    const url = citationUrl(el);
    if (!url) continue;
    let n = urls.indexOf(url);
    if (n < 0) n = urls.push(url) - 1;
    index.set(el, base + n + 1);
  }
  return { index, urls };
}

/** A reply read from several parts: text joined, citations numbered on across the parts. */
export function replyOf(parts: Element[], options: Omit<DomTextOptions, 'citationBase'> = {}): { text: string; citations: string[] } {
  const texts: string[] = [];
  const citations: string[] = [];
  for (const part of parts) {
    // One cached read gives both (the text's markers and their URLs come from the same pass).
    const reading = readCached(part, { ...options, citationBase: citations.length });
    if (reading.text) texts.push(reading.text);
    citations.push(...reading.citations);
  }
  return { text: texts.join('\n\n'), citations };
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
const LANGUAGE_TOKEN = /^[A-Za-z][\w+#.-]{0,23}$/;
/** A header word that names a language marks its wrapper as a code block whatever its classes. */
const KNOWN_LANGUAGES = new Set([
  'python',
  'javascript',
  'typescript',
  'java',
  'c',
  'c++',
  'cpp',
  'c#',
  'csharp',
  'go',
  'rust',
  'ruby',
  'php',
  'swift',
  'kotlin',
  'scala',
  'bash',
  'shell',
  'sh',
  'powershell',
  'sql',
  'html',
  'css',
  'json',
  'yaml',
  'xml',
  'markdown',
  'r',
  'matlab',
  'perl',
  'lua',
  'haskell',
  'dart',
  'plaintext',
  'text',
  'jsx',
  'tsx',
  'latex',
  'vba',
  'dockerfile',
]);

interface Ctx {
  /** Elements of the root's subtree matched by the extra exclude selector (queried once). */
  excluded: ReadonlySet<Element>;
  keepButtons: boolean;
  /**
   * With native matching: the root's descendants matching CHROME_SELECTOR, from one query (a
   * per-node `matches` costs more, and most messages have none). Null: use the predicate.
   */
  chrome: ReadonlySet<Element> | null;
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

const KEEP_LINES_CLASS = /(^|\s)whitespace-pre(-wrap|-line)?(\s|$)/;

/**
 * Text of `el` as Markdown-like plain text; '' when nothing readable. Memoised per element
 * while the content script's read cache is installed (see read-cache.ts).
 */
export function domToText(el: Element, options: DomTextOptions = {}): string {
  return readCached(el, options).text;
}

interface Reading {
  text: string;
  /** URLs of the text's [n] markers, from citationBase + 1 on. */
  citations: string[];
}

const EMPTY_READING: Reading = { text: '', citations: [] };

function readCached(el: Element, options: DomTextOptions): Reading {
  return cachedRead(el, `text|${options.keepButtons ? 1 : 0}|${options.citationBase ?? 0}|${options.exclude ?? ''}`, () => readText(el, options));
}

/** Math and citations are rare: one query tells whether either needs its own (costlier) query. */
const RARE_SELECTOR = `.katex, [data-math], math, ${CITATION_SELECTOR}`;

function readText(el: Element, options: DomTextOptions): Reading {
  const keepButtons = options.keepButtons ?? false;
  // The root itself may be chrome too (callers pass sibling lists such as "everything before the message").
  const rootTag = el.localName.toLowerCase();
  const rootIsChrome = nativeMatching && !CHROME_TAGS.has(rootTag) ? el.matches(CHROME_SELECTOR) : isChrome(el, rootTag, { keepButtons, chrome: null });
  if (rootIsChrome || (options.exclude && el.matches(options.exclude))) return EMPTY_READING;
  const rare = el.querySelector(RARE_SELECTOR) !== null;
  const cited = rare && el.querySelector(CITATION_SELECTOR) ? citationsIn(el, options.citationBase ?? 0) : null;
  const ctx: Ctx = {
    excluded: (options.exclude ? candidates(el, options.exclude) : null) ?? NO_ELEMENTS,
    keepButtons,
    chrome: nativeMatching ? (candidates(el, CHROME_SELECTOR) ?? NO_ELEMENTS) : null,
    // Supersets of the exact per-node tests, asked once per message.
    keepLinesCandidates: candidates(el, '[class*="whitespace-pre"]'),
    mayHaveKatex: rare && el.querySelector('.katex') !== null,
    citations: cited?.index ?? NO_CITATIONS,
    mayHaveMath: rare && el.querySelector('[data-math], math') !== null,
    preAncestors: new Set(),
    codes: [],
    keepLines: keepsLines(el),
  };
  const pres = el.querySelectorAll('pre');
  for (let i = 0; i < pres.length; i++) {
    for (let a: Element | null = pres[i]; a && a !== el; a = a.parentElement) ctx.preAncestors.add(a);
  }
  const raw = renderChildren(el, ctx);
  return { text: finish(raw, ctx.codes), citations: cited?.urls ?? [] };
}

const NO_ELEMENTS: ReadonlySet<Element> = new Set();
const NO_CITATIONS: ReadonlyMap<Element, number> = new Map();

/**
 * The elements below `root` matching `selector`, or null when there are none. An index loop:
 * building a Set from a browser's NodeList through its iterator is many times slower.
 */
function candidates(root: Element, selector: string): Set<Element> | null {
  const found = root.querySelectorAll(selector);
  if (found.length === 0) return null;
  const set = new Set<Element>();
  for (let i = 0; i < found.length; i++) set.add(found[i]);
  return set;
}

function finish(raw: string, codes: string[]): string {
  const text = tidyBlock(raw, true);
  // Code fences were kept out of whitespace normalisation; put them back verbatim.
  if (codes.length === 0 && !text.includes('\u0000')) return text;
  return text.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)] ?? '');
}

function keepsLines(el: Element): boolean {
  return KEEP_LINES_CLASS.test(el.getAttribute('class') ?? '');
}

function renderChildren(el: Element, ctx: Ctx): string {
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
  if (code) return fence(el, code, ctx);
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

// --- code blocks ------------------------------------------------------------------------------

/**
 * The element holding the code when `el` is a code block: a <pre>, or a wrapper around exactly
 * one <pre> whose only other text is a language label (ChatGPT, Claude and Gemini put the
 * language in a header next to the code). Returns null for anything else.
 */
function codeBlockOf(el: Element): Element | null {
  const tag = el.localName.toLowerCase();
  if (tag === 'pre') return innermostCode(el);
  if (!el.firstElementChild) return null;
  const pres = el.querySelectorAll('pre');
  const outer: Element[] = [];
  for (let i = 0; i < pres.length; i++) if (!pres[i].parentElement?.closest('pre')) outer.push(pres[i]);
  if (outer.length !== 1) return null;
  const label = languageLabel(el, outer[0]);
  if (label === null) return null;
  const codeish = tag === 'code-block' || /code/i.test(el.getAttribute('class') ?? '') || /code/i.test(el.getAttribute('aria-label') ?? '');
  const classLang = languageFromClass(outer[0]);
  return codeish || KNOWN_LANGUAGES.has(label.toLowerCase()) || (classLang !== null && classLang === label.toLowerCase()) ? innermostCode(outer[0]) : null;
}

function innermostCode(pre: Element): Element {
  return pre.querySelector('.cm-content') ?? pre.querySelector('pre code') ?? pre.querySelector('code') ?? pre;
}

/** The wrapper's text outside the <pre> and its buttons, when it is one language-like word. */
function languageLabel(wrapper: Element, pre: Element): string | null {
  const total = (wrapper.textContent ?? '').length - (pre.textContent ?? '').length;
  if (total > 200) return null;
  let text = '';
  const walk = (n: Node): void => {
    if (n === pre) return;
    if (n.nodeType === 3) text += ` ${n.nodeValue ?? ''}`;
    else if (n.nodeType === 1 && !(n as Element).matches('button, [role="button"], svg, .sr-only')) {
      for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    }
  };
  walk(wrapper);
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return '';
  return LANGUAGE_TOKEN.test(t) ? t : null;
}

function languageFromClass(scope: Element): string | null {
  const withClass = scope.matches('[class*="language-"]') ? scope : scope.querySelector('[class*="language-"]');
  const m = withClass?.getAttribute('class')?.match(/language-([\w+#.-]+)/);
  return m ? m[1].toLowerCase() : null;
}

function fence(wrapper: Element, code: Element, ctx: Ctx): string {
  const pre = code.closest('pre') ?? code;
  const outerPre = wrapper.localName.toLowerCase() === 'pre' ? wrapper : pre;
  let lang = languageFromClass(outerPre) ?? wrapper.getAttribute('data-language')?.toLowerCase() ?? null;
  if (!lang) {
    const label = languageLabel(wrapper, code);
    if (label && LANGUAGE_TOKEN.test(label)) lang = label.toLowerCase();
  }
  const body = (code.textContent ?? '').replace(/\n+$/, '');
  ctx.codes.push(`\`\`\`${lang ?? ''}\n${body}\n\`\`\``);
  return `\n\n\u0000${ctx.codes.length - 1}\u0000\n\n`;
}

// --- math -------------------------------------------------------------------------------------

function isKatex(el: Element): boolean {
  return el.classList.contains('katex') && el.querySelector('annotation') !== null;
}

/**
 * Math whose TeX the page keeps on the element: Gemini's `div.math-block[data-math]` /
 * `span.math-inline[data-math]` (its KaTeX rendering has no annotation, and is aria-hidden), and
 * bare MathML `<math>` (its TeX annotation, else its text). Null when `el` is not math.
 */
function mathSource(el: Element, tag: string): string | null {
  const data = el.getAttribute('data-math');
  if (data !== null && data.trim() !== '') {
    const display = tag === 'div' || el.classList.contains('math-block');
    return display ? `\n\n$$${data.trim()}$$\n\n` : `$${data.trim()}$`;
  }
  if (tag !== 'math') return null;
  const tex = el.querySelector('annotation[encoding*="tex" i]')?.textContent?.trim() ?? (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (!tex) return '';
  return el.getAttribute('display') === 'block' ? `\n\n$$${tex}$$\n\n` : `$${tex}$`;
}

/** KaTeX keeps the TeX source in a MathML annotation; show it the way Markdown writes math. */
function katexText(el: Element): string {
  const tex = el.querySelector('annotation')?.textContent?.trim() ?? '';
  const display = el.parentElement?.classList.contains('katex-display') ?? false;
  return display ? `\n\n$$${tex}$$\n\n` : `$${tex}$`;
}
