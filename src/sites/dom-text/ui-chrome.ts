/**
 * What the text reader leaves out as UI chrome: buttons, icons, screen-reader-only labels
 * ("You said:", "Claude responded:"), hidden/aria-hidden nodes and citation pills — never part
 * of what the user reads.
 */

export const CHROME_TAGS = new Set(['button', 'svg', 'style', 'script', 'noscript', 'template', 'textarea', 'input', 'select', 'mat-icon']);
const CHROME_CLASSES = ['sr-only', 'cdk-visually-hidden', 'visually-hidden', 'ur-citation-pill'];
const CHROME_TESTIDS = new Set(['webpage-citation-pill', 'citation-pill']);

/** The attribute and class part of `isChrome` as one selector, for DOMs with fast native matching. */
export const CHROME_SELECTOR = [
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

/** Whether the content script turned native matching on (see useNativeMatching). */
export function usesNativeMatching(): boolean {
  return nativeMatching;
}

/** How one reading tells chrome apart (part of the reader's per-message context). */
export interface ChromeContext {
  keepButtons: boolean;
  /**
   * With native matching: the root's descendants matching CHROME_SELECTOR, from one query (a
   * per-node `matches` costs more, and most messages have none). Null: use the predicate.
   */
  chrome: ReadonlySet<Element> | null;
}

/**
 * Chrome that is never part of what the user reads: buttons, icons, screen-reader-only labels,
 * hidden nodes, citation pills (ChatGPT, Meta AI, Perplexity). A predicate rather than a selector
 * by default because it runs on every node of every message and selector matching is slow in
 * Node DOMs (see useNativeMatching). `tag` is the element's lower-case local name. With native
 * matching, the attribute/class part is answered from `ctx.chrome` (one query per message).
 */
export function isChrome(el: Element, tag: string, ctx: ChromeContext): boolean {
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
