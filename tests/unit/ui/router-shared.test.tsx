// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { RouterTab } from '../../../src/ui/dashboard/router/RouterTab.tsx';
import { conversation, services } from './fixtures.ts';
import { byText, cleanup, click, mount, settle } from './render.tsx';

afterEach(cleanup);

describe('router tab and shared pages', () => {
  it('leaves conversations captured from shared pages out unless the user ticks them in', async () => {
    const s = services({ list: [conversation({ key: 'chatgpt:mine' }), conversation({ key: 'claude:shared', source: 'capture:shared' })] });
    const root = await mount(<RouterTab onOpen={() => undefined} />, s);
    await settle();
    expect(byText(root, 'button', 'Analyse 1 conversation')).toBeTruthy();
    await click(byText(root, 'button', 'Analyse 1 conversation'));
    await settle();
    expect((s.data.getBundles.mock.calls as unknown as string[][][])[0][0]).toEqual(['chatgpt:mine']);
    const box = root.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(box.parentElement?.textContent).toContain('Include 1 conversation captured from shared pages');
    await click(box);
    await settle();
    await click(byText(root, 'button', /Analyse 2 conversations|Run again/));
    await settle();
    expect((s.data.getBundles.mock.calls as unknown as string[][][]).at(-1)![0]).toEqual(['chatgpt:mine', 'claude:shared']);
  });
});
