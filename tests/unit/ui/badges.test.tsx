// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { createBadgeLayer, type BadgeLayer, type Send } from '../../../src/content/badges/layer.tsx';
import { isOwnNode } from '../../../src/content/own-ui.ts';
import { everythingNear } from '../../../src/content/badges/nearby.ts';
import { frameHash, frameTarget } from '../../../src/common/annotate-frame-url.ts';
import { BADGE_GAP, conversationKeyOf, placeBadge, placePanel } from '../../../src/content/badges/position.ts';
import type { BadgeInfo } from '../../../src/messaging/responses.ts';
import { HOSTILE } from './fixtures.ts';

let layer: BadgeLayer | null = null;
afterEach(() => {
  layer?.destroy();
  layer = null;
  document.body.replaceChildren();
});

function info(over: Partial<BadgeInfo> = {}): BadgeInfo {
  return {
    turnKey: 'chatgpt:abc:t3',
    state: 'B',
    stateName: 'playful',
    shift: true,
    confidence: 0.72,
    labels: [{ kind: 'tone', text: 'tone: formal → playful', confidence: 0.72, evidence: [] }],
    evidence: [{ feature: 'exclamation_rate', before: 0.1, after: 2.5, effect: 1.8 }],
    annotated: null,
    route: null,
    ...over,
  };
}

const frameUrl = (turnKey: string, conversationKey: string) => `chrome-extension://ours/src/ui/annotate/index.html${frameHash(turnKey, conversationKey)}`;

/** `userEvents`: count synthetic events as the user's (happy-dom clicks are never trusted). */
function setup(send: Send = vi.fn() as unknown as Send, userEvents = true) {
  const reply = document.createElement('div');
  reply.textContent = 'a reply';
  document.body.append(reply);
  layer = createBadgeLayer(document, send, { annotationFrameUrl: frameUrl, nearby: everythingNear, ...(userEvents ? { trusted: () => true } : {}) });
  return { reply, root: layer.root };
}

describe('badge placement', () => {
  const viewport = { width: 1000, height: 800 };
  it('sits in the right margin when there is room, inside the box otherwise', () => {
    expect(placeBadge({ top: 100, left: 100, right: 600, bottom: 300, width: 500, height: 200 }, viewport, 150)).toEqual({
      top: 106,
      left: 606,
      visible: true,
    });
    expect(placeBadge({ top: 100, left: 100, right: 990, bottom: 300, width: 890, height: 200 }, viewport, 150).left).toBe(990 - 150 - 6);
  });
  it('keeps the panel inside the viewport on every side', () => {
    const size = { width: 366, height: 330 };
    const inside = (p: { top: number; left: number }) =>
      p.left >= BADGE_GAP && p.top >= BADGE_GAP && p.left + size.width <= viewport.width - BADGE_GAP && p.top + size.height <= viewport.height - BADGE_GAP;
    // A badge near the right edge (the real-page case): the panel slides left instead of overflowing.
    const right = placePanel({ top: 20, left: 900, visible: true }, viewport, size);
    expect(right.left).toBe(viewport.width - size.width - BADGE_GAP);
    expect(inside(right)).toBe(true);
    // Near the bottom it flips above the badge.
    const low = placePanel({ top: 700, left: 100, visible: true }, viewport, size);
    expect(low.top + size.height).toBeLessThanOrEqual(700);
    expect(inside(low)).toBe(true);
    // Room neither below nor above: pinned inside, bottom margin kept.
    const short = { width: 1000, height: 400 };
    expect(placePanel({ top: 150, left: 10, visible: true }, short, size).top).toBe(short.height - size.height - BADGE_GAP);
    // Plenty of room: under the badge, aligned with it.
    expect(placePanel({ top: 100, left: 200, visible: true }, viewport, size)).toEqual({ top: 100 + 24 + BADGE_GAP, left: 200 });
  });
  it('hides off-screen or box-less replies', () => {
    expect(placeBadge({ top: -500, left: 0, right: 500, bottom: -10, width: 500, height: 490 }, viewport, 150).visible).toBe(false);
    expect(placeBadge({ top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0 }, viewport, 150).visible).toBe(false);
  });
  it('derives the conversation key from turn key and id', () => {
    expect(conversationKeyOf('chatgpt:abc:t3', 't3')).toBe('chatgpt:abc');
    expect(conversationKeyOf('chatgpt:abc:t3', 'x')).toBeNull();
  });
});

