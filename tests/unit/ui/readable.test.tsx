// @vitest-environment happy-dom
/** Issue 18: the transcript reads as formatted text, confidence reads honestly, focus stays put. */
import { DETECTOR_TRUST } from '../../../src/core/detect/trust.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { Markdown } from '../../../src/ui/components/Markdown.tsx';
import { LabelText } from '../../../src/common/LabelText.tsx';
import { EvidenceList } from '../../../src/common/EvidenceList.tsx';
import { AnnotationControls } from '../../../src/ui/components/AnnotationControls.tsx';
import { ConversationView } from '../../../src/ui/dashboard/conversation/ConversationView.tsx';
import { nextShift } from '../../../src/ui/dashboard/conversation/shift-keys.ts';
import { HOSTILE, annotationFor, bundle, services } from './fixtures.ts';
import { byText, cleanup, click, mount, settle } from './render.tsx';

afterEach(cleanup);

describe('Markdown from the syntax tree', () => {
  it('renders structure as elements: headings, bold, lists, tables, code', async () => {
    const text = '### Plan\n\nSome **bold** and `code`.\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n```js\nlet x = 1;\n```';
    const root = await mount(<Markdown text={text} />);
    expect(root.querySelector('.po-md-h3')?.textContent).toBe('Plan');
    expect(root.querySelector('strong')?.textContent).toBe('bold');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    expect(root.querySelectorAll('table td')).toHaveLength(2);
    expect((root.querySelectorAll('table td')[1] as HTMLElement).style.textAlign).toBe('right');
    expect(root.querySelector('pre code')?.textContent).toBe('let x = 1;');
    expect(root.textContent).not.toContain('**');
    expect(root.textContent).not.toContain('###');
    // Headings of a reply never join the page's heading outline.
    expect(root.querySelector('h1, h2, h3, h4, h5, h6')).toBeNull();
  });
  it('keeps raw HTML, images and links inert: text, no element, no request', async () => {
    const root = await mount(<Markdown text={`${HOSTILE}\n\n![cat](https://example.com/cat.png) [click](javascript:alert(1))\n\n<script>alert(1)</script>`} />);
    expect(root.querySelector('img, script, a, iframe')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=');
    expect(root.textContent).toContain('[image: cat]');
    expect(root.querySelector('.po-md-link')?.getAttribute('title')).toBe('javascript:alert(1)');
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('honest confidence', () => {
  it('a model change read from the page is a fact with readable names; the slug on hover', async () => {
    const root = await mount(<LabelText label={{ kind: 'model', text: 'model changed: gpt-4o → gpt-5-5', confidence: 1, evidence: [] }} />);
    expect(root.textContent).toBe('model changed: GPT-4o → GPT-5.5 · from the page');
    expect(root.textContent).not.toMatch(/model: model|100%/);
    expect(root.querySelector('[title*="gpt-5-5"]')).not.toBeNull();
  });
  it('an estimate reads strong / moderate / weak, and one click shows the calibration', async () => {
    const root = await mount(<LabelText label={{ kind: 'style', text: 'style shift', confidence: 0.86, evidence: [] }} />);
    expect(root.textContent).toBe('style shift · moderate');
    const button = byText(root, 'button', 'moderate')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    // The calibration shown is the measured one (core/detect/trust.ts), next to the stated number.
    const [measured] = DETECTOR_TRUST.reliability;
    expect(root.querySelector('[role="note"]')?.textContent).toContain(
      `a stated ${measured.stated} was right ${Math.round(measured.observed * 100)}% of the time`,
    );
    expect(root.querySelector('[role="note"]')?.textContent).toContain('0.86');
  });
  it('evidence uses the registry wording and explains "Move (SD)"; non-English replies say what does not apply', async () => {
    const root = await mount(
      <EvidenceList evidence={[{ feature: 'exclamation_share', before: 0, after: 0.2, effect: 1.4 }]} notApplicable={['Contractions', 'Slang']} />,
    );
    expect(root.textContent).toContain('Exclamations');
    expect(root.textContent).not.toContain('exclamation share');
    expect(root.textContent).toContain('Move: how far the feature moved');
    expect(root.textContent).toContain('Not measured on this reply (English word lists; the reply is in another language): Contractions, Slang.');
  });
});

describe('keyboard and focus', () => {
  it('focus stays on the button after saving a judgement', async () => {
    let resolve!: () => void;
    const root = await mount(
      <AnnotationControls
        idPrefix="t"
        annotation={null}
        vocabulary={[]}
        save={(d) =>
          new Promise((r) => {
            resolve = () => r(annotationFor('k', d.kind));
          })
        }
      />,
    );
    const confirm = byText(root, 'button', 'Confirm shift')!;
    confirm.focus();
    await click(confirm);
    // While saving the button is aria-disabled, never disabled (which would drop focus to <body>).
    expect(confirm.hasAttribute('disabled')).toBe(false);
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    await act(async () => {
      resolve();
    });
    await settle();
    expect(document.activeElement).toBe(confirm);
    expect(root.textContent).toContain('✓ Saved');
  });
  it('opening a conversation focuses its title; n / p jump between shifts to the reply header', async () => {
    const b = bundle();
    const shifted = b.analyses.map((a) => ({ ...a, shift: true }));
    const root = await mount(
      <ConversationView conversationKey="chatgpt:abc" onBack={() => {}} onDeleted={() => {}} />,
      services({ bundle: { ...b, analyses: shifted } }),
    );
    await settle();
    expect(document.activeElement?.tagName).toBe('H2');
    await act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    });
    expect(document.activeElement?.id).toBe('po-reply-0');
    await act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    });
    expect(document.activeElement?.id).toBe('po-reply-1');
    await act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', bubbles: true }));
    });
    expect(document.activeElement?.id).toBe('po-reply-0');
    expect(root.textContent).toContain('next / previous shift');
  });
  it('nextShift walks the shift list both ways and stops at the ends', () => {
    expect(nextShift([2, 5, 9], null, 1)).toBe(2);
    expect(nextShift([2, 5, 9], 5, 1)).toBe(9);
    expect(nextShift([2, 5, 9], 9, 1)).toBeNull();
    expect(nextShift([2, 5, 9], 5, -1)).toBe(2);
    expect(nextShift([2, 5, 9], 2, -1)).toBeNull();
    expect(nextShift([2, 5, 9], null, -1)).toBeNull();
  });
});

describe('Escape closes the annotation from anywhere inside', () => {
  it('returns focus to "Annotate"', async () => {
    const root = await mount(<ConversationView conversationKey="chatgpt:abc" onBack={() => {}} onDeleted={() => {}} />, services());
    await settle();
    const article = root.querySelector('#po-reply-1')!.closest('article')!;
    await click(byText(article, 'button', 'Annotate'));
    const note = article.querySelector('textarea')!;
    note.focus();
    await act(() => {
      note.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(article.querySelector('textarea')).toBeNull();
    expect(document.activeElement?.textContent).toBe('Annotate');
  });
});
