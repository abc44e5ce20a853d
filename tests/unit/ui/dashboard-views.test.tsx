// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationList } from '../../../src/ui/dashboard/list/ConversationList.tsx';
import { applyQuery, EMPTY_QUERY } from '../../../src/ui/dashboard/list/query.ts';
import { ConversationView } from '../../../src/ui/dashboard/conversation/ConversationView.tsx';
import { buildConversationModel } from '../../../src/ui/dashboard/conversation/model.ts';
import { SettingsTab } from '../../../src/ui/dashboard/settings/SettingsTab.tsx';
import { AboutPanel } from '../../../src/ui/dashboard/about/AboutPanel.tsx';
import { ImportExportTab } from '../../../src/ui/dashboard/io/ImportExportTab.tsx';
import { parseRoute, routeHash } from '../../../src/ui/dashboard/route.ts';
import { HOSTILE, annotationFor, bundle, conversation, services } from './fixtures.ts';
import { byText, cleanup, click, mount, settle, type } from './render.tsx';

afterEach(cleanup);

const never = () => new Promise<never>(() => {});

/** The transcript article of reply `i` (its header carries the jump id). */
const replyOf = (root: Element, i: number) => root.querySelector(`#po-reply-${i}`)!.closest('article')!;

describe('conversation list query', () => {
  const list = [
    conversation({ key: 'chatgpt:1', title: 'Trip to Rome', lastSeen: Date.parse('2025-03-01T10:00:00'), shiftCount: 0 }),
    conversation({
      key: 'claude:2',
      site: 'claude',
      title: 'Poems',
      models: ['claude-3'],
      lastSeen: Date.parse('2025-03-05T10:00:00'),
      shiftCount: 2,
      annotationCount: 1,
    }),
    conversation({ key: 'chatgpt:3', title: 'Rome again', lastSeen: Date.parse('2025-02-01T10:00:00'), shiftCount: 1 }),
  ];
  it('filters by text, site, model, dates, shifts and annotations', () => {
    expect(applyQuery(list, { ...EMPTY_QUERY, text: 'rome' }).map((c) => c.key)).toEqual(['chatgpt:1', 'chatgpt:3']);
    expect(applyQuery(list, { ...EMPTY_QUERY, site: 'claude' }).map((c) => c.key)).toEqual(['claude:2']);
    expect(applyQuery(list, { ...EMPTY_QUERY, model: 'claude-3' }).map((c) => c.key)).toEqual(['claude:2']);
    expect(applyQuery(list, { ...EMPTY_QUERY, from: '2025-03-01', to: '2025-03-01' }).map((c) => c.key)).toEqual(['chatgpt:1']);
    expect(applyQuery(list, { ...EMPTY_QUERY, hasShifts: true }).map((c) => c.key)).toEqual(['claude:2', 'chatgpt:3']);
    expect(applyQuery(list, { ...EMPTY_QUERY, hasAnnotations: true }).map((c) => c.key)).toEqual(['claude:2']);
  });
  it('sorts both ways', () => {
    expect(applyQuery(list, { ...EMPTY_QUERY, sort: 'shifts', descending: false }).map((c) => c.shiftCount)).toEqual([0, 1, 2]);
    expect(applyQuery(list, EMPTY_QUERY).map((c) => c.key)).toEqual(['claude:2', 'chatgpt:1', 'chatgpt:3']);
  });
});

