import { describe, expect, it } from 'vitest';
import { exportMarkdown } from '../../../../src/core/formats/markdown.ts';
import { notCapturedText } from '../../../../src/core/placeholders.ts';
import { sampleBundle } from './sample-bundle.ts';

describe('Markdown export: steps, sources and replies not captured', () => {
  it('lists non-thinking steps by kind and the citation URLs as numbered sources', () => {
    const bundle = sampleBundle();
    const i = bundle.turns.findIndex((t) => t.role === 'assistant');
    bundle.turns[i] = {
      ...bundle.turns[i],
      text: 'Paris is the capital [1], says [2].',
      steps: [
        { kind: 'thinking', text: 'Thought for 2s' },
        { kind: 'search', text: 'Read 12 web pages' },
      ],
      citations: ['https://en.wikipedia.org/wiki/Paris', 'https://example.org/b'],
    };
    const md = exportMarkdown([bundle]);
    expect(md).toContain('**Steps:**\n\n- search: Read 12 web pages\n');
    expect(md).not.toContain('- thinking:');
    expect(md).toContain('**Sources:**\n\n1. https://en.wikipedia.org/wiki/Paris\n2. https://example.org/b');
  });

  it('a reply not captured is a visible marker where the reply would be, not a skipped turn', () => {
    const bundle = sampleBundle();
    const i = bundle.turns.findIndex((t) => t.role === 'assistant');
    const reason = 'Deep Research report rendered in a frame';
    bundle.turns[i] = { ...bundle.turns[i], text: notCapturedText(reason), notCaptured: reason };
    const md = exportMarkdown([bundle]);
    const headings = md.split('\n').filter((l) => /^### \d+ · /.test(l));
    expect(headings).toHaveLength(bundle.turns.filter((t) => t.alternativeOf === null).length);
    expect(md).toContain(`> **Reply not captured:** ${reason} (a placeholder: left out of the analysis)`);
    expect(md).not.toContain('```text\n[reply not captured');
  });
});
