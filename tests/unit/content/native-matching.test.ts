// The content script reads text with native selector matching (useNativeMatching); the CLI and
// the adapter tests use the attribute predicate. Both must read every saved page identically.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseSavedPage } from '../../../src/cli/saved-page.ts';
import { capturePage } from '../../../src/sites/adapter.ts';
import { useNativeMatching } from '../../../src/sites/dom-text/ui-chrome.ts';
import { adapterById, adapterForPage } from '../../../src/sites/registry.ts';
import { SITE_PAGES } from '../../fixtures/paths.ts';

const ROOT = SITE_PAGES;
const pages = readdirSync(ROOT)
  .filter((d) => d !== 'synthetic' && statSync(join(ROOT, d)).isDirectory())
  .flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((f) => f.endsWith('.html'))
      .map((f) => ({ site: d, file: join(ROOT, d, f) })),
  );

let turnsCompared = 0;
afterEach(() => useNativeMatching(false));
// Equality of two empty readings proves nothing: most pages must have yielded turns.
afterAll(() => expect(turnsCompared).toBeGreaterThan(50));

describe('native selector matching reads the same text as the predicate', () => {
  it('found saved pages to compare', () => {
    expect(pages.length).toBeGreaterThan(10);
  });
  it.each(pages)('$file', ({ site, file }) => {
    const doc = parseSavedPage(readFileSync(file, 'utf8'));
    const adapter = adapterById(site) ?? adapterForPage(doc);
    expect(adapter).not.toBeNull();
    const url = new URL('https://example.invalid/');
    const read = () => capturePage(adapter!, doc, url, { expectTurns: true });
    useNativeMatching(false);
    const predicate = read();
    useNativeMatching(true);
    const native = read();
    expect(native).toEqual(predicate);
    turnsCompared += predicate.turns.length;
  });
});
