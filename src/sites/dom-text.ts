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

const CHROME_TAGS = new Set(['button', 'svg', 'style', 'script', 'noscript', 'template', 'textarea', 'input', 'select', 'mat-icon']);
const CHROME_CLASSES = ['sr-only', 'cdk-visually-hidden', 'visually-hidden', 'ur-citation-pill'];
const CHROME_TESTIDS = new Set(['webpage-citation-pill', 'citation-pill']);

/** The attribute and class part of `isChrome` as one selector, for DOMs with fast native matching. */
const CHROME_SELECTOR = [
  '[hidden]', '[aria-hidden="true"]', '[data-pplx-citation-url]',
  ...[...CHROME_TESTIDS].map((t) => `[data-testid="${t}"]`),
  'span.citation', ...CHROME_CLASSES.map((c) => `.${c}`),
].join(', ');

let nativeMatching = false;

/**
 * Real browsers answer one selector match per node faster than five attribute reads (each a
 * call across the DOM bindings, and message markup such as ChatGPT's carries attributes on
 * almost every node); Node DOMs are the other way round. Same answer either way. The content
 * script turns this on; the CLI and tests run with the predicate.
 */
export function useNativeMatching(on: boolean): void {
  nativeMatching = on;
}

/**
 * Chrome that is never part of what the user reads: buttons, icons, screen-reader-only labels,
 * hidden nodes, citation pills (ChatGPT, Meta AI, Perplexity). A predicate rather than a selector
 * by default because it runs on every node of every message and selector matching is slow in
 * Node DOMs (see useNativeMatching). `tag` is the element's lower-case local name.
 */
function isChrome(el: Element, tag: string, keepButtons: boolean): boolean {
  if (CHROME_TAGS.has(tag)) return !(keepButtons && tag === 'button');
  if (nativeMatching) return el.matches(CHROME_SELECTOR);
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
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure', 'figcaption',
  'details', 'summary', 'dl', 'dt', 'dd', 'li', 'form', 'fieldset', 'address',
]);
const LANGUAGE_TOKEN = /^[A-Za-z][\w+#.-]{0,23}$/;

interface Ctx {
  /** Elements of the root's subtree matched by the extra exclude selector (queried once). */
  excluded: Set<Element>;
  keepButtons: boolean;
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
  return cachedRead(el, `text|${options.keepButtons ? 1 : 0}|${options.exclude ?? ''}`, () => readText(el, options));
}

function readText(el: Element, options: DomTextOptions): string {
  const ctx: Ctx = {
    excluded: new Set(options.exclude ? Array.from(el.querySelectorAll(options.exclude)) : []),
    keepButtons: options.keepButtons ?? false,
    preAncestors: new Set(),
    codes: [],
    keepLines: keepsLines(el),
  };
  for (const pre of Array.from(el.querySelectorAll('pre'))) {
    for (let a: Element | null = pre; a && a !== el; a = a.parentElement) ctx.preAncestors.add(a);
  }
  // The root itself may be chrome too (callers pass sibling lists such as "everything before the message").
  if (isChrome(el, el.localName.toLowerCase(), ctx.keepButtons) || (options.exclude && el.matches(options.exclude))) return '';
  const raw = renderChildren(el, ctx);
  return finish(raw, ctx.codes);
}

function finish(raw: string, codes: string[]): string {
  const text = raw
    .split('\n')
    .map((line) => tidyLine(line, true))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // Code fences were kept out of whitespace normalisation; put them back verbatim.
  return text.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)] ?? '');
}

/**
 * Trailing spaces/tabs (and no-break spaces when `nbsp`) dropped, and one leading space before
 * text. The regular expressions only run when the line's ends call for them: most lines need
 * neither, and this runs on every line of every message.
 */
function tidyLine(line: string, nbsp: boolean): string {
  const last = line.charCodeAt(line.length - 1);
  if (last === 32 || last === 9 || (nbsp && last === 0xa0)) line = line.replace(nbsp ? /[ \t\u00a0]+$/ : /[ \t]+$/, '');
  return line.charCodeAt(0) === 32 ? line.replace(/^ (?=\S)/, '') : line;
}

function keepsLines(el: Element): boolean {
  return KEEP_LINES_CLASS.test(el.getAttribute('class') ?? '');
}

function renderChildren(el: Element, ctx: Ctx): string {
  const inner = !ctx.keepLines && keepsLines(el) ? { ...ctx, keepLines: true } : ctx;
  let out = '';
  for (let child = el.firstChild; child; child = child.nextSibling) out += renderNode(child, inner);
  return out;
}

