/**
 * DOM → Markdown-like plain text, the way a reader sees a chat message.
 *
 * Keeps paragraphs, headings, lists, code fences (with language), tables, quotes and inline
 * emphasis in Markdown spelling so captured text looks like the text in account exports.
 * Drops UI chrome: buttons, screen-reader-only labels ("You said:", "Claude responded:"),
 * hidden/aria-hidden nodes, icons and citation pills. Works on any DOM implementation
 * (browser, happy-dom, linkedom): it only reads nodes, never writes or renders them.
 *
 * This file is the entry: it prepares one reading per message (the queries asked once, see
 * `Ctx` in dom-text/render.ts) and memoises it; the walk and its parts live in dom-text/.
 */

import { cachedRead } from './read-cache.ts';
import { tidyBlock } from './text-tidy.ts';
import { CITATION_SELECTOR, citationsIn } from './dom-text/citations.ts';
import { putFencesBack } from './dom-text/code-blocks.ts';
import { keepsLines, renderChildren, type Ctx } from './dom-text/render.ts';
import { CHROME_SELECTOR, CHROME_TAGS, isChrome, usesNativeMatching } from './dom-text/ui-chrome.ts';

export interface DomTextOptions {
  /** Extra selector of subtrees to leave out (site-specific chrome, thinking blocks, ...). */
  exclude?: string;
  /** Keep button labels (used for "Thought for 12s" style summaries that live in a toggle). */
  keepButtons?: boolean;
  /** Citations are numbered from base + 1 (a reply read in several parts numbers on). */
  citationBase?: number;
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
  const nativeMatching = usesNativeMatching();
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
  // Code fences were kept out of whitespace normalisation; put them back verbatim.
  return { text: putFencesBack(tidyBlock(raw, true), ctx.codes), citations: cited?.urls ?? [] };
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