describe('ConversationList view', () => {
  it('loading', async () => {
    const s = services();
    s.data.listConversations.mockImplementation(never);
    const root = await mount(<ConversationList query={EMPTY_QUERY} onQuery={() => {}} onOpen={() => {}} />, s);
    expect(root.textContent).toContain('Loading conversations');
  });
  it('error, with retry', async () => {
    const s = services();
    s.data.listConversations.mockRejectedValueOnce(new Error('IndexedDB blocked'));
    const root = await mount(<ConversationList query={EMPTY_QUERY} onQuery={() => {}} onOpen={() => {}} />, s);
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('IndexedDB blocked');
    await click(byText(root, 'button', 'Try again'));
    await settle();
    expect(root.textContent).toContain('Trip planning');
  });
  it('empty', async () => {
    const root = await mount(<ConversationList query={EMPTY_QUERY} onQuery={() => {}} onOpen={() => {}} />, services({ list: [] }));
    await settle();
    expect(root.textContent).toContain('No conversations yet');
  });
  it('data: rows open conversations; hostile titles stay text', async () => {
    const onOpen = vi.fn();
    const list = [conversation({ title: HOSTILE }), conversation({ key: 'claude:x', site: 'claude', title: 'Other' })];
    const root = await mount(<ConversationList query={EMPTY_QUERY} onQuery={() => {}} onOpen={onOpen} />, services({ list }));
    await settle();
    expect(root.querySelectorAll('.po-row')).toHaveLength(2);
    expect(root.querySelector('img, script')).toBeNull();
    await click(byText(root, '.po-row', 'Other'));
    expect(onOpen).toHaveBeenCalledWith('claude:x');
  });
  it('search input updates the query', async () => {
    const onQuery = vi.fn();
    const root = await mount(<ConversationList query={EMPTY_QUERY} onQuery={onQuery} onOpen={() => {}} />, services());
    await settle();
    await type(root.querySelector('input[type="search"]'), 'trip');
    expect(onQuery).toHaveBeenCalledWith(expect.objectContaining({ text: 'trip' }));
  });
});

