// DeepSeek, Mistral, Meta AI, Perplexity and Grok: one real saved page each. Expected values
// read off the HTML by hand.
import { describe, expect, it } from 'vitest';
import { captureFile, expectTurns, SITE_PAGES } from './helpers.ts';

describe('single real fragments', () => {
  it('deepseek 2026-05: thinking title kept apart, virtual-list keys as ids', () => {
    const c = captureFile(
      `${SITE_PAGES}/deepseek/covai__deepseek-chat-2026-05.html`,
      'deepseek',
      'https://chat.deepseek.com/a/chat/s/5f1e0c7a-aaaa-4bbb-8ccc-0123456789ab',
    );
    expect(c.conversationId).toBe('5f1e0c7a-aaaa-4bbb-8ccc-0123456789ab');
    expectTurns(c, [
      { role: 'user', starts: 'Please write a short response that includes: 1.' },
      { role: 'assistant', starts: 'I recently realized that curiosity', thinking: 'Thought for 37 seconds', model: null },
    ]);
    expect(c.turns.map((t) => t.id)).toEqual(['k1', 'k2']);
    expect(c.turns[1].text).not.toContain('Thought for');
  });

  it('mistral 2026-05: reasoning collapsible is thinking; answer part is the text', () => {
    const c = captureFile(
      `${SITE_PAGES}/mistral/covai__mistral-chat-2026-05.html`,
      'mistral',
      'https://chat.mistral.ai/chat/9a8b7c6d-0000-4000-8000-000000000000',
    );
    expectTurns(c, [
      { role: 'user', starts: 'Please write a short response that includes: 1. A paragraph' },
      { role: 'assistant', starts: 'Here you go: ---', thinking: 'The user wants a short response with four specific elements' },
    ]);
    expect(c.turns.map((t) => t.id)).toEqual(['acf754c0-ed35-466e-b71a-3186abafeb13', 'e08fe1b6-9087-4355-87a0-a1c653c8aa4a']);
    expect(c.turns[1].text).not.toMatch(/Worked for|The user wants/);
    expect(c.turns[1].text).toContain('This is a **bold statement** with');
  });

  it('meta-ai 2026-05: ids with _user/_assistant suffix, finished by data-streaming-state', () => {
    const c = captureFile(`${SITE_PAGES}/meta-ai/covai__meta-chat-2026-05.html`, 'meta-ai', 'https://www.meta.ai/prompt/d6feeb65-bf42-43f6-a5fa-a4021eb5dbd3');
    expect(c.conversationId).toBe('d6feeb65-bf42-43f6-a5fa-a4021eb5dbd3');
    expectTurns(c, [
      { role: 'user', starts: 'Please write a short response that includes: 1. A paragraph' },
      { role: 'assistant', starts: 'Bold ideas travel fast, italic doubts linger longer,' },
    ]);
    expect(c.turns[0].id).toBe('d6feeb65-bf42-43f6-a5fa-a4021eb5dbd3_7463135159531973145_user');
  });

  it('perplexity 2026-05: query heading and markdown-content answer', () => {
    const c = captureFile(
      `${SITE_PAGES}/perplexity/covai__perplexity-chat-2026-05.html`,
      'perplexity',
      'https://www.perplexity.ai/search/short-response-abc123',
    );
    expect(c.conversationId).toBe('short-response-abc123');
    expectTurns(c, [
      { role: 'user', starts: 'Please write a short response that includes: 1.' },
      { role: 'assistant', starts: "Here's a response hitting all four elements:" },
    ]);
  });

  it('grok mermaid fragment 2025-12: no turn wrappers → layout not recognized', () => {
    const c = captureFile(
      `${SITE_PAGES}/grok/yongseopkim__grok-mermaid-fragment-2025-12.html`,
      'grok',
      'https://grok.com/c/1234abcd-0000-4000-8000-000000000000',
    );
    expect(c.status).toBe('layout-not-recognized');
    expect(c.turns).toEqual([]);
  });
});
