/**
 * The benchmark page: a 300-turn ChatGPT conversation built by repeating the real turns of a
 * saved page (ids made unique per copy, so the adapter sees 300 distinct turns).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSavedPage } from '../../src/cli/saved-page.ts';
import { SITE_PAGES } from '../../tests/fixtures/paths.ts';

export const SOURCE = join(SITE_PAGES, 'chatgpt/nuncaeslupus__real-capture-2026-01.html');

export interface BenchPage {
  html: string;
  turns: number;
  /** The real turns (outerHTML) the page repeats, for appending more of them later. */
  realTurns: string[];
}

/** `html` with every site id suffixed, so a copy of a real turn is a new turn. */
export function withUniqueIds(html: string, suffix: string): string {
  return html.replace(/(data-(?:message|turn)-id=")([^"]+)"/g, `$1$2-${suffix}"`);
}

export function buildPage(turnCount = 300): BenchPage {
  const doc = parseSavedPage(readFileSync(SOURCE, 'utf8'));
  const realTurns = Array.from(doc.querySelectorAll('[data-testid^="conversation-turn-"]')).map((t) => t.outerHTML);
  if (realTurns.length === 0) throw new Error(`no ChatGPT turns found in ${SOURCE}`);
  const out: string[] = [];
  for (let i = 0; out.length < turnCount; i++) {
    const copy = Math.floor(i / realTurns.length);
    out.push(withUniqueIds(realTurns[i % realTurns.length], `c${copy}`).replace(/conversation-turn-(\d+)/, `conversation-turn-${i + 1}`));
  }
  const html = `<!doctype html><html><head><title>bench</title></head><body><main id="thread">${out.join('')}</main></body></html>`;
  return { html, turns: out.length, realTurns };
}
