// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WelcomeView } from '../../../src/ui/dashboard/welcome/WelcomeView.tsx';
import { loadDemo } from '../../../src/ui/dashboard/welcome/demo.ts';
import { parseRoute, routeHash } from '../../../src/ui/dashboard/route.ts';
import { ConversationList } from '../../../src/ui/dashboard/list/ConversationList.tsx';
import { EMPTY_QUERY } from '../../../src/ui/dashboard/list/query.ts';
import { parseAnyConversationFile } from '../../../src/core/formats/index.ts';
import { bundle, services } from './fixtures.ts';
import { byText, cleanup, click, mount, settle } from './render.tsx';

afterEach(cleanup);

describe('first run', () => {
  it('has its own route', () => {
    expect(parseRoute('#/welcome')).toEqual({ tab: 'welcome' });
    expect(routeHash({ tab: 'welcome' })).toBe('#/welcome');
  });
  it('says what a badge means, privacy in three lines, and offers the demo and import', async () => {
    const onImport = vi.fn();
    const root = await mount(<WelcomeView onOpen={() => {}} onImport={onImport} onList={() => {}} />, services());
    expect(document.activeElement?.tagName).toBe('H2');
    expect(root.textContent).toContain('What a badge means');
    expect(root.querySelectorAll('.po-welcome-privacy li')).toHaveLength(3);
    await click(byText(root, 'button', 'Import your chats'));
    expect(onImport).toHaveBeenCalled();
  });
  it('the demo is the bundled conversation, imported, opened once labelled', async () => {
    const s = services();
    s.core.parseFile.mockImplementation((c: string | Uint8Array, n: string) => parseAnyConversationFile(c as string, n));
    s.data.getBundle.mockResolvedValueOnce({ ...bundle(), analyses: [] }).mockResolvedValue(bundle());
    const key = await loadDemo(s, async () => {});
    expect(key).toBe('unknown:demo-6f1c2a9e-persona-observatory');
    expect(s.commands.importBundles).toHaveBeenCalledTimes(1);
    expect(s.commands.importBundles.mock.calls[0][0][0].turns).toHaveLength(24);
    expect(s.data.getBundle).toHaveBeenCalledTimes(2);
  });
  it('an empty list offers the demo and import', async () => {
    const root = await mount(<ConversationList query={EMPTY_QUERY} onQuery={() => {}} onOpen={() => {}} />, services({ list: [] }));
    await settle();
    expect(byText(root, 'a', 'See the demo conversation')?.getAttribute('href')).toBe('#/welcome');
    expect(byText(root, 'a', 'Import your chats')?.getAttribute('href')).toBe('#/io');
  });
});
