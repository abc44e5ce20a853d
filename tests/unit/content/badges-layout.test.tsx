// @vitest-environment happy-dom
/**
 * When the badge layer reads layout and when badges become visible: new badges render without
 * any layout read, stay invisible and inert until placed after the next frame, and a long first
 * draw is split across tasks. Frames and tasks are driven by hand; geometry is stubbed (happy-dom
 * has no layout).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { NEW_BADGES_PER_TASK } from '../../../src/content/badges/admission.ts';
import { createBadgeLayer, type BadgeLayer, type Send } from '../../../src/content/badges/layer.tsx';
import { placeBadge } from '../../../src/content/badges/position.ts';
import { everythingNear, type NearbyWatch } from '../../../src/content/badges/nearby.ts';
import type { BadgeInfo } from '../../../src/messaging/responses.ts';

const BADGE_WIDTH = 120;

let layer: BadgeLayer | null = null;
let frames: FrameRequestCallback[] = [];
let tasks: Array<() => void> = [];
/** Boxes of the fake replies; badges measure BADGE_WIDTH wide. */
const boxes = new Map<Element, { top: number; left: number; width: number; height: number }>();
let layoutReads = 0;

function rect(b: { top: number; left: number; width: number; height: number }): DOMRect {
  return { ...b, x: b.left, y: b.top, right: b.left + b.width, bottom: b.top + b.height, toJSON: () => b } as DOMRect;
}

beforeEach(() => {
  const win = document.defaultView!;
  vi.spyOn(win, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
  vi.spyOn(win, 'setTimeout').mockImplementation(((fn: () => void) => tasks.push(fn)) as unknown as typeof setTimeout);
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    layoutReads++;
    const box = boxes.get(this);
    if (box) return rect(box);
    if (this.classList.contains('po-badge')) return rect({ top: 0, left: 0, width: BADGE_WIDTH, height: 24 });
    return rect({ top: 0, left: 0, width: 0, height: 0 });
  });
});

