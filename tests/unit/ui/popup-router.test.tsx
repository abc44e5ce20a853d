// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupServices } from '../../../src/ui/popup/Popup.tsx';
import { RouterTab } from '../../../src/ui/dashboard/router/RouterTab.tsx';
import { SHARE_ON_DEMAND_DETAIL, type TabStatus } from '../../../src/messaging/responses.ts';
import type { Settings } from '../../../src/core/model/types.ts';
import type { RouterReport } from '../../../src/core/router/types.ts';
import { SETTINGS, services } from './fixtures.ts';
import { byText, cleanup, click, mount, settle } from './render.tsx';

afterEach(cleanup);

const STATUS: TabStatus = {
  site: 'chatgpt',
  status: 'ok',
  detail: null,
  conversationKey: 'chatgpt:abc',
  turnCount: 12,
  shiftCount: 3,
  models: ['gpt-4o', 'o3'],
  paused: false,
  sitePaused: false,
  storeError: null,
  reroutes: 0,
};

function popupServices(status: Promise<TabStatus>) {
  return {
    tabStatus: vi.fn(() => status),
    getSettings: vi.fn(async () => SETTINGS),
    setSettings: vi.fn(async (p: Partial<Settings>) => ({ ...SETTINGS, ...p })),
    openDashboard: vi.fn((_hash?: string) => undefined),
    saveLayoutReport: vi.fn(async (_includeText: boolean, _status: string | null) => undefined),
    captureSharedPage: vi.fn(async () => undefined),
  } satisfies PopupServices;
}

describe('Popup', () => {
  it('loading', async () => {
    const root = await mount(<Popup services={popupServices(new Promise(() => {}))} />);
    expect(root.textContent).toContain('Loading');
  });
  it('error when the worker does not answer', async () => {
    const root = await mount(<Popup services={popupServices(Promise.reject(new Error('no response')))} />);
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('no response');
  });
  it('data: status, counts, models, and actions', async () => {
    const s = popupServices(Promise.resolve(STATUS));
    const root = await mount(<Popup services={s} />);
    await settle();
    expect(root.textContent).toContain('Recognised');
    expect(root.querySelector('.po-facts')?.textContent).toMatch(/Turns captured12.*Shifts so far3.*GPT-4o, o3/);
    await click(byText(root, 'button', 'Open this conversation'));
    expect(s.openDashboard).toHaveBeenCalledWith('#/c/chatgpt%3Aabc');
    expect(root.querySelector('.po-status')?.className).toContain('po-status-ok');
    await click(byText(root, 'button', 'Pause on ChatGPT'));
    await settle();
    expect(s.setSettings).toHaveBeenCalledWith({ sites: { chatgpt: { enabled: false, selectors: {} } } });
    expect(byText(root, 'button', 'Resume on ChatGPT')).toBeDefined();
    // Capture off: the pill says paused (not the green "Recognised"), and the change can be undone.
    expect(root.querySelector('.po-status')?.textContent).toBe('Recognised · capture paused');
    expect(root.querySelector('.po-status')?.className).toContain('po-status-paused');
    await click(byText(root, 'button', 'Undo'));
    await settle();
    expect(s.setSettings).toHaveBeenLastCalledWith({ sites: {} });
  });
  it('hiding badges is one state with undo', async () => {
    const s = popupServices(Promise.resolve(STATUS));
    const root = await mount(<Popup services={s} />);
    await settle();
    await click(byText(root, 'button', 'Hide badges'));
    await settle();
    expect(s.setSettings).toHaveBeenCalledWith({ badgesHidden: true });
    expect(root.textContent).toContain('Badges are hidden on every page');
    await click(byText(root, 'button', 'Undo'));
    await settle();
    expect(s.setSettings).toHaveBeenLastCalledWith({ badgesHidden: false });
  });
  it('layout not recognized and unsupported pages', async () => {
    const root = await mount(
      <Popup services={popupServices(Promise.resolve({ ...STATUS, status: 'layout-not-recognized', detail: 'no turns found', conversationKey: null }))} />,
    );
    await settle();
    expect(root.textContent).toContain('Layout not recognized');
    expect(root.textContent).toContain('no turns found');
    expect(byText(root, 'button', 'Open this conversation')).toBeUndefined();
    cleanup();
    const root2 = await mount(<Popup services={popupServices(Promise.resolve({ ...STATUS, site: null, status: 'unsupported', conversationKey: null }))} />);
    await settle();
    expect(root2.textContent).toContain('Not a supported chat site');
    expect(byText(root2, 'button', 'Pause all capture')).toBeDefined();
  });
  it('names the failed check and saves a layout report, without text unless ticked', async () => {
    const detail = 'Gemini: check "fewer-replies-than-markers" failed: 1 reply read, the page marks 2 (built-in selectors)';
    const s = popupServices(Promise.resolve({ ...STATUS, site: 'gemini', status: 'layout-not-recognized', detail, conversationKey: null }));
    const root = await mount(<Popup services={s} />);
    await settle();
    expect(root.textContent).toContain('Failed check: fewer-replies-than-markers');
    await click(byText(root, 'button', 'Save layout report'));
    await settle();
    expect(s.saveLayoutReport).toHaveBeenCalledWith(false, `layout-not-recognized: ${detail}`);
    expect(root.textContent).toContain('Saved to your downloads');
  });
  it('a share page waits for "Capture this shared page"', async () => {
    const s = popupServices(Promise.resolve({ ...STATUS, site: 'gemini', detail: SHARE_ON_DEMAND_DETAIL, conversationKey: null }));
    const root = await mount(<Popup services={s} />);
    await settle();
    await click(byText(root, 'button', 'Capture this shared page'));
    await settle();
    expect(s.captureSharedPage).toHaveBeenCalledTimes(1);
    expect(root.textContent).toContain('Capturing this shared page');
  });
});

