/**
 * What the adapters read from a page, computed in Node (linkedom) on exactly the HTML the
 * browser is served. The browser tests compare the store against it: every finished turn the
 * adapter sees is stored once, none lost, none duplicated, same text.
 */
import { parseHTML } from 'linkedom';
import { readPage } from '../../../src/sites/adapter.ts';
import { adapterForUrl } from '../../../src/sites/registry.ts';
import type { CapturedTurn } from '../../../src/core/model/types.ts';
import { sanitizeFixtureHtml } from './fixture-html.ts';

export interface Expected {
  site: string;
  conversationKey: string;
  turns: CapturedTurn[];
}

export function expectedCapture(url: string, html: string): Expected {
  const adapter = adapterForUrl(url);
  if (!adapter) throw new Error(`no adapter for ${url}`);
  const { document } = parseHTML(sanitizeFixtureHtml(html));
  const reading = readPage(adapter, document, new URL(url));
  if (reading.status !== 'ok') throw new Error(`the adapter does not read ${url} in Node: ${reading.detail}`);
  return {
    site: adapter.id,
    conversationKey: `${adapter.id}:${reading.conversationId}`,
    turns: reading.turns.filter((t) => !t.streaming),
  };
}
