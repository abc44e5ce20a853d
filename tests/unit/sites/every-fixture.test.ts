// Issue 16, "done when": no saved page, old or new, yields `ok` with replies missing. Walks every
// chat page under tests/fixtures (real saved pages, pages built from documented markup, the
// issue-16 class pages) and compares each reading with the page's reply markers, counted here
// from the documented per-reply elements (docs/reference/sites.md), independently of the
// adapter's own reading, as well as with the adapter's own marker count.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../src/sites/adapter.ts';
import { checkNameOf } from '../../../src/sites/checks.ts';
import { isOnlySteps } from '../../../src/sites/steps.ts';
import { adapterById } from '../../../src/sites/registry.ts';
import { outermost } from '../../../src/sites/query.ts';
import { FIXTURES } from '../../fixtures/paths.ts';
import { loadPage } from './helpers.ts';

/** A conversation URL per site (share pages get their own, below). */
const URLS: Record<string, string> = {
  chatgpt: 'https://chatgpt.com/c/abc-1',
  claude: 'https://claude.ai/chat/abc-1',
  gemini: 'https://gemini.google.com/app/0123456789abcdef',
  copilot: 'https://copilot.microsoft.com/chats/abc12345xyz',
  perplexity: 'https://www.perplexity.ai/search/abc-1',
  deepseek: 'https://chat.deepseek.com/a/chat/s/abc-1',
  grok: 'https://grok.com/c/00000000-0000-4000-8000-000000000000',
  mistral: 'https://chat.mistral.ai/chat/abc-1',
  poe: 'https://poe.com/chat/abc',
  huggingchat: 'https://huggingface.co/chat/conversation/abc1',
  'meta-ai': 'https://www.meta.ai/prompt/abc-1',
};
const SHARE_URLS: Record<string, string> = { gemini: 'https://gemini.google.com/share/abc123' };
const M365_URL = 'https://m365.cloud.microsoft/chat/conversation/abc12345xyz';

/**
 * The documented per-reply element of each site: one per assistant reply the page shows, its
 * text or (ChatGPT) its turn wrapper. Counted outermost and non-empty.
 */
const REPLY_MARKERS: Record<string, string> = {
  chatgpt: '[data-message-author-role="assistant"], [data-turn="assistant"] iframe',
  claude: '.font-claude-response, .font-claude-message',
  gemini: 'model-response, share-turn-viewer response-container',
  copilot: '[data-content="ai-message"]',
  perplexity: '[id^="markdown-content-"]',
  deepseek: '.ds-message .ds-markdown:not(.ds-think-content .ds-markdown)',
  grok: '[data-testid="assistant-message"], [id^="response-"].items-start',
  mistral: '[data-message-author-role="assistant"]',
  poe: '[class*="Message_botMessageBubble"]',
  huggingchat: '[data-message-role="assistant"]',
  'meta-ai': '[data-message-id$="_assistant"]',
};

/** Where a reply marker is not a reply: Claude's artifact file viewer renders its document with the reply class. */
const NOT_A_TURN: Record<string, string> = { claude: '#wiggle-file-content' };

/** Fragments with no chat turn wrappers at all (read by hand; see claude.test.ts and one-fragment-sites.test.ts). */
const NOT_CHATS: Record<string, string> = {
  'shared/sites/claude/yongseopkim__claude_artifact_000.html': 'an artifact alone, no turns',
  'shared/sites/grok/yongseopkim__grok-mermaid-fragment-2025-12.html': 'a Mermaid block alone, no turn wrappers',
  'shared/sites/grok/synthetic/yongseopkim__grok-2025-12.html': 'a hand-written 2025 sample without the turn wrappers the adapter reads',
};

interface Page {
  file: string;
  site: string;
  url: string;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The site of a fixture from where it lives: <dir>/<site>/… or sites/<site>-reference-built.html. */
function pageOf(file: string): Page | null {
  const rel = relative(FIXTURES, file).split(/[\\/]/);
  let site: string | null = null;
  if ((rel[0] === 'shared' && rel[1] === 'sites') || rel[0] === 'sites-v2') site = rel[rel[0] === 'shared' ? 2 : 1];
  else if (rel[0] === 'sites') site = /^([a-z-]+)-reference-built\.html$/.exec(rel[1])?.[1] ?? null;
  if (site === null || !(site in URLS)) return null;
  const share = /share/i.test(rel.at(-1) ?? '');
  const url = /m365/i.test(rel.at(-1) ?? '') ? M365_URL : share && SHARE_URLS[site] ? SHARE_URLS[site] : URLS[site];
  return { file, site, url };
}

function markersOn(doc: Document, site: string): number {
  return outermost(Array.from(doc.querySelectorAll(REPLY_MARKERS[site]))).filter(
    (el) => (el.tagName === 'IFRAME' || (el.textContent ?? '').trim() !== '') && !(NOT_A_TURN[site] && el.closest(NOT_A_TURN[site])),
  ).length;
}

const pages = htmlFiles(FIXTURES)
  .map(pageOf)
  .filter((p): p is Page => p !== null);

describe('every saved chat page in tests/fixtures: ok only with every reply read', () => {
  it('finds the pages (every site folder is walked)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(37);
    expect(new Set(pages.map((p) => p.site))).toEqual(new Set(Object.keys(URLS)));
  });

  it.each(pages.map((p) => [relative(FIXTURES, p.file), p] as const))('%s', (_name, page) => {
    const doc = loadPage(page.file);
    const adapter = adapterById(page.site)!;
    const capture = capturePage(adapter, doc, new URL(page.url), { expectTurns: true });
    expect(capture.status === 'ok', capture.detail).toBe(!(_name in NOT_CHATS));
    if (capture.status !== 'ok') {
      // Not silently wrong: a failed reading names its check or says no turns were found.
      expect(checkNameOf(capture.detail) !== null || /no turns found/.test(capture.detail ?? ''), capture.detail).toBe(true);
      return;
    }
    const replies = capture.turns.filter((t) => t.role === 'assistant');
    const users = capture.turns.filter((t) => t.role === 'user');
    if (users.length > 0) expect(replies.length, 'replies read').toBeGreaterThan(0);
    expect(replies.length, `replies read vs documented reply markers (${REPLY_MARKERS[page.site]})`).toBeGreaterThanOrEqual(markersOn(doc, page.site));
    expect(replies.length, "replies read vs the adapter's own markers").toBeGreaterThanOrEqual(adapter.replyMarkerCount?.(doc) ?? 0);
    for (const r of replies) {
      if (r.notCaptured) expect(r.text).toBe(`[reply not captured: ${r.notCaptured}]`);
      else expect(isOnlySteps(r.text), `reply is only status chrome: ${r.text.slice(0, 60)}`).toBe(false);
    }
  });
});
