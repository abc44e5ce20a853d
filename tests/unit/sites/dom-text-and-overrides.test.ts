// @vitest-environment happy-dom
// dom-text on hand-made snippets (runs in happy-dom, the content script's kind of DOM), user
// selector overrides, the generic fallback and the registry.
import { describe, expect, it } from 'vitest';
import { domToText } from '../../../src/sites/dom-text.ts';
import { capturePage } from '../../../src/sites/adapter.ts';
import { adapterForPage, adapterForUrl, GENERIC_ADAPTER, SITE_ADAPTERS } from '../../../src/sites/registry.ts';

function el(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html; // test-authored markup only
  return div;
}

describe('domToText', () => {
  it('keeps lists, nested lists, code fences and tables; drops buttons and sr-only chrome', () => {
    const text = domToText(
      el(`
      <h4 class="sr-only">You said:</h4>
      <p>Intro with <strong>bold</strong> and <code>x()</code>.</p>
      <ol><li>One<ul><li>sub</li></ul></li><li>Two</li></ol>
      <div class="code-block"><span>Rust</span><button>Copy</button><pre><code>fn main() {\n    x();\n}</code></pre></div>
      <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2|3</td></tr></table>
      <button>Regenerate</button><span aria-hidden="true">icon</span>`),
    );
    expect(text).toBe(
      ['Intro with **bold** and `x()`.', '1. One\n   - sub\n2. Two', '```rust\nfn main() {\n    x();\n}\n```', '| a | b |\n| --- | --- |\n| 1 | 2\\|3 |'].join(
        '\n\n',
      ),
    );
  });

  it('keeps line breaks of pre-wrap user text, collapses other whitespace', () => {
    expect(domToText(el('<div class="whitespace-pre-wrap">line one\nline   two</div>'))).toBe('line one\nline two');
    expect(domToText(el('<p>spread\n   over   lines</p>'))).toBe('spread over lines');
  });
});

describe('selector overrides and generic fallback', () => {
  const page = () => {
    document.body.innerHTML = `<main><div class="q" id="t1"><span class="body">Question?</span></div>
      <div class="r" id="t2"><span class="body">Answer.</span><button>Copy</button></div></main>`;
    return document;
  };

  it('an unknown layout at a supported URL is "layout not recognized"; user overrides recover it', () => {
    const adapter = adapterForUrl('https://chatgpt.com/c/abc')!;
    const without = capturePage(adapter, page(), new URL('https://chatgpt.com/c/abc'));
    expect(without.status).toBe('layout-not-recognized');
    const withOverrides = capturePage(adapter, page(), new URL('https://chatgpt.com/c/abc'), {
      overrides: { user: '.q', assistant: '.r', text: '.body' },
    });
    expect(withOverrides.status).toBe('ok');
    expect(withOverrides.turns.map((t) => [t.id, t.role, t.text])).toEqual([
      ['t1', 'user', 'Question?'],
      ['t2', 'assistant', 'Answer.'],
    ]);
  });

  it('an invalid override selector does not throw', () => {
    const adapter = adapterForUrl('https://claude.ai/chat/abc')!;
    const c = capturePage(adapter, page(), new URL('https://claude.ai/chat/abc'), { overrides: { turn: '[[[' } });
    expect(c.status).toBe('layout-not-recognized');
  });

  it('generic adapter reads role attributes of unknown sites', () => {
    document.body.innerHTML = '<div data-role="user">Hi</div><div data-role="assistant"><p>Hello!</p></div>';
    const c = capturePage(GENERIC_ADAPTER, document, new URL('https://example.org/x'), { expectTurns: true });
    expect(c.turns.map((t) => [t.role, t.text])).toEqual([
      ['user', 'Hi'],
      ['assistant', 'Hello!'],
    ]);
    expect(adapterForPage(document)).toBeNull();
  });

  it('registry: eleven sites, URL matching by host (Mistral and ChatGPT share an attribute, not a host)', () => {
    expect(SITE_ADAPTERS.map((a) => a.id)).toEqual([
      'chatgpt',
      'claude',
      'gemini',
      'copilot',
      'perplexity',
      'deepseek',
      'grok',
      'mistral',
      'poe',
      'huggingchat',
      'meta-ai',
    ]);
    const cases: Array<[string, string | null]> = [
      ['https://chat.openai.com/c/x', 'chatgpt'],
      ['https://chat.mistral.ai/chat/x', 'mistral'],
      ['https://huggingface.co/chat/conversation/abc', 'huggingchat'],
      ['https://huggingface.co/models', null],
      ['https://www.meta.ai/prompt/x', 'meta-ai'],
      ['https://perplexity.ai/search/x', 'perplexity'],
      ['https://example.org/', null],
      ['not a url', null],
    ];
    for (const [u, id] of cases) expect(adapterForUrl(u)?.id ?? null, u).toBe(id);
  });
});
