// Guard for speed work on the text reader (dom-text): on every saved page under tests/fixtures,
// the reading of every element in three option sets, and each page's adapter reading, must hash
// to what the reader gave before (tests/fixtures/dom-text/golden.json, see
// dom-text-golden-input.ts). Both ways of telling chrome apart are checked: the predicate (CLI,
// tests) and native selector matching (the content script), which must give the same bytes.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { useNativeMatching } from '../../../src/sites/dom-text/ui-chrome.ts';
import { digestPage, GOLDEN_FILE, goldenPages, type PageDigest } from './dom-text-golden-input.ts';

const golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, PageDigest>;
const pages = goldenPages();

afterEach(() => useNativeMatching(false));

describe('dom-text reads every saved page as the golden file says', () => {
  it('the golden file covers every page and every page is in it', () => {
    expect(pages.length).toBeGreaterThanOrEqual(45);
    expect(Object.keys(golden).sort()).toEqual([...pages].sort());
  });

  describe.each([
    ['predicate', false],
    ['native matching', true],
  ] as const)('chrome told apart by %s', (_how, native) => {
    it.each(pages)('%s', (page) => {
      useNativeMatching(native);
      expect(digestPage(page)).toEqual(golden[page]);
    });
  });
});