describe('ConversationList transcript search', () => {
  it('a conversation whose transcript matches is shown with its snippet; others filtered out', async () => {
    const list = [conversation({ key: 'chatgpt:abc', title: 'Alpha' }), conversation({ key: 'claude:x', site: 'claude', title: 'Other' })];
    const s = services({ list });
    s.data.searchText.mockImplementation(async (q: string, onProgress: unknown, _signal: AbortSignal) => {
      (onProgress as (p: { done: number; total: number }) => void)({ done: 5, total: 10 });
      return { matches: new Map([['claude:x', `…the tide mill ${q} <b>x</b>…`]]), complete: true, ranked: false };
    });
    const root = await mount(<ConversationList query={{ ...EMPTY_QUERY, text: 'ebb' }} onQuery={() => {}} onOpen={() => {}} />, s);
    await settle();
    await new Promise((r) => setTimeout(r, 350)); // debounce
    await settle();
    expect(s.data.searchText).toHaveBeenCalledWith('ebb', expect.any(Function), expect.any(AbortSignal));
    const rows = root.querySelectorAll('.po-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('Other');
    expect(root.querySelector('.po-row-snippet')?.textContent).toContain('<b>x</b>'); // shown as text
    expect(root.querySelector('.po-row b')).toBeNull();
    expect(root.textContent).toContain('1 conversation match in their text');
  });

  it("'Best match' puts ranked transcript matches first, best first, then title matches newest first", async () => {
    const list = [
      conversation({ key: 'chatgpt:a', title: 'ebb notes', lastSeen: 9 }),
      conversation({ key: 'chatgpt:b', title: 'B', lastSeen: 5 }),
      conversation({ key: 'chatgpt:c', title: 'C', lastSeen: 7 }),
      conversation({ key: 'chatgpt:d', title: 'D', lastSeen: 8 }),
    ];
    const s = services({ list });
    s.data.searchText.mockImplementation(async () => ({
      matches: new Map([
        ['chatgpt:b', 'best'],
        ['chatgpt:c', ''],
      ]),
      complete: true,
      ranked: true,
    }));
    const root = await mount(<ConversationList query={{ ...EMPTY_QUERY, text: 'ebb', sort: 'relevance' }} onQuery={() => {}} onOpen={() => {}} />, s);
    await settle();
    await new Promise((r) => setTimeout(r, 350));
    await settle();
    const titles = [...root.querySelectorAll('.po-row-title')].map((e) => e.textContent);
    expect(titles).toEqual(['B', 'C', 'ebb notes']);
    expect(root.querySelectorAll('.po-row-snippet')).toHaveLength(1); // no snippet made for C: its models show
  });

  it('a failed search says so and falls back to titles and models', async () => {
    const s = services({ list: [conversation({ title: 'ebb tides' })] });
    s.data.searchText.mockRejectedValueOnce(new Error('IndexedDB blocked'));
    const root = await mount(<ConversationList query={{ ...EMPTY_QUERY, text: 'ebb' }} onQuery={() => {}} onOpen={() => {}} />, s);
    await settle();
    await new Promise((r) => setTimeout(r, 350));
    await settle();
    expect(root.textContent).toContain('transcript search failed: IndexedDB blocked');
    expect(root.querySelectorAll('.po-row')).toHaveLength(1);
  });
});

describe('conversation model', () => {
  it('joins replies with analyses and latest annotations', () => {
    const b = bundle({
      annotations: [
        { ...annotationFor('chatgpt:abc:t3', 'reject'), updatedAt: 1 },
        { ...annotationFor('chatgpt:abc:t3', 'confirm'), updatedAt: 5 },
      ],
    });
    const m = buildConversationModel(b);
    expect(m.entries).toHaveLength(4);
    expect(m.cells.map((c) => [c.state, c.shift, c.model, c.annotation])).toEqual([
      ['A', false, 'gpt-4o', null],
      ['B', true, 'gpt-4o-mini', 'confirm'],
    ]);
    expect(m.entryOfReply).toEqual([1, 3]);
  });
});

describe('ConversationView', () => {
  const props = { conversationKey: 'chatgpt:abc', onBack: () => {}, onDeleted: () => {} };
  it('loading', async () => {
    const s = services();
    s.data.getBundle.mockImplementation(never);
    const root = await mount(<ConversationView {...props} />, s);
    expect(root.textContent).toContain('Loading conversation');
  });
  it('error', async () => {
    const s = services();
    s.data.getBundle.mockRejectedValue(new Error('boom'));
    const root = await mount(<ConversationView {...props} />, s);
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('boom');
  });
  it('missing conversation', async () => {
    const root = await mount(<ConversationView {...props} />, services({ bundle: null }));
    await settle();
    expect(root.textContent).toContain('not in your store');
  });
  it('data: timeline, labels inline, transcript text stays text', async () => {
    const root = await mount(<ConversationView {...props} />, services({ bundle: bundle({ text: HOSTILE, label: HOSTILE }) }));
    await settle();
    expect(root.querySelectorAll('.po-tl-cell')).toHaveLength(2);
    expect(root.querySelectorAll('article.po-turn')).toHaveLength(4);
    expect(root.querySelector('article.po-turn-shift')?.textContent).toContain('Shift · moderate');
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.textContent).toContain('onerror="globalThis.__pwned=1"');
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });
  it('a reply not captured shows a visible placeholder; steps and sources are listed as text', async () => {
    const b = bundle();
    const reason = 'the Deep Research report is in a frame the page does not let extensions read';
    b.turns[1] = { ...b.turns[1], text: `[reply not captured: ${reason}]`, notCaptured: reason };
    b.analyses = b.analyses.filter((a) => a.turnKey !== b.turns[1].key);
    b.turns[3] = {
      ...b.turns[3],
      steps: [
        { kind: 'search', text: 'Read 12 web pages' },
        { kind: 'tool', text: HOSTILE },
      ],
      citations: ['javascript:alert(1)', 'https://example.org/a'],
    };
    const root = await mount(<ConversationView {...props} />, services({ bundle: b }));
    await settle();
    const placeholder = replyOf(root, 0).querySelector('.po-not-captured');
    expect(placeholder?.textContent).toContain(`Reply not captured: ${reason}.`);
    expect(replyOf(root, 0).querySelector('.po-text')).toBeNull();
    expect(root.querySelectorAll('.po-tl-cell')).toHaveLength(2);
    expect(root.querySelectorAll('.po-tl-cell')[0].getAttribute('aria-label')).toMatch(/^Reply 1: reply not captured;/);
    const steps = replyOf(root, 1).querySelector('.po-steps');
    expect(steps?.textContent).toContain('web search Read 12 web pages');
    expect(replyOf(root, 1).querySelector('.po-sources')?.textContent).toContain('javascript:alert(1)');
    expect(root.querySelector('img, script, .po-sources a')).toBeNull();
  });
  it('timeline click selects and marks the reply', async () => {
    const root = await mount(<ConversationView {...props} />, services());
    await settle();
    await click(root.querySelectorAll('.po-tl-cell')[1]);
    expect(replyOf(root, 1).className).toContain('po-turn-selected');
    // The click lands on the reply's header (focus and scroll target), not mid-reply.
    expect(document.activeElement?.id).toBe('po-reply-1');
  });
  it('annotating a reply saves through the worker and marks the timeline', async () => {
    const s = services();
    const root = await mount(<ConversationView {...props} />, s);
    await settle();
    await click(byText(replyOf(root, 1), 'button', 'Annotate'));
    await click(byText(replyOf(root, 1), 'button', 'Confirm shift'));
    await settle();
    expect(s.commands.saveAnnotation).toHaveBeenCalledWith({
      turnKey: 'chatgpt:abc:t3',
      conversationKey: 'chatgpt:abc',
      kind: 'confirm',
      label: null,
      note: null,
    });
    expect(root.querySelectorAll('.po-tl-annot')[1].textContent).toBe('✓');
  });
  it('shows the evidence behind a shift', async () => {
    const root = await mount(<ConversationView {...props} />, services());
    await settle();
    await click(byText(replyOf(root, 1), 'button', 'Evidence'));
    expect(root.querySelector('.po-evidence')?.textContent).toContain('Exclamations');
  });
  it('delete asks first', async () => {
    const s = services();
    const onDeleted = vi.fn();
    const root = await mount(<ConversationView {...props} onDeleted={onDeleted} />, s);
    await settle();
    await click(byText(root, 'button', 'Delete conversation'));
    expect(s.commands.deleteConversation).not.toHaveBeenCalled();
    await click(byText(root, '.po-confirm button', 'Delete'));
    await settle();
    expect(s.commands.deleteConversation).toHaveBeenCalledWith('chatgpt:abc');
    expect(onDeleted).toHaveBeenCalled();
  });
});