function block(s: string): string {
  const t = s.trim();
  return t ? `\n\n${t}\n\n` : '';
}

function renderNode(node: Node, ctx: Ctx): string {
  if (node.nodeType === 3) {
    const raw = node.nodeValue ?? '';
    return ctx.keepLines ? raw.replace(/[^\S\n]+/g, ' ') : raw.replace(/\s+/g, ' ');
  }
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  const tag = el.localName.toLowerCase();
  if (ctx.excluded.has(el) || isChrome(el, tag, ctx.keepButtons)) return '';
  if (tag === 'span' && isKatex(el)) return katexText(el);
  const code = ctx.preAncestors.has(el) ? codeBlockOf(el) : null;
  if (code) return fence(el, code, ctx);
  switch (tag) {
    case 'br':
      return '\n';
    case 'hr':
      return block('---');
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      return block(`${'#'.repeat(Number(tag[1]))} ${inlineOf(el, ctx)}`);
    case 'ul': case 'ol':
      return block(listText(el, ctx));
    case 'table':
      return block(tableText(el, ctx));
    case 'blockquote':
      return block(blockText(el, ctx).split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n'));
    case 'strong': case 'b':
      return wrapInline(renderChildren(el, ctx), '**');
    case 'em': case 'i':
      return wrapInline(renderChildren(el, ctx), '*');
    case 'code':
      return wrapInline(el.textContent ?? '', '`');
    case 'img':
      return '';
    default:
      return BLOCK_TAGS.has(tag) ? block(renderChildren(el, ctx)) : renderChildren(el, ctx);
  }
}

function wrapInline(s: string, mark: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (!t) return s;
  const lead = /^\s/.test(s) ? ' ' : '';
  const trail = /\s$/.test(s) ? ' ' : '';
  return `${lead}${mark}${t}${mark}${trail}`;
}

/** Children rendered and normalised, for use inside another construct (list item, quote). */
function blockText(el: Element, ctx: Ctx): string {
  return renderChildren(el, ctx)
    .split('\n')
    .map((l) => tidyLine(l, false))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function inlineOf(el: Element, ctx: Ctx): string {
  return blockText(el, ctx).replace(/\s*\n+\s*/g, ' ');
}

function listText(list: Element, ctx: Ctx): string {
  const ordered = list.localName.toLowerCase() === 'ol';
  let n = Number(list.getAttribute('start') ?? '1') || 1;
  const items: string[] = [];
  for (const li of Array.from(list.children)) {
    if (li.localName.toLowerCase() !== 'li' || ctx.excluded.has(li) || isChrome(li, 'li', ctx.keepButtons)) continue;
    const marker = ordered ? `${n++}.` : '-';
    const body = blockText(li, ctx).replace(/\n{2,}/g, '\n');
    const pad = ' '.repeat(marker.length + 1);
    items.push(`${marker} ${body.split('\n').join(`\n${pad}`)}`);
  }
  return items.join('\n');
}

function tableText(table: Element, ctx: Ctx): string {
  const rows = Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table);
  const cells = rows.map((tr) =>
    Array.from(tr.children)
      .filter((c) => /^t[hd]$/i.test(c.localName))
      .map((c) => inlineOf(c, ctx).replace(/\|/g, '\\|')),
  ).filter((r) => r.length > 0);
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
  if (pres.length === 0) return null;
  const outer = Array.from(pres).filter((p) => !p.parentElement?.closest('pre'));
  if (outer.length !== 1) return null;
  const label = languageLabel(el, outer[0]);
  if (label === null) return null;
  const codeish = tag === 'code-block' || /code/i.test(el.getAttribute('class') ?? '')
    || /code/i.test(el.getAttribute('aria-label') ?? '');
  const classLang = languageFromClass(outer[0]);
  return codeish || (classLang !== null && classLang === label.toLowerCase()) ? innermostCode(outer[0]) : null;
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
      for (const c of Array.from(n.childNodes)) walk(c);
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

/** KaTeX keeps the TeX source in a MathML annotation; show it the way Markdown writes math. */
function katexText(el: Element): string {
  const tex = el.querySelector('annotation')?.textContent?.trim() ?? '';
  const display = el.parentElement?.classList.contains('katex-display') ?? false;
  return display ? `\n\n$$${tex}$$\n\n` : `$${tex}$`;
}
