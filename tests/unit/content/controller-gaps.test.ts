// Capture gaps: the controller hands the badge layer the replies the page shows but the adapter
// could not read (CapturedTurn.notCaptured), with the reason, on the real saved ChatGPT page
// whose Deep Research report is in a frame. A happy-dom window of its own (the fixture path
// helper needs Node's URL, so this file runs in the node environment).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterEach, expect, it } from 'vitest';
import { createCaptureController, type CaptureController } from '../../../src/content/capture/controller.ts';
import { adapterForUrl } from '../../../src/sites/registry.ts';
import { SITE_PAGES } from '../../fixtures/paths.ts';

const URL_ = 'https://chatgpt.com/c/6a1d2e3f-4b5c-8006-9d7e-0f1a2b3c4d5e';
let controller: CaptureController | null = null;
let win: Window | null = null;
afterEach(async () => {
  controller?.stop();
  await win?.happyDOM.close();
});

it('hands over the replies the page shows but could not be read, with the reason, and sends them as placeholders', async () => {
  win = new Window({ url: URL_ });
  const html = readFileSync(join(SITE_PAGES, 'chatgpt/nuncaeslupus__deep-research-2026-07.html'), 'utf8');
  win.document.write(html);
  const gapsSeen: Array<Array<[string, string]>> = [];
  const sent: string[][] = [];
  controller = createCaptureController({
    doc: win.document as unknown as Document,
    getUrl: () => URL_,
    adapterFor: (u) => adapterForUrl(u),
    send: async (m) => {
      sent.push(m.turns.map((t) => t.id));
      return { ok: true, conversationKey: 'chatgpt:x', stored: m.turns.length, badges: {} };
    },
    onBadges: (_b, _els, _pending, gaps) => gapsSeen.push([...gaps]),
    debounceMs: 10,
    quietMs: 30,
  });
  controller.start();
  for (let i = 0; i < 100 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 20));
  expect(sent[0]).toContain('request-WEB:turn-a2-0');
  expect(gapsSeen.at(-1)).toEqual([['request-WEB:turn-a2-0', expect.stringMatching(/Deep Research report is in a frame/)]]);
});
