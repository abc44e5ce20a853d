/**
 * What a reading must know about a message before its walk, from ONE selector query over the
 * message: chrome (with native matching), pre-wrap candidates, <pre> elements, and whether any
 * maths or citation marker is there. Four queries each walked the whole message; one query for
 * their union walks it once, and only its few hits (a handful per message) are sorted by
 * `matches` — the same sets as the four queries, so the same text.
 */
import { CITATION_SELECTOR } from './citations.ts';
import { CHROME_SELECTOR } from './ui-chrome.ts';

/** Math and citations are rare: whether either is there decides if their own (costlier) queries run. */
export const RARE_SELECTOR = `.katex, [data-math], math, ${CITATION_SELECTOR}`;
/** A superset of the elements that keep line breaks (render.ts `keepsLines` is the exact test). */
const KEEP_LINES_SELECTOR = '[class*="whitespace-pre"]';

/** A selector list without repeats (citation pills are chrome too). */
const union = (...lists: string[]): string => [...new Set(lists.flatMap((l) => l.split(', ')))].join(', ');
const SURVEY = union(RARE_SELECTOR, KEEP_LINES_SELECTOR, 'pre');
const SURVEY_WITH_CHROME = union(CHROME_SELECTOR, SURVEY);

export interface Survey {
  /** Descendants matching CHROME_SELECTOR when asked for (native matching), else null. */
  chrome: Set<Element> | null;
  /** Descendants whose class contains "whitespace-pre", or null when none. */
  keepLinesCandidates: Set<Element> | null;
  /** The <pre> descendants, in document order. */
  pres: Element[];
  /** Is any descendant maths or a citation marker? */
  rare: boolean;
}

export function survey(root: Element, withChrome: boolean): Survey {
  const found = root.querySelectorAll(withChrome ? SURVEY_WITH_CHROME : SURVEY);
  const result: Survey = { chrome: withChrome ? new Set() : null, keepLinesCandidates: null, pres: [], rare: false };
  // An index loop: a browser's NodeList iterator is many times slower.
  for (let i = 0; i < found.length; i++) {
    const el = found[i];
    if (withChrome && el.matches(CHROME_SELECTOR)) result.chrome?.add(el);
    if (el.matches(KEEP_LINES_SELECTOR)) (result.keepLinesCandidates ??= new Set()).add(el);
    if (el.matches('pre')) result.pres.push(el);
    if (!result.rare && el.matches(RARE_SELECTOR)) result.rare = true;
  }
  return result;
}