describe('SettingsTab', () => {
  it('loading and error', async () => {
    const s = services();
    s.commands.getSettings.mockImplementation(never);
    const root = await mount(<SettingsTab onCleared={() => {}} />, s);
    expect(root.textContent).toContain('Loading settings');
    cleanup();
    const s2 = services();
    s2.commands.getSettings.mockRejectedValue(new Error('no worker'));
    const root2 = await mount(<SettingsTab onCleared={() => {}} />, s2);
    await settle();
    expect(root2.querySelector('[role="alert"]')?.textContent).toContain('no worker');
  });
  it('pause all, per-site toggle, and delete everything with confirmation', async () => {
    const s = services();
    const onCleared = vi.fn();
    const root = await mount(<SettingsTab onCleared={onCleared} />, s);
    await settle();
    await click(byText(root, 'label', 'Pause capture on every site')?.querySelector('input'));
    await settle();
    expect(s.commands.setSettings).toHaveBeenCalledWith({ paused: true });
    // Per-site switches are visible without opening anything; "generic" is not a site.
    const claude = byText(root, 'label.po-site-switch', 'Claude')!;
    expect(claude.closest('details')).toBeNull();
    expect(byText(root, 'label.po-site-switch', /generic|Saved page/)).toBeUndefined();
    await click(claude.querySelector('input'));
    await settle();
    expect(s.commands.setSettings).toHaveBeenLastCalledWith({ sites: { claude: { enabled: false, selectors: {} } } });
    await click(byText(root, 'button', 'Delete everything…'));
    await click(byText(root, '.po-confirm button', 'Delete everything'));
    await settle();
    expect(s.commands.clearStore).toHaveBeenCalledTimes(1);
    expect(onCleared).toHaveBeenCalled();
  });
  it('refuses an invalid selector override', async () => {
    const root = await mount(<SettingsTab onCleared={() => {}} />, services());
    await settle();
    const site = byText(root, 'div.po-site', 'ChatGPT')!;
    await type(site.querySelector('input.po-mono'), 'div[[[');
    expect(site.querySelector('input.po-mono')?.getAttribute('aria-invalid')).toBe('true');
    expect(byText(site, 'button', 'Save selectors')?.hasAttribute('disabled')).toBe(true);
  });
  it('lists the open tabs whose page was not recognised, naming the failed check', async () => {
    const detail = 'Gemini: check "no-assistant-turn" failed: 2 user turns read but no assistant reply (built-in selectors)';
    const root = await mount(<SettingsTab onCleared={() => {}} />, services({ problems: [{ site: 'gemini', detail, updatedAt: 1 }] }));
    await settle();
    const box = root.querySelector('.po-capture-problems');
    expect(box?.textContent).toContain('failed check no-assistant-turn');
    expect(box?.textContent).toContain('2 user turns read but no assistant reply');
    cleanup();
    const none = await mount(<SettingsTab onCleared={() => {}} />, services());
    await settle();
    expect(none.querySelector('.po-capture-problems')).toBeNull();
  });
});

