/**
 * Citation markers: source pills (ChatGPT, Meta AI), Perplexity's citation spans, superscript
 * links. Each becomes "[n]" in the text; its URL goes to the turn's `citations` (n-1), apart
 * from the text. Without a URL a marker stays chrome and is dropped.
 */
export const CITATION_SELECTOR = [
  '[data-testid="webpage-citation-pill"]',
  '[data-testid="citation-pill"]',
  '[data-pplx-citation-url]',
  'span.citation',
  '.ur-citation-pill',
  'sup.citation',
  'source-footnote',
  'sup > a[href]',
].join(', ');

export interface Citations {
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
export function citationsIn(root: Element, base: number): Citations {
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
