/**
 * Selector helpers shared by the site adapters: ordered fallback lists (first selector that
 * matches wins), outermost-only matches, DOM order, and small readers (branch counters,
 * stop buttons) that several sites share.
 */
import type { BranchMarker } from '../core/model/types.ts';

/** A selector with fallbacks, most specific / most current first. */
export type SelectorList = readonly string[];

/**
 * A query's matches as an array. An index loop: `Array.from` on a browser's NodeList goes
 * through its iterator, which is many times slower (this runs on every turn of every scan).
 */
export function queryAll(root: ParentNode, selector: string): Element[] {
  const list = root.querySelectorAll(selector);
  const out: Element[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = list[i];
  return out;
}

/** Matches of the first selector in `list` that matches anything; [] when none does. */
export function queryFirstList(root: ParentNode, list: SelectorList): Element[] {
  for (const sel of list) {
    const found = queryAll(root, sel);
    if (found.length > 0) return found;
  }
  return [];
}

/** First element matching any selector of `list`, trying them in order. */
export function queryFirst(root: ParentNode, list: SelectorList): Element | null {
  // One document walk answers the common "none of them" case (each miss walks the whole page).
  if (list.length > 1 && root.querySelector(list.join(', ')) === null) return null;
  for (const sel of list) {
    const found = root.querySelector(sel);
    if (found) return found;
  }
  return null;
}

/** Drops elements nested inside another element of the same set. Input in DOM order. */
export function outermost(els: Element[]): Element[] {
  const out: Element[] = [];
  for (const el of els) {
    const last = out[out.length - 1];
    if (last && last.contains(el)) continue;
    out.push(el);
  }
  return out;
}

/**
 * Sorts elements into document order. Compares child-index paths from the root rather than
 * compareDocumentPosition, which some DOM implementations (linkedom) get wrong for nested nodes.
 */
export function inDomOrder(els: Element[]): Element[] {
  const paths = new Map<Element, number[]>();
  for (const el of new Set(els)) paths.set(el, pathOf(el));
  return [...paths.keys()].sort((a, b) => comparePaths(paths.get(a)!, paths.get(b)!));
}

function pathOf(el: Element): number[] {
  const path: number[] = [];
  let node: Element | null = el;
  while (node) {
    let i = 0;
    for (let s = node.previousElementSibling; s; s = s.previousElementSibling) i++;
    path.push(i);
    node = node.parentElement;
  }
  return path.reverse();
}

function comparePaths(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const BRANCH_TEXT = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/;

/**
 * A "2/3" edit/regenerate counter inside `scope` but outside `content` (the message text).
 * Only leaf elements are considered so a message that says "1/2 cup" is not mistaken; the
 * content subtree is skipped entirely (it is most of the turn, so this also keeps it cheap).
 */
export function readBranchMarker(scope: Element, content: Element | null): BranchMarker | null {
  const stack: Element[] = [scope];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el === content) continue;
    const first = el.firstElementChild;
    if (!first) {
      if (!el.firstChild) continue; // empty (icons' <use>, <path>): no text to build and test
      const m = BRANCH_TEXT.exec(el.textContent ?? '');
      if (m) {
        const index = Number(m[1]);
        const count = Number(m[2]);
        if (index >= 1 && count >= 2 && index <= count) return { index, count };
      }
      continue;
    }
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  return null;
}

/** Generic composer stop button, shown only while a reply is generating. */
export const STOP_BUTTON: SelectorList = ['button[data-testid="stop-button"]', 'button[data-testid="composer-stop-button"]', 'button[aria-label*="Stop" i]'];

/** A selector made of one type selector and attribute selectors only ("button[aria-label*=x i]"). */
const TAG_WITH_ATTRIBUTES = /^([a-z][a-z0-9-]*)(?:\[[^\]]*\])+$/i;

export function hasAny(root: ParentNode, list: SelectorList): boolean {
  if (list.length === 0) return false;
  const selector = list.join(', ');
  const tags = new Set(list.map((sel) => TAG_WITH_ATTRIBUTES.exec(sel.trim())?.[1]?.toLowerCase() ?? ''));
  const tag = tags.size === 1 ? [...tags][0] : '';
  if (!tag) return root.querySelector(selector) !== null;
  // Only elements of that one tag can match (e.g. the stop buttons): listing them by tag name is
  // a fast path in every DOM, where matching the whole list against every element of a long
  // page is not (this runs whenever the page changed).
  const candidates = 'getElementsByTagName' in root ? (root as Element).getElementsByTagName(tag) : root.querySelectorAll(tag);
  for (let i = 0; i < candidates.length; i++) if (candidates[i].matches(selector)) return true;
  return false;
}

/** Trimmed, whitespace-collapsed text content; null when empty. */
export function plainText(el: Element | null | undefined): string | null {
  const t = el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return t === '' ? null : t;
}

/** The text before the first of `parts` inside `scope`, in document order (e.g. a thinking header). */
export function elementsBefore(scope: Element, anchor: Element): Element[] {
  const out: Element[] = [];
  let node: Element | null = anchor;
  while (node && node !== scope) {
    const before: Element[] = [];
    let sib = node.previousElementSibling;
    while (sib) {
      before.unshift(sib);
      sib = sib.previousElementSibling;
    }
    out.unshift(...before);
    node = node.parentElement;
  }
  return out;
}

/**
 * How many replies the page itself marks: outermost elements matching `selector` that hold any
 * text, counted once per `groupBy` ancestor when given (one reply may span several message
 * elements). Independent of how an adapter reads turns, for the "fewer replies than markers"
 * check (checks.ts).
 */
export function countMarked(root: ParentNode, selector: string, groupBy?: string): number {
  const groups = new Set<Element>();
  for (const el of outermost(queryAll(root, selector))) {
    if (!hasText(el)) continue;
    groups.add((groupBy ? el.closest(groupBy) : null) ?? el);
  }
  return groups.size;
}

/**
 * The text of the first leaf element inside `scope` but outside `skip` (the message text) that
 * passes `test`: a mode badge beside a reply ("Fast", "Instant"), never a word of the reply.
 */
export function leafTextOutside(scope: Element, skip: Element | null, test: RegExp): string | null {
  const stack: Element[] = [scope];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el === skip) continue;
    if (!el.firstElementChild) {
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text && text.length <= 40 && test.test(text)) return text;
      continue;
    }
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  return null;
}

/** NodeFilter.SHOW_TEXT (a literal: Node has no NodeFilter global). */
const SHOW_TEXT = 4;

/**
 * Does `el` hold any non-space text? Stops at the first (textContent would copy a whole reply).
 * A text-node walker where the DOM has one: the browser steps over the elements natively, where
 * a script-side walk makes several calls across the DOM bindings per node.
 */
export function hasText(el: Element): boolean {
  const walker = el.ownerDocument?.createTreeWalker?.(el, SHOW_TEXT);
  if (!walker) return hasTextByWalk(el);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (/\S/.test(node.nodeValue ?? '')) return true;
  return false;
}

function hasTextByWalk(el: Element): boolean {
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      if (/\S/.test(node.nodeValue ?? '')) return true;
      continue;
    }
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return false;
}
