/**
 * Parses a saved chat page in Node with linkedom, without running any of its scripts
 * (saved pages can carry the site's own inline <script> tags; linkedom never executes them).
 * Fragments (a copied <main> or a single message) are wrapped in a document first.
 */
import { parseHTML } from 'linkedom';

export function parseSavedPage(html: string): Document {
  const wrapped = /<html[\s>]|<body[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(wrapped).document as unknown as Document;
}

/** The page's own idea of its URL: <link rel=canonical>, og:url, or a <base href>. */
export function pageUrl(doc: Document): string | null {
  const candidates = [
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    doc.querySelector('base[href]')?.getAttribute('href'),
  ];
  for (const c of candidates) {
    if (!c) continue;
    try {
      return new URL(c).href;
    } catch {
      // relative or malformed: not a usable page URL
    }
  }
  return null;
}
