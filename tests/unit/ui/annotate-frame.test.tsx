// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnnotateFrame, type AnnotateServices } from '../../../src/ui/annotate/AnnotateFrame.tsx';
import { frameHash, frameTarget } from '../../../src/common/annotate-frame-url.ts';
import { onEscapeReleased } from '../../../src/ui/annotate/escape-key.ts';
import { annotationFor } from './fixtures.ts';
import { byText, cleanup, click, mount, settle } from './render.tsx';

afterEach(cleanup);

const TURN = 'chatgpt:c:1:t9';
const CONV = 'chatgpt:c:1';

function services(existing = [annotationFor(TURN, 'note', null, 'my note')]) {
  return {
    load: vi.fn(async () => existing),
    save: vi.fn(async (d) => ({ ...annotationFor(TURN, d.kind, d.label, d.note) })),
    remove: vi.fn(async (_id: string) => undefined),
  } satisfies AnnotateServices;
}

describe('annotation frame (extension origin)', () => {
  it('names its reply by the URL fragment; a fragment whose turn is outside the conversation is refused', () => {
    expect(frameTarget(frameHash(TURN, CONV))).toEqual({ turnKey: TURN, conversationKey: CONV });
    expect(frameTarget(frameHash('claude:x:t1', CONV))).toBeNull();
    expect(frameTarget('#t=only')).toBeNull();
  });

  it("loads the reply's annotation and saves with the keys it was opened for", async () => {
    const s = services();
    const root = await mount(<AnnotateFrame turnKey={TURN} conversationKey={CONV} services={s} />);
    await settle();
    expect(s.load).toHaveBeenCalledWith(TURN);
    expect((root.querySelector('textarea') as HTMLTextAreaElement).value).toBe('my note');
    await click(byText(root, 'button', 'Confirm shift'));
    await settle();
    expect(s.save).toHaveBeenCalledWith({ kind: 'confirm', label: null, note: 'my note', turnKey: TURN, conversationKey: CONV });
  });

  it('clearing asks first, inside the frame, and only then deletes', async () => {
    const s = services([annotationFor(TURN, 'reject')]);
    const root = await mount(<AnnotateFrame turnKey={TURN} conversationKey={CONV} services={s} />);
    await settle();
    await click(byText(root, 'button', 'Clear'));
    expect(s.remove).not.toHaveBeenCalled();
    expect(root.textContent).toContain('Clear your judgement and note?');
    await click(byText(root, 'button', 'Cancel'));
    expect(s.remove).not.toHaveBeenCalled();
    await click(byText(root, 'button', 'Clear'));
    const confirm = [...root.querySelectorAll('.po-confirm button')].find((b) => b.textContent === 'Clear');
    await click(confirm);
    await settle();
    expect(s.remove).toHaveBeenCalledTimes(1);
  });

  it('a load failure is shown, not swallowed', async () => {
    const s = services();
    s.load.mockRejectedValueOnce(new Error('a grok page can only read grok annotations'));
    const root = await mount(<AnnotateFrame turnKey={TURN} conversationKey={CONV} services={s} />);
    await settle();
    expect(root.textContent).toContain('a grok page can only read grok annotations');
  });
});

describe('Escape in the frame closes the panel when the key comes back up', () => {
  it('signals once on key-up, not on key-down, and not when a control used Escape', () => {
    const doc = document.implementation.createHTMLDocument('frame');
    const onEscape = vi.fn();
    onEscapeReleased(doc, onEscape);
    const key = (type: 'keydown' | 'keyup', prevent = false) => {
      const e = new KeyboardEvent(type, { key: 'Escape', bubbles: true, cancelable: true });
      if (prevent) e.preventDefault();
      doc.dispatchEvent(e);
    };
    key('keydown');
    expect(onEscape).not.toHaveBeenCalled();
    key('keyup');
    expect(onEscape).toHaveBeenCalledTimes(1);
    key('keyup'); // a second key-up without a key-down here is not a press
    expect(onEscape).toHaveBeenCalledTimes(1);
    key('keydown', true); // a control in the frame used Escape itself
    key('keyup');
    expect(onEscape).toHaveBeenCalledTimes(1);
  });
});
