import { describe, expect, it } from 'vitest';
import { exportMarkdown, inert } from '../../../../src/core/formats/markdown.ts';
import { sampleBundle } from './sample-bundle.ts';

const PAYLOADS = ['<script>window.x=1</script>', '<img src=x onerror=alert(1)>', '<!-- c -->', '&lt;b&gt;', '<a href="javascript:alert(1)">x</a>'];

describe('Markdown export keeps captured text inert', () => {
  it('escapes tags, comments and entities in every captured field', () => {
    const bundle = sampleBundle();
    bundle.conversation.title = PAYLOADS[0];
    bundle.conversation.models = [PAYLOADS[1]];
    bundle.turns = bundle.turns.map((t, i) => ({ ...t, text: PAYLOADS[i % PAYLOADS.length] + ' tail', thinking: t.thinking === null ? null : PAYLOADS[1] }));
    bundle.annotations = bundle.annotations.map((a) => ({ ...a, note: PAYLOADS[4], label: PAYLOADS[2] }));
    const md = exportMarkdown([bundle]);
    expect(md).not.toMatch(/<(script|img|a|!--)/i);
    expect(md).not.toContain('&lt;b&gt;');
    expect(md).toContain('&lt;script>window.x=1&lt;/script>');
  });

  it('leaves ordinary text readable', () => {
    expect(inert('AT&T says 3 > 2 & fine')).toBe('AT&T says 3 > 2 & fine');
    expect(inert('a <b> &amp; c')).toBe('a &lt;b> &amp;amp; c');
  });
});
