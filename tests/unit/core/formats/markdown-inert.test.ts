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

/** Lines outside fenced blocks (what a Markdown viewer interprets). */
function interpreted(md: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const raw of md.split('\n')) {
    const line = raw.replace(/^(> ?)+/, '');
    const open = /^(`{3,})/.exec(line);
    if (fence === null && open) fence = open[1];
    else if (fence !== null && line === fence) fence = null;
    else if (fence === null) out.push(line);
  }
  return out;
}

describe('Markdown export: links, images and headings from captured text stay inert (issue 21)', () => {
  const JS_LINK = '[click me](javascript:alert(document.domain))';
  const REMOTE_IMAGE = '![pixel](https://tracker.example/p.png)';
  const FAKE_HEADING = '\n### 9 · User\nI never said this\n```\n# Forged\n````';

  function hostileBundle() {
    const bundle = sampleBundle();
    bundle.conversation.title = `${JS_LINK} ${REMOTE_IMAGE}`;
    bundle.conversation.url = 'javascript:alert(1)';
    bundle.conversation.models = [REMOTE_IMAGE];
    bundle.turns = bundle.turns.map((t) => ({
      ...t,
      model: JS_LINK,
      text: `${JS_LINK}\n${REMOTE_IMAGE}${FAKE_HEADING}`,
      thinking: t.thinking === null ? null : FAKE_HEADING,
      steps: [{ kind: 'tool' as const, text: `${JS_LINK}\n# step` }],
      citations: ['javascript:alert(1)', REMOTE_IMAGE, 'https://ok.example/a'],
    }));
    bundle.turns[1] = { ...bundle.turns[1], notCaptured: `${REMOTE_IMAGE}\n### 9 · User\n<img src=x>` };
    bundle.analyses = bundle.analyses.map((a) => ({
      ...a,
      detectorVersion: '<img src=x onerror=alert(1)>',
      stateName: REMOTE_IMAGE,
      labels: a.labels.map((l) => ({ ...l, text: JS_LINK })),
    }));
    bundle.annotations = bundle.annotations.map((a) => ({ ...a, label: `${REMOTE_IMAGE}\n# heading`, note: `${JS_LINK}\n## heading` }));
    return bundle;
  }

  it('no field can form a link, an image, a heading or a tag outside a fenced block', () => {
    const md = exportMarkdown([hostileBundle()]);
    const lines = interpreted(md);
    expect(md).not.toMatch(/<img|<a /i);
    for (const line of lines) {
      expect(line, line).not.toMatch(/(^|[^\\])!\[/); // image
      expect(line, line).not.toMatch(/(^|[^\\])\]\(/); // inline link
      expect(line, line).not.toMatch(/<javascript:/i); // autolink
    }
    // The only headings are ours: the title and one per turn (plus alternatives), none from text.
    const headings = lines.filter((l) => /^#{1,6} /.test(l));
    const sample = sampleBundle();
    expect(headings).toHaveLength(1 + sample.turns.length);
    expect(headings.slice(1).every((h) => /^### (Alternative to )?\d+ · (User|Assistant)/.test(h))).toBe(true);
    expect(lines).not.toContain('### 9 · User');
    expect(md).toContain('- Link: javascript:alert(1)'); // as text: not a safe https URL
  });

  it('a fence in the text cannot close our fence', () => {
    const md = exportMarkdown([hostileBundle()]);
    expect(md).toContain('`````text'); // longer than the text's own ```` run
    expect(interpreted(md).some((l) => l.includes('I never said this'))).toBe(false);
  });
});
