// `extract` on saved pages: JSON shape, site detection from --url / --site / the page itself,
// and clear failures on unreadable input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/extract.ts';
import { SITE_PAGES } from '../../fixtures/paths.ts';

const SITES = SITE_PAGES;

function capture(): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    err += `${args.join(' ')}\n`;
  });
  return { out: () => out, err: () => err };
}

afterEach(() => vi.restoreAllMocks());

describe('cli extract', () => {
  it('prints the issue JSON for a saved ChatGPT page, site detected from --url', async () => {
    const io = capture();
    const code = await run([`${SITES}/chatgpt/nuncaeslupus__deep-research-2026-07.html`, '--url', 'https://chatgpt.com/c/abc-123']);
    expect(code).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.site).toBe('chatgpt');
    expect(json.conversationId).toBe('abc-123');
    expect(json.status).toBe('ok');
    // The Deep Research report (in a frame) is a visible "reply not captured" placeholder (issue 16).
    expect(json.turns).toHaveLength(4);
    expect(Object.keys(json.turns[0]).sort()).toEqual(['id', 'model', 'role', 'selectedModel', 'streaming', 'text', 'thinking']);
    expect(json.turns[1].text).toMatch(/^\[reply not captured: /);
    expect(json.turns[3]).toMatchObject({ role: 'assistant', model: 'gpt-5-5', thinking: null, streaming: false });
  });

  it('detects the site from the page itself when no --url or --site is given', async () => {
    const io = capture();
    expect(await run([`${SITES}/gemini/covai__gemini-chat-2026-05.html`])).toBe(0);
    expect(JSON.parse(io.out()).site).toBe('gemini');
  });

  it('detects the site from a <link rel=canonical> in the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'po-extract-'));
    const file = join(dir, 'page.html');
    writeFileSync(
      file,
      '<html><head><link rel="canonical" href="https://chat.mistral.ai/chat/1234-abcd"></head><body>' +
        '<div data-message-author-role="user" data-message-id="m1"><div class="select-text">Hi</div></div>' +
        // A reply too: a user turn with no reply is "layout not recognized" (issue 16 checks).
        '<div data-message-author-role="assistant" data-message-id="m2"><div data-message-part-type="answer"><p>Hello</p></div></div></body></html>',
    );
    const io = capture();
    expect(await run([file])).toBe(0);
    const json = JSON.parse(io.out());
    expect([json.site, json.conversationId, json.turns[0].text]).toEqual(['mistral', '1234-abcd', 'Hi']);
  });

  it('--site forces an adapter; an unknown layout is reported, not guessed', async () => {
    const io = capture();
    expect(await run([`${SITES}/grok/yongseopkim__grok-mermaid-fragment-2025-12.html`, '--site', 'grok'])).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.status).toBe('layout-not-recognized');
    expect(json.turns).toEqual([]);
  });

  it('fails clearly on a missing file, a non-HTML file, an unknown site and a bad --url', async () => {
    const io = capture();
    expect(await run(['/nonexistent/page.html'])).toBe(1);
    expect(io.err()).toMatch(/cannot read \/nonexistent\/page.html: no such file/);
    const dir = mkdtempSync(join(tmpdir(), 'po-extract-'));
    const bin = join(dir, 'x.html');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3]));
    expect(await run([bin])).toBe(1);
    expect(io.err()).toMatch(/does not look like an HTML page/);
    expect(await run([`${SITES}/chatgpt/covai__chatgpt-chat-2026-05.html`, '--site', 'nope'])).toBe(2);
    expect(io.err()).toMatch(/unknown site "nope"/);
    expect(await run([`${SITES}/chatgpt/covai__chatgpt-chat-2026-05.html`, '--url', 'not a url'])).toBe(2);
    expect(await run([])).toBe(2);
    expect(io.err()).toMatch(/missing PAGE.html/);
  });
});