afterEach(() => {
  layer?.destroy();
  layer = null;
  frames = [];
  tasks = [];
  boxes.clear();
  layoutReads = 0;
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

async function runFrame(): Promise<void> {
  const due = frames;
  frames = [];
  await act(() => {
    for (const cb of due) cb(0);
  });
}

async function runTasks(): Promise<void> {
  const due = tasks;
  tasks = [];
  await act(() => {
    for (const fn of due) fn();
  });
}

function info(turnId: string, over: Partial<BadgeInfo> = {}): BadgeInfo {
  return {
    turnKey: `chatgpt:abc:${turnId}`,
    state: 'A',
    stateName: 'structured',
    shift: false,
    confidence: 0.1,
    labels: [],
    evidence: [],
    annotated: null,
    route: null,
    ...over,
  };
}

/** `n` replies stacked 300 px apart, each with a badge. */
function replies(n: number): { badges: Record<string, BadgeInfo>; elements: Map<string, Element> } {
  const badges: Record<string, BadgeInfo> = {};
  const elements = new Map<string, Element>();
  for (let i = 0; i < n; i++) {
    const el = document.createElement('article');
    document.body.append(el);
    boxes.set(el, { top: 100 + 300 * i, left: 100, width: 500, height: 250 });
    badges[`t${i}`] = info(`t${i}`);
    elements.set(`t${i}`, el);
  }
  return { badges, elements };
}

/** Unit tests click with synthetic events, so they count as the user's own here. */
// happy-dom has no layout, so no IntersectionObserver reports: every reply counts as near here
// (near-viewport rendering has its own test below).
const LAYER_OPTIONS = { annotationFrameUrl: () => 'about:blank', trusted: () => true, nearby: everythingNear };

function badgeOf(turnId: string): HTMLElement {
  const el = layer!.root.querySelector<HTMLElement>(`.po-badge[data-turn="${turnId}"]`);
  if (!el) throw new Error(`no badge for ${turnId}`);
  return el;
}

const shown = (el: HTMLElement) => el.style.visibility === 'visible' && el.style.pointerEvents !== 'none';

describe('badge layer timing', () => {
  it('renders new badges without reading layout, invisible and inert, and shows them placed after the next frame', async () => {
    layer = createBadgeLayer(document, vi.fn() as unknown as Send, LAYER_OPTIONS);
    const { badges, elements } = replies(2);
    await act(() => layer!.update(badges, elements));
    expect(layoutReads).toBe(0);
    for (const id of ['t0', 't1']) {
      expect(badgeOf(id).style.visibility).toBe('hidden');
      expect(badgeOf(id).style.pointerEvents).toBe('none');
    }
    await runFrame();
    expect(shown(badgeOf('t0'))).toBe(false); // the frame only renders; reading waits for after it
    await runTasks();
    const viewport = { width: window.innerWidth, height: window.innerHeight };
    const expected = placeBadge(rect(boxes.get(elements.get('t0')!)!), viewport, BADGE_WIDTH);
    expect(shown(badgeOf('t0'))).toBe(true);
    expect(badgeOf('t0').style.top).toBe(`${expected.top}px`);
    expect(badgeOf('t0').style.left).toBe(`${expected.left}px`);
  });

  it('a badge whose content changes hides until measured again; the others stay where they are', async () => {
    layer = createBadgeLayer(document, vi.fn() as unknown as Send, LAYER_OPTIONS);
    const { badges, elements } = replies(2);
    await act(() => layer!.update(badges, elements));
    await runFrame();
    await runTasks();
    const before = badgeOf('t0').style.left;
    const changed = {
      ...badges,
      t1: info('t1', { shift: true, confidence: 0.8, labels: [{ kind: 'tone', text: 'tone: formal → playful', confidence: 0.8, evidence: [] }] }),
    };
    layoutReads = 0;
    await act(() => layer!.update(changed, elements));
    expect(layoutReads).toBe(0);
    expect(shown(badgeOf('t0'))).toBe(true);
    expect(badgeOf('t0').style.left).toBe(before);
    expect(shown(badgeOf('t1'))).toBe(false);
    await runFrame();
    await runTasks();
    expect(shown(badgeOf('t1'))).toBe(true);
    expect(badgeOf('t1').textContent).toContain('tone: formal → playful');
  });

  it('a long first draw renders a bounded number of badges per task, reading no layout', async () => {
    layer = createBadgeLayer(document, vi.fn() as unknown as Send, LAYER_OPTIONS);
    const n = NEW_BADGES_PER_TASK * 2 + 5;
    const { badges, elements } = replies(n);
    await act(() => layer!.update(badges, elements));
    const count = () => layer!.root.querySelectorAll('.po-badge').length;
    expect(count()).toBe(NEW_BADGES_PER_TASK);
    await runTasks();
    expect(count()).toBe(NEW_BADGES_PER_TASK * 2);
    await runTasks();
    expect(count()).toBe(n);
    expect(layoutReads).toBe(0);
    await runFrame();
    await runTasks();
    expect([...layer!.root.querySelectorAll<HTMLElement>('.po-badge')].filter((b) => b.style.pointerEvents !== 'none').length).toBeGreaterThan(0);
  });

  it('after a scroll, badges follow their replies in the next frame', async () => {
    layer = createBadgeLayer(document, vi.fn() as unknown as Send, LAYER_OPTIONS);
    const { badges, elements } = replies(1);
    await act(() => layer!.update(badges, elements));
    await runFrame();
    await runTasks();
    expect(badgeOf('t0').style.top).toBe('106px');
    boxes.get(elements.get('t0')!)!.top = 40;
    window.dispatchEvent(new Event('scroll'));
    await runFrame();
    expect(badgeOf('t0').style.top).toBe('46px');
    expect(shown(badgeOf('t0'))).toBe(true);
  });

  it('hiding and showing again draws like a first draw: unplaced until the next frame', async () => {
    layer = createBadgeLayer(document, vi.fn() as unknown as Send, LAYER_OPTIONS);
    const { badges, elements } = replies(1);
    await act(() => layer!.update(badges, elements));
    await runFrame();
    await runTasks();
    await act(() => layer!.setHidden(true));
    expect(layer.root.querySelector('.po-badge')).toBeNull();
    await act(() => layer!.setHidden(false));
    expect(shown(badgeOf('t0'))).toBe(false);
    await runFrame();
    await runTasks();
    expect(shown(badgeOf('t0'))).toBe(true);
  });

  it('renders only the badges of replies near the viewport; one that comes near is placed afresh', async () => {
    // A hand-driven nearness watch: which replies the (IntersectionObserver) watch reports as near.
    const near = new Set<Element>();
    let changed = () => undefined as void;
    const watch: NearbyWatch = { watch: () => undefined, isNear: (el) => near.has(el), disconnect: () => undefined };
    layer = createBadgeLayer(document, vi.fn() as unknown as Send, {
      ...LAYER_OPTIONS,
      nearby: (_win, onChange) => {
        changed = onChange;
        return watch;
      },
    });
    const { badges, elements } = replies(150);
    near.add(elements.get('t0')!);
    near.add(elements.get('t1')!);
    await act(() => layer!.update(badges, elements));
    const rendered = () => [...layer!.root.querySelectorAll<HTMLElement>('.po-badge')].map((b) => b.dataset.turn);
    expect(rendered()).toEqual(['t0', 't1']);
    expect(tasks).toHaveLength(0); // nothing left to admit in later tasks
    await runFrame();
    await runTasks();
    expect(shown(badgeOf('t0'))).toBe(true);
    // Scrolled: t0 leaves, t100 comes near. It renders unplaced, then placed after the next frame.
    near.delete(elements.get('t0')!);
    near.add(elements.get('t100')!);
    await act(() => changed());
    expect(rendered()).toEqual(['t1', 't100']);
    expect(shown(badgeOf('t100'))).toBe(false);
    await runFrame();
    await runTasks();
    expect(shown(badgeOf('t100'))).toBe(false); // its box (top 30100 px) is below the viewport: hidden
    expect(badgeOf('t100').style.top).toBe('30106px');
  });

  it('keyboard: Alt+Shift+N / P move focus to the next / previous shift badge, bringing a far reply into view', async () => {
    layer = createBadgeLayer(document, vi.fn() as unknown as Send, LAYER_OPTIONS);
    const { badges, elements } = replies(4);
    badges.t1 = info('t1', { shift: true });
    badges.t3 = info('t3', { shift: true });
    // t3 is below the viewport until it is scrolled into view.
    const far = boxes.get(elements.get('t3')!)!;
    far.top = 5000;
    const scrolled = vi.fn(() => {
      far.top = 300;
    });
    (elements.get('t3') as HTMLElement).scrollIntoView = scrolled;
    await act(() => layer!.update(badges, elements));
    await runFrame();
    await runTasks();
    const press = (code: string) =>
      act(() => {
        window.dispatchEvent(new KeyboardEvent('keydown', { code, altKey: true, shiftKey: true, bubbles: true }));
      });
    await press('KeyN');
    await runFrame();
    await runTasks();
    expect(layer!.root.activeElement?.getAttribute('data-turn')).toBe('t1');
    await press('KeyN');
    expect(scrolled).toHaveBeenCalledOnce();
    await runFrame();
    await runTasks();
    expect(layer!.root.activeElement?.getAttribute('data-turn')).toBe('t3');
    await press('KeyP');
    await runFrame();
    await runTasks();
    expect(layer!.root.activeElement?.getAttribute('data-turn')).toBe('t1');
  });

  it("keyboard shortcuts leave the site's text fields alone", async () => {
    layer = createBadgeLayer(document, vi.fn() as unknown as Send, LAYER_OPTIONS);
    const { badges, elements } = replies(2);
    badges.t1 = info('t1', { shift: true });
    await act(() => layer!.update(badges, elements));
    await runFrame();
    await runTasks();
    const field = document.createElement('textarea');
    document.body.append(field);
    const key = new KeyboardEvent('keydown', { code: 'KeyN', altKey: true, shiftKey: true, bubbles: true, cancelable: true });
    await act(() => {
      field.dispatchEvent(key);
    });
    await runFrame();
    await runTasks();
    expect(key.defaultPrevented).toBe(false);
    expect(layer!.root.activeElement).toBeNull();
  });
});