const REPORT: RouterReport = {
  version: 'router-test',
  sizes: { conversations: 1, replies: 2, userTurns: 2, conversationsUsed: 1 },
  repertoire: {
    chosenK: 2,
    candidates: [
      { k: 1, logLik: -10, params: 2, bic: 24, weight: 0.2 },
      { k: 2, logLik: -5, params: 5, bic: 21, weight: 0.8 },
    ],
    states: [
      { id: '#1', name: 'formal', share: 0.5, profile: [], description: 'Long, formal replies.' },
      { id: '#2', name: 'playful', share: 0.5, profile: [], description: 'Short, playful replies.' },
    ],
    timeline: [{ conversationId: 'chatgpt:abc', states: ['#1', '#2'], maxPosterior: [0.9, 0.9], segments: ['A', 'B'] }],
    featuresUsed: ['word_count'],
    dims: 1,
    conclusion: 'Two states fit best.',
  },
  transitions: {
    stateIds: ['#1', '#2'],
    counts: [
      [0, 1],
      [0, 0],
    ],
    matrix: [
      [0, 1],
      [0, 0],
    ],
    switches: 1,
    replyPairs: 1,
    switchRate: 1,
    dwell: { lengths: [1, 1], mean: 1, median: 1, censoredShare: 0.5 },
    recurrenceRate: null,
    cascadeRate: null,
    cascadeExpected: null,
    cascadeWindow: 2,
    conclusion: 'One switch.',
  },
  comparison: null,
  triggers: null,
  modelSwitch: {
    available: false,
    models: [],
    pairsWithModelChange: 0,
    switchesWithModelChange: 0,
    pairsWithoutModelChange: 0,
    switchesWithoutModelChange: 0,
    conclusion: 'No models shown.',
  },
  mirroring: { status: 'insufficient-data', pairs: 0, lags: [], conclusion: 'Too little data to test mirroring.' },
  promptConditioning: null,
  recurrence: null,
  loop: null,
  routes: { source: 'none', observed: 0, changes: 0, flagged: 0, changesWithPersonaSwitch: 0, models: [], conclusion: "Can't tell: no route data." },
  siteSwitches: null,
  questions: [
    {
      id: 'repertoire',
      question: 'Is there a repertoire of personas that come back?',
      verdict: 'yes',
      answer: 'Yes: 2 persona states that come back.',
      evidence: {
        label: 'switches that return to an earlier persona',
        value: 0.4,
        low: 0.3,
        high: 0.5,
        unit: 'share',
        interval: 'bootstrap over conversations',
      },
      plot: {
        kind: 'bars',
        caption: 'Returns: observed and shuffled',
        bars: [
          { label: 'observed', value: 0.4, low: 0.3, high: 0.5 },
          { label: 'shuffled', value: 0.2, muted: true },
        ],
      },
      details: ['Two states fit best.'],
      nullHypotheses: ['One persona plus noise.'],
    },
    {
      id: 'models',
      question: 'Does the site switch models?',
      verdict: "can't tell",
      answer: "Can't tell: no route data.",
      evidence: null,
      plot: null,
      details: [],
      nullHypotheses: [],
    },
  ],
  summary: ['Too little data to call this router-like (null: a single stable persona).'],
  warnings: ['Only 2 replies.'],
};

