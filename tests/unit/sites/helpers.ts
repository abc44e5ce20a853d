// Shared helpers for site adapter tests: load a saved page (linkedom, scripts never run) and
// compare turns by role and first words, the way a reader checks a transcript.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { PageCapture, Role } from '../../../src/core/model/types.ts';
import { capturePage } from '../../../src/sites/adapter.ts';
import { adapterById } from '../../../src/sites/registry.ts';
import { parseSavedPage } from '../../../src/cli/saved-page.ts';

export { SITE_PAGES, REFERENCE_BUILT_SITES } from '../../fixtures/paths.ts';

export function loadPage(path: string): Document {
  return parseSavedPage(readFileSync(path, 'utf8'));
}

export function captureFile(path: string, site: string, url: string): PageCapture {
  const adapter = adapterById(site);
  if (!adapter) throw new Error(`no adapter ${site}`);
  return capturePage(adapter, loadPage(path), new URL(url), { expectTurns: true });
}

/** First `n` words with Markdown marks (#, *, >, backticks, list dashes) removed. */
export function firstWords(text: string, n: number): string {
  return text
    .replace(/[*`]/g, '')
    .replace(/[#>|]/g, ' ')
    .replace(/^\s*-\s+/, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, n)
    .join(' ');
}

export interface ExpectedTurn {
  role: Role;
  /** Opening words as the page shows them (Markdown marks ignored). */
  starts: string;
  model?: string | null;
  thinking?: string | null;
}

export function expectTurns(capture: PageCapture, expected: ExpectedTurn[]): void {
  expect(capture.status, capture.detail).toBe('ok');
  expect(capture.turns.map((t) => t.role)).toEqual(expected.map((e) => e.role));
  capture.turns.forEach((turn, i) => {
    const want = expected[i];
    const n = want.starts.split(/\s+/).length;
    expect(firstWords(turn.text, n), `turn ${i} text`).toBe(want.starts);
    if (want.model !== undefined) expect(turn.model, `turn ${i} model`).toBe(want.model);
    if (want.thinking !== undefined) {
      if (want.thinking === null) expect(turn.thinking, `turn ${i} thinking`).toBeNull();
      else expect(turn.thinking ?? '', `turn ${i} thinking`).toContain(want.thinking);
    }
    expect(turn.streaming).toBe(false);
    expect(turn.id).not.toBe('');
  });
  expect(new Set(capture.turns.map((t) => t.id)).size).toBe(capture.turns.length);
}
