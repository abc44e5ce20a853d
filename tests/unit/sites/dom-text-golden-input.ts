/**
 * What the dom-text golden guards: the text reader's output on every saved page under
 * tests/fixtures, read from EVERY element of the page (so every kind of markup is a root once
 * and an inner node many times), in three option sets, plus each page's adapter reading. Stored
 * as hashes (tests/fixtures/dom-text/golden.json), written once from the code before a speed
 * change; the reader must give the same bytes after it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { capturePage } from '../../../src/sites/adapter.ts';
import { type DomTextOptions, replyOf } from '../../../src/sites/dom-text.ts';
import { adapterForPage } from '../../../src/sites/registry.ts';
import { parseSavedPage } from '../../../src/cli/saved-page.ts';
import { FIXTURES } from '../../fixtures/paths.ts';

export const GOLDEN_FILE = join(FIXTURES, 'dom-text/golden.json');

/** The option sets every element is read with (the exclude set names common markup on purpose). */
const VARIANTS: Record<string, Omit<DomTextOptions, 'citationBase'>> = {
  plain: {},
  keepButtons: { keepButtons: true },
  exclude: { exclude: 'pre, h2, blockquote, li:nth-child(2), [data-testid], table' },
};

export interface PageDigest {
  elements: number;
  /** sha256 of every element's reading (text and citation URLs), per option set. */
  readings: Record<string, string>;
  /** Characters of text over all elements in the plain set (a person's sense of scale on a mismatch). */
  plainChars: number;
  /** sha256 of the page adapter's turns (role, text, thinking, steps, citations), or null with no adapter. */
  capture: string | null;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return htmlFiles(path);
      return name.endsWith('.html') ? [path] : [];
    });
}

/** Every .html page under tests/fixtures, by path relative to it. */
export function goldenPages(): string[] {
  return htmlFiles(FIXTURES).map((f) => relative(FIXTURES, f).split('\\').join('/'));
}

const sha = (parts: string[]): string => createHash('sha256').update(parts.join('\u0001')).digest('hex');

export function digestPage(rel: string): PageDigest {
  // linkedom, as the adapters' unit tests read saved pages (no vitest import: the writer runs under tsx).
  const doc = parseSavedPage(readFileSync(join(FIXTURES, rel), 'utf8'));
  const all = doc.querySelectorAll('*');
  const readings: Record<string, string> = {};
  let plainChars = 0;
  for (const [name, options] of Object.entries(VARIANTS)) {
    const parts: string[] = [];
    for (let i = 0; i < all.length; i++) {
      const r = replyOf([all[i]], options);
      if (name === 'plain') plainChars += r.text.length;
      parts.push(r.text, r.citations.join(' '));
    }
    readings[name] = sha(parts);
  }
  const adapter = adapterForPage(doc);
  let capture: string | null = null;
  if (adapter) {
    const c = capturePage(adapter, doc, new URL('https://example.invalid/c/golden'));
    capture = sha(c.turns.map((t) => JSON.stringify([t.role, t.text, t.thinking ?? null, t.steps ?? null, t.citations ?? null])));
  }
  return { elements: all.length, readings, plainChars, capture };
}