describe('RouterTab', () => {
  it('empty store', async () => {
    const root = await mount(<RouterTab onOpen={() => {}} />, services({ list: [] }));
    await settle();
    expect(root.textContent).toContain('Nothing to analyse yet');
  });
  it('runs the analysis on demand and renders the report', async () => {
    const s = services();
    s.core.analyzeRouter.mockResolvedValue(REPORT);
    const onOpen = vi.fn();
    const root = await mount(<RouterTab onOpen={onOpen} />, s);
    await settle();
    expect(s.core.analyzeRouter).not.toHaveBeenCalled();
    await click(byText(root, 'button', 'Analyse 1 conversation'));
    await settle(5);
    // One verdict line per question: the word, the answer, the evidence with its interval, a plot built as SVG elements.
    const lines = root.querySelectorAll('.po-verdict-line');
    expect(lines).toHaveLength(2);
    expect(lines[0].querySelector('.po-verdict')?.textContent).toBe('yes');
    expect(lines[0].textContent).toContain('switches that return to an earlier persona: 40% [95% CI 30% to 50%]');
    expect(lines[0].querySelectorAll('svg.po-smallplot rect')).toHaveLength(2);
    expect(lines[0].querySelector('details')?.textContent).toContain('One persona plus noise.');
    expect(lines[1].textContent).toContain("Can't tell: no route data.");
    expect(root.textContent).toContain('Only 2 replies.');
    expect(byText(root, 'button', 'Export report (Markdown)')).toBeDefined();
    expect(root.textContent).toContain('Repertoire: 2 states');
    // The router view speaks the global persona vocabulary: router states numbered and named, replies coloured by their persona (P1, P2 …).
    expect(root.textContent).toContain('State #1 · formal');
    const cells = [...root.querySelectorAll('.po-state-cell')];
    expect(cells).toHaveLength(2);
    for (const cell of cells) {
      expect(cell.className).toMatch(/po-s\d/);
      expect(cell.getAttribute('title')).toMatch(/^reply \d: P\d .* · router state #\d/);
    }
    expect(root.querySelector('.po-states .po-chip-letter')?.textContent).toMatch(/^P\d$/);
    expect(root.querySelector('.po-matrix')?.textContent).toContain('100% (1)');
    await click(byText(root, '.po-linkish', 'Trip planning'));
    expect(onOpen).toHaveBeenCalledWith('chatgpt:abc');
  });
  it('shows a failed analysis', async () => {
    const s = services();
    s.core.analyzeRouter.mockRejectedValue(new Error('singular covariance'));
    const root = await mount(<RouterTab onOpen={() => {}} />, s);
    await settle();
    await click(byText(root, 'button', 'Analyse'));
    await settle(5);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('singular covariance');
  });
});
