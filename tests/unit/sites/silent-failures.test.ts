// Issue 16, "never silently wrong": each silent-failure shape becomes layout-not-recognized with
// a detail naming the failed check, on the real adapters (pages built by hand in the shape the
// trial found; the shapes, not any site's markup, are what is tested) and on a bare adapter.
import { describe, expect, it } from 'vitest';
import { capturePage, type SiteAdapter, type TurnReading } from '../../../src/sites/adapter.ts';
import { adapterById } from '../../../src/sites/registry.ts';
import { buildTurns } from '../../../src/sites/turn.ts';
import { isOnlySteps, stepKindOf } from '../../../src/sites/steps.ts';
import { parseSavedPage } from '../../../src/cli/saved-page.ts';
import { checkNameOf } from '../../../src/sites/checks.ts';

function capture(site: string, html: string, url: string) {
  return capturePage(adapterById(site)!, parseSavedPage(html), new URL(url));
}

/** An adapter that reads every [data-r] element as a turn, with a marker selector. */
function bareAdapter(markers: string | null): SiteAdapter {
  return {
    id: 'generic',
    label: 'Bare',
    matchesUrl: () => true,
    conversationId: () => 'c1',
    looksLike: () => true,
    readTurns: (root): TurnReading[] =>
      buildTurns(
        Array.from(root.querySelectorAll('[data-r]')).map((el) => ({
          element: el,
          role: el.getAttribute('data-r') === 'user' ? 'user' : 'assistant',
          text: el.textContent ?? '',
        })),
      ),
    replyMarkerCount: markers ? (root) => root.querySelectorAll(markers).length : undefined,
    selectedModel: () => null,
    title: () => null,
  };
}

function bare(html: string, markers: string | null = null) {
  return capturePage(bareAdapter(markers), parseSavedPage(html), new URL('https://example.test/c/c1'));
}

describe('each silent-failure shape is layout-not-recognized, naming the check', () => {
  it('user turns but no assistant turn (the replies live in markup the adapter does not know)', () => {
    const c = capture(
      'chatgpt',
      `
      <section data-testid="conversation-turn-1" data-turn="user"><div data-message-author-role="user"><div class="whitespace-pre-wrap">Hello?</div></div></section>
      <section data-testid="conversation-turn-2" data-turn-new-layout="assistant"><div class="answer-v9">Hi, here is the answer.</div></section>`,
      'https://chatgpt.com/c/abc-123',
    );
    expect(c.status).toBe('layout-not-recognized');
    expect(c.turns).toEqual([]);
    expect(checkNameOf(c.detail)).toBe('no-assistant-turn');
    expect(c.detail).toMatch(/^ChatGPT: check "no-assistant-turn" failed: 1 user turn read but no assistant reply/);
  });

  it('no assistant turn is fine while the page is still generating (stop button shown)', () => {
    const c = bare('<div data-r="user">Hello?</div><button aria-label="Stop generating">■</button>');
    expect(c.status).toBe('ok');
  });

  it("fewer replies than the site's own reply markers (a reply body the adapter cannot find)", () => {
    const c = capture(
      'gemini',
      `
      <div class="conversation-container" id="a1"><user-query><div class="query-text">One</div></user-query>
        <model-response><message-content><div class="markdown">First answer.</div></message-content></model-response></div>
      <div class="conversation-container" id="a2"><user-query><div class="query-text">Two</div></user-query>
        <model-response><new-answer-element>Second answer, in a new element.</new-answer-element></model-response></div>`,
      'https://gemini.google.com/app/0123456789abcdef',
    );
    expect(c.status).toBe('layout-not-recognized');
    expect(checkNameOf(c.detail)).toBe('fewer-replies-than-markers');
    expect(c.detail).toContain('1 reply read, the page marks 2');
  });

  it('fewer replies than markers, on a bare adapter (a selector that matched a wrapper, not the messages)', () => {
    const c = bare('<div data-r="user">Q1</div><div data-r="assistant"><p class="msg">A1</p><p class="msg">A2</p></div>', '.msg');
    expect(checkNameOf(c.detail)).toBe('fewer-replies-than-markers');
  });

  it('a reply whose text is only status chrome', () => {
    for (const chrome of ['Show thinking', 'Thought for 12s', 'Read 12 web pages', 'Created a file, read a file', 'Stopped thinking']) {
      const c = bare(`<div data-r="user">Question</div><div data-r="assistant">${chrome}</div>`);
      expect(c.status, chrome).toBe('layout-not-recognized');
      expect(checkNameOf(c.detail), chrome).toBe('reply-is-status-chrome');
    }
  });

  it('a real reply that mentions a status phrase in its text passes', () => {
    const c = bare('<div data-r="user">Q</div><div data-r="assistant">Show thinking is a toggle. It expands the model\'s reasoning when you click it.</div>');
    expect(c.status).toBe('ok');
  });

  it('every check passes on a normal page', () => {
    const c = bare('<div data-r="user">Q</div><div data-r="assistant"><p class="msg">A</p></div>', '.msg');
    expect(c.status, c.detail).toBe('ok');
  });
});

describe('step kinds', () => {
  it('sorts step lines by kind and leaves content alone', () => {
    expect(stepKindOf('Thought for 37 seconds')).toBe('thinking');
    expect(stepKindOf('Show thinking')).toBe('status');
    expect(stepKindOf('Read 12 web pages')).toBe('search');
    expect(stepKindOf('Searched 4 sites')).toBe('search');
    expect(stepKindOf('Created a file, read a file')).toBe('tool');
    expect(stepKindOf('Ran a command')).toBe('tool');
    expect(stepKindOf('The answer is 42.')).toBeNull();
    expect(isOnlySteps('Thought for 5s\nRead 3 web pages')).toBe(true);
    expect(isOnlySteps('Thought for 5s\nHere is the answer.')).toBe(false);
  });
});
