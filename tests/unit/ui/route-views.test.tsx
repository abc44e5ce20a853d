// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouteStrip, servedRuns } from '../../../src/ui/dashboard/conversation/RouteStrip.tsx';
import { Popup, type PopupServices } from '../../../src/ui/popup/Popup.tsx';
import { SettingsTab, readResponsesText } from '../../../src/ui/dashboard/settings/SettingsTab.tsx';
import type { RouteInfo, Settings } from '../../../src/core/model/types.ts';
import type { TabStatus } from '../../../src/messaging/responses.ts';
import { HOSTILE, SETTINGS, services } from './fixtures.ts';
import { byText, cleanup, click, mount, settle } from './render.tsx';

afterEach(cleanup);

const route = (served: string | null, requested = 'gpt-5', over: Partial<RouteInfo> = {}): RouteInfo => ({
  requested,
  shown: 'gpt-5',
  served,
  flags: [],
  source: 'page-reported',
  ...over,
});

describe('RouteStrip', () => {
  it('nothing when no reply has a route', async () => {
    const root = await mount(<RouteStrip routes={[null, null]} onSelect={() => {}} />);
    expect(root.textContent).toBe('');
  });

  it('served models as runs, reroutes in words, the source, and a click selects the reply', async () => {
    const onSelect = vi.fn();
    const routes = [route('gpt-5'), route('gpt-5'), route('gpt-5-chat-safety'), null, route('gpt-5-mini', 'auto', { source: 'export' })];
    expect(servedRuns(routes).map((r) => [r.served, r.length])).toEqual([
      ['gpt-5', 2],
      ['gpt-5-chat-safety', 1],
      [null, 1],
      ['gpt-5-mini', 1],
    ]);
    const root = await mount(<RouteStrip routes={routes} onSelect={onSelect} />);
    expect(root.textContent).toContain('Reply 3: served by gpt-5-chat-safety (you chose gpt-5)');
    // "auto" chooses no model; the page showed gpt-5, so that one is a reroute against the label.
    expect(root.textContent).toContain('Reply 5: served by gpt-5-mini (the page shows gpt-5)');
    expect(root.textContent).toContain("the site's own responses (page-reported) and the account export");
    await click(byText(root, 'button', 'Reply 3'));
    expect(onSelect).toHaveBeenCalledWith(2);
  });

  it('a hostile model name stays text', async () => {
    const root = await mount(<RouteStrip routes={[route(HOSTILE)]} onSelect={() => {}} />);
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.textContent).toContain(HOSTILE);
  });
});

describe('Popup reroute count', () => {
  const status = (over: Partial<TabStatus>): TabStatus => ({
    site: 'chatgpt',
    status: 'ok',
    detail: null,
    conversationKey: 'chatgpt:abc',
    turnCount: 4,
    shiftCount: 0,
    models: ['gpt-5'],
    paused: false,
    sitePaused: false,
    storeError: null,
    reroutes: 0,
    ...over,
  });
  const popup = (s: TabStatus) =>
    ({
      tabStatus: vi.fn(async () => s),
      getSettings: vi.fn(async () => SETTINGS),
      setSettings: vi.fn(async (p: Partial<Settings>) => ({ ...SETTINGS, ...p })),
      openDashboard: vi.fn(),
      saveLayoutReport: vi.fn(async () => undefined),
      captureSharedPage: vi.fn(async () => undefined),
    }) satisfies PopupServices;

  it('counts reroutes on ChatGPT; says nothing about them on sites without route capture', async () => {
    let root = await mount(<Popup services={popup(status({ reroutes: 2 }))} />);
    await settle();
    expect(root.textContent).toContain('Reroutes2 replies served by another model');
    cleanup();
    root = await mount(<Popup services={popup(status({ reroutes: 0 }))} />);
    await settle();
    expect(root.textContent).toContain('none reported');
    cleanup();
    root = await mount(<Popup services={popup(status({ site: 'claude', conversationKey: 'claude:x' }))} />);
    await settle();
    expect(root.textContent).not.toContain('Reroutes');
  });

  it("says in plain words what the tab's route bridge ignored from the page", async () => {
    const drops = vi.fn(async () => ({ malformed: 2, 'rate-limited': 170, 'other-conversation': 1 }));
    let root = await mount(<Popup services={{ ...popup(status({})), routeDrops: drops }} />);
    await settle();
    expect(root.textContent).toContain('Route messages ignored173 messages ignored: 2 malformed, 170 too many at once, 1 about another conversation');
    cleanup();
    root = await mount(<Popup services={{ ...popup(status({})), routeDrops: vi.fn(async () => ({})) }} />);
    await settle();
    expect(root.textContent).toContain('Route messages ignorednone');
    cleanup();
    // The page did not answer (no bridge there): no line, no error.
    root = await mount(<Popup services={{ ...popup(status({})), routeDrops: vi.fn(async () => null) }} />);
    await settle();
    expect(root.textContent).not.toContain('Route messages ignored');
    cleanup();
    const claudeDrops = vi.fn(async () => ({ malformed: 1 }));
    root = await mount(<Popup services={{ ...popup(status({ site: 'claude', conversationKey: 'claude:x' })), routeDrops: claudeDrops }} />);
    await settle();
    expect(root.textContent).not.toContain('Route messages ignored');
    expect(claudeDrops).not.toHaveBeenCalled();
  });
});

describe("Settings: read the site's own responses", () => {
  it('a per-site switch, on by default, with the sentence saying what it reads; only where route capture works', async () => {
    const s = services();
    const root = await mount(<SettingsTab onCleared={() => {}} />, s);
    await settle();
    const input = byText(root, 'label', "Read the site's own responses")?.querySelector('input') as HTMLInputElement;
    expect(input.checked).toBe(true);
    expect(root.textContent).toContain(readResponsesText('chatgpt'));
    expect(root.textContent).toContain(readResponsesText('grok'));
    for (const site of ['chatgpt', 'grok'] as const) expect(readResponsesText(site).match(/[.;] [A-Z]|\. /g)).toBeNull(); // one sentence
    await click(input);
    await settle();
    expect(s.commands.setSettings).toHaveBeenLastCalledWith({ sites: { chatgpt: { enabled: true, readResponses: false, selectors: {} } } });
    // One switch per site whose responses are read (ChatGPT, Grok), under that site's name.
    const switches = [...root.querySelectorAll('label')].filter((l) => l.textContent?.includes("Read the site's own responses"));
    expect(switches.map((l) => l.closest('.po-site')?.querySelector('.po-site-name')?.textContent)).toEqual(['ChatGPT', 'Grok']);
  });
});