describe('AboutPanel', () => {
  it('is generated from the registry and vocabulary', async () => {
    const s = services();
    const root = await mount(<AboutPanel />, s);
    for (const f of s.core.features) expect(root.textContent).toContain(f.label);
    expect(root.textContent).toContain('Known to fail on: quoted text');
    expect(root.textContent).toContain('tone: formal → playful');
    expect(root.textContent).toContain('test-1');
    // What the benchmark measured is shown, as given by core (not restated in the view).
    expect(root.textContent).toContain('Measured: half of the flagged switches were real.');
    expect(root.textContent).toContain('Your annotations: none yet');
  });
  it('says how the user’s verdicts adjusted the confidence curve', async () => {
    const s = services();
    s.data.getUserCalibration.mockResolvedValue({
      confirmed: 3,
      rejected: 5,
      relabelled: 0,
      alpha: -0.2,
      beta: 0.8,
      calibration: { a: -0.77, b: 1.57 },
      adjusted: true,
    });
    const root = await mount(<AboutPanel />, s);
    await settle();
    expect(root.querySelector('.po-user-calibration')?.textContent).toMatch(/Your annotations: 3 confirmed \/ 5 rejected; curve adjusted/);
  });
});

describe('ImportExportTab', () => {
  it('parses picked files, reports refusals, imports the rest', async () => {
    const s = services();
    s.core.parseFile.mockImplementation((_c, name) => {
      if (name === 'bad.json') throw new Error('bad.json: line 3: unexpected token');
      return { format: 'chatgpt', bundles: [bundle()] };
    });
    const root = await mount(<ImportExportTab />, s);
    await settle();
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    const files = [new File(['{}'], 'good.json'), new File(['{'], 'bad.json')];
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(6);
    expect(root.querySelector('table')?.textContent).toContain('Refused: bad.json: line 3');
    await click(byText(root, 'button', 'Import 1 conversation'));
    await settle(4);
    expect(s.commands.importBundles).toHaveBeenCalledTimes(1);
    expect(root.textContent).toContain('Imported: 1 new');
  });
  it('shows a refused import as an error', async () => {
    const s = services();
    s.commands.importBundles.mockRejectedValue(new Error('quota exceeded'));
    const root = await mount(<ImportExportTab />, s);
    await settle();
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['{}'], 'a.json')], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(6);
    await click(byText(root, 'button', 'Import 1 conversation'));
    await settle(4);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('quota exceeded');
  });
});

describe('routes', () => {
  it('round-trip conversation keys with odd characters', () => {
    const key = 'chatgpt:a/b#c d';
    expect(parseRoute(routeHash({ tab: 'conversations', conversationKey: key }))).toEqual({ tab: 'conversations', conversationKey: key });
    expect(parseRoute('#/router')).toEqual({ tab: 'router' });
    expect(parseRoute('#/nonsense')).toEqual({ tab: 'conversations', conversationKey: null });
  });
});