describe('in-page badge layer', () => {
  it('one host per layer: closed shadow root, no id or marker attribute, placement the page cannot override', () => {
    setup();
    setup();
    const hosts = [...document.documentElement.children].filter((el) => isOwnNode(el));
    expect(hosts.length).toBe(2); // two layers were created explicitly; index.ts keeps one per page
    const host = hosts[0] as HTMLElement;
    expect(host.shadowRoot).toBeNull(); // closed: the page gets no handle on it
    expect(host.id).toBe('');
    expect([...host.attributes].map((a) => a.name)).toEqual(['style']);
    expect(host.style.getPropertyValue('position')).toBe('fixed');
    expect(host.style.getPropertyPriority('position')).toBe('important');
    expect(host.style.getPropertyPriority('display')).toBe('important');
    expect(host.style.width).toBe('0px');
  });

  it('shows state name and shift label; hostile text stays text', async () => {
    const { reply, root } = setup();
    await act(() =>
      layer!.update({ t3: info({ stateName: HOSTILE, labels: [{ kind: 'tone', text: HOSTILE, confidence: 0.9, evidence: [] }] }) }, new Map([['t3', reply]])),
    );
    const badge = root.querySelector('.po-badge')!;
    expect(badge.tagName).toBe('BUTTON');
    expect(badge.textContent).toContain('<img src=x');
    expect(root.querySelector('img, script')).toBeNull();
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
    expect(document.activeElement).not.toBe(badge);
  });

  it('the newest reply shows the live estimate as a possible shift; a settled non-shift shows nothing', async () => {
    const { reply, root } = setup();
    await act(() => layer!.update({ t3: info({ shift: false, confidence: 0.64, labels: [] }) }, new Map([['t3', reply]])));
    expect(root.querySelector('.po-badge-live')?.textContent).toContain('possible shift? weak');
    await act(() => (root.querySelector('.po-badge') as HTMLElement).click());
    expect(root.querySelector('[role="dialog"]')?.textContent).toContain('Possible shift (live estimate');
    await act(() => layer!.update({ t3: info({ shift: false, confidence: 0.3, labels: [] }) }, new Map([['t3', reply]])));
    expect(root.querySelector('.po-badge-live')).toBeNull();
  });

  it("the badge shows the user's judgement on its face, in the words used everywhere", async () => {
    const { reply, root } = setup();
    await act(() => layer!.update({ t3: info() }, new Map([['t3', reply]])));
    expect(root.querySelector('.po-badge-judged')).toBeNull();
    for (const [kind, words] of [
      ['confirm', '✓ Confirmed shift'],
      ['reject', '✗ Not a shift'],
      ['note', '✎ Note'],
    ] as const) {
      await act(() => layer!.update({ t3: info({ annotated: kind }) }, new Map([['t3', reply]])));
      expect(root.querySelector('.po-badge-judged')?.textContent).toBe(words);
      expect(root.querySelector('.po-badge')?.getAttribute('aria-label')).toContain(`your judgement: ${words.slice(2)}`);
    }
  });

  it('a reply that could not be read shows "reply not captured: <reason>" instead of a badge, as text', async () => {
    const { reply, root } = setup();
    await act(() => layer!.update({ t3: info() }, new Map([['t3', reply]]), new Set(), new Map([['t3', `in a frame ${HOSTILE}`]])));
    expect(root.querySelectorAll('.po-badge')).toHaveLength(1);
    const gap = root.querySelector('.po-badge-gap')!;
    expect(gap.textContent).toBe(`⚠ reply not captured: in a frame ${HOSTILE}`);
    expect(gap.tagName).toBe('SPAN');
    expect(root.querySelector('img, script, button')).toBeNull();
  });

  it('pending replies show "analysing…"; replies without elements get no badge', async () => {
    const { reply, root } = setup();
    await act(() => layer!.update({ gone: info() }, new Map([['t5', reply]]), new Set(['t5'])));
    expect(root.querySelectorAll('.po-badge')).toHaveLength(1);
    expect(root.textContent).toContain('analysing…');
  });

  it('click opens the panel with evidence and the annotation frame; no note text or note field in the page', async () => {
    const { reply, root } = setup();
    await act(() => layer!.update({ t3: info({ annotated: 'note' }) }, new Map([['t3', reply]])));
    await act(() => (root.querySelector('.po-badge') as HTMLElement).click());
    const panel = root.querySelector('[role="dialog"]')!;
    expect(panel.textContent).toContain('Shift detected · moderate');
    expect(panel.querySelector('.po-evidence')?.textContent).toContain('exclamation rate');
    expect(panel.textContent).toContain('You left a note on this reply.');
    expect(panel.querySelector('textarea, input, select')).toBeNull();
    const frame = panel.querySelector('iframe')!;
    expect(frame.getAttribute('src')).toBe(frameUrl('chatgpt:abc:t3', 'chatgpt:abc'));
    expect(frameTarget(new URL(frame.getAttribute('src')!).hash)).toEqual({ turnKey: 'chatgpt:abc:t3', conversationKey: 'chatgpt:abc' });
  });

  it('events the page synthesises (untrusted) open nothing and hide nothing', async () => {
    const send = vi.fn(async () => ({ ok: true }));
    const { reply, root } = setup(send as unknown as Send, false);
    await act(() => layer!.update({ t3: info() }, new Map([['t3', reply]])));
    const badge = root.querySelector('.po-badge') as HTMLElement;
    await act(() => badge.click());
    await act(() => {
      badge.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    });
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(root.querySelectorAll('.po-badge')).toHaveLength(1);
    expect(send).not.toHaveBeenCalled();
  });

  it('Escape closes the panel; keys typed in it do not reach the site', async () => {
    const siteShortcut = vi.fn();
    document.addEventListener('keydown', siteShortcut);
    const { reply, root } = setup();
    await act(() => layer!.update({ t3: info() }, new Map([['t3', reply]])));
    await act(() => (root.querySelector('.po-badge') as HTMLElement).click());
    const close = root.querySelector('[aria-label="Close details"]')!;
    await act(() => {
      close.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true, composed: true }));
    });
    expect(siteShortcut).not.toHaveBeenCalled();
    await act(() => {
      close.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    });
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    document.removeEventListener('keydown', siteShortcut);
  });

  it('the annotation frame (and only it) can close the panel on Escape and put the saved judgement on the badge', async () => {
    const { reply, root } = setup();
    await act(() => layer!.update({ t3: info() }, new Map([['t3', reply]])));
    await act(() => (root.querySelector('.po-badge') as HTMLElement).click());
    // happy-dom loads no frame: give ours a window of its own to post from.
    const frameWindow = {};
    Object.defineProperty(root.querySelector('iframe')!, 'contentWindow', { value: frameWindow });
    const post = (data: unknown, source: unknown) =>
      act(() => {
        window.dispatchEvent(new MessageEvent('message', { data, source: source as Window }));
      });
    // The page posting the same message changes nothing.
    await post({ type: 'po-annotate', event: 'judged', kind: 'confirm' }, window);
    await post({ type: 'po-annotate', event: 'escape' }, window);
    expect(root.querySelector('.po-badge-judged')).toBeNull();
    expect(root.querySelector('[role="dialog"]')).not.toBeNull();
    await post({ type: 'po-annotate', event: 'judged', kind: 'bogus' }, frameWindow);
    expect(root.querySelector('.po-badge-judged')).toBeNull();
    await post({ type: 'po-annotate', event: 'judged', kind: 'confirm' }, frameWindow);
    expect(root.querySelector('.po-badge-judged')?.textContent).toBe('✓ Confirmed shift');
    expect(root.querySelector('[role="dialog"]')).not.toBeNull();
    await post({ type: 'po-annotate', event: 'escape' }, frameWindow);
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(root.activeElement?.getAttribute('data-turn')).toBe('t3');
  });

  it('hide all removes every badge and tells the worker with the narrow badges/hide message', async () => {
    const send = vi.fn(async () => ({ ok: true }));
    const { reply, root } = setup(send as unknown as Send);
    await act(() => layer!.update({ t3: info() }, new Map([['t3', reply]])));
    await act(() => (root.querySelector('.po-badge') as HTMLElement).click());
    const hide = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Hide all badges')!;
    await act(() => hide.click());
    expect(root.querySelectorAll('.po-badge')).toHaveLength(0);
    expect(send).toHaveBeenCalledWith({ type: 'badges/hide' });
  });

  it('never writes HTML: no innerHTML in the badge sources', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dirs = ['src/content/badges', 'src/ui/components'];
    for (const dir of dirs) {
      for (const f of readdirSync(dir)) {
        const text = readFileSync(`${dir}/${f}`, 'utf8');
        expect(text, `${dir}/${f}`).not.toMatch(/innerHTML|dangerouslySetInnerHTML|insertAdjacentHTML/);
      }
    }
  });
});
