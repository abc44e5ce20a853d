/**
 * The badge layer lives in a CLOSED shadow root, so neither the page nor Playwright's selectors
 * can reach it. Tests reach it the way only a privileged debugger can: the DevTools protocol's
 * DOM domain pierces closed roots (`DOM.getDocument({ pierce: true })`), and `Runtime.callFunctionOn`
 * runs a function with the root as `this`. Clicks go through `page.mouse` at the badge's box,
 * so they are trusted input, like a user's.
 */
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: string })[];
}

/** The selector of every badge button (the same the e2e tests used while the root was open). */
export const BADGE_BUTTONS = 'button[aria-haspopup="dialog"][aria-label^="Persona "]';

async function session(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

/** Runs `fn` (source of `function (arg) { ... }`, `this` = our shadow root) and returns its JSON result; null without a layer. */
export async function inBadgeLayer<T>(page: Page, fn: string, arg: unknown = null): Promise<T | null> {
  const cdp = await session(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: 3, pierce: true })) as { root: DomNode };
    const html = root.children?.find((n) => n.nodeName === 'HTML');
    for (const host of html?.children ?? []) {
      for (const shadow of host.shadowRoots ?? []) {
        if (shadow.shadowRootType !== 'closed') continue;
        const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as { object: { objectId?: string } };
        if (!object.objectId) continue;
        const ours = (await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: 'function () { return !!this.querySelector(".po-layer"); }',
          returnByValue: true,
        })) as { result: { value?: boolean } };
        if (!ours.result.value) continue;
        const r = (await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: fn,
          arguments: [{ value: arg }],
          returnByValue: true,
          awaitPromise: true,
        })) as { result: { value?: T }; exceptionDetails?: { text: string } };
        if (r.exceptionDetails) throw new Error(`in badge layer: ${r.exceptionDetails.text}`);
        return r.result.value ?? null;
      }
    }
    return null;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export async function badgeCount(page: Page): Promise<number> {
  return (await inBadgeLayer<number>(page, `function (sel) { return this.querySelectorAll(sel).length; }`, BADGE_BUTTONS)) ?? 0;
}

/**
 * Badges render only near the viewport, so "one badge per reply" is checked by scrolling the
 * page's main scroller (the document, or its tallest scrollable element) a screen at a time and
 * collecting the turn ids that got a badge. Restores the scroll position. Returns the ids.
 */
export async function badgedTurnsAcrossPage(page: Page, settleMs = 300): Promise<Set<string>> {
  const seen = new Set<string>();
  const collect = async () => {
    const ids = await inBadgeLayer<string[]>(
      page,
      `function (sel) { return Array.from(this.querySelectorAll(sel)).map((e) => e.getAttribute('data-turn')); }`,
      BADGE_BUTTONS,
    );
    for (const id of ids ?? []) seen.add(id);
  };
  // The scroller's index among all elements (-1: the document), and the original offset.
  const { index, start } = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    let best = -1;
    let height = document.documentElement.scrollHeight - window.innerHeight;
    all.forEach((el, i) => {
      const room = el.scrollHeight - el.clientHeight;
      if (room > height && el.clientHeight > 100 && /(auto|scroll)/.test(getComputedStyle(el).overflowY)) {
        best = i;
        height = room;
      }
    });
    const el = best >= 0 ? all[best] : document.scrollingElement!;
    return { index: best, start: el.scrollTop };
  });
  const scrollTo = (top: number | null) =>
    page.evaluate(
      ([i, to]) => {
        const el = i >= 0 ? document.querySelectorAll('*')[i] : document.scrollingElement!;
        el.scrollTop = to ?? el.scrollTop + el.clientHeight * 0.8;
        return el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      },
      [index, top] as const,
    );
  let atEnd = await scrollTo(0);
  for (let step = 0; step < 200; step++) {
    await page.waitForTimeout(settleMs);
    await collect();
    if (atEnd) break;
    atEnd = await scrollTo(null);
  }
  await scrollTo(start);
  return seen;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of the badge of `turnId` while it is shown (visible and placed), else null. */
export async function shownBadgeBox(page: Page, turnId: string): Promise<Box | null> {
  return inBadgeLayer<Box | null>(
    page,
    `function (id) {
    const b = Array.from(this.querySelectorAll('.po-badge')).find((e) => e.getAttribute('data-turn') === id);
    if (!b || b.style.visibility !== 'visible') return null;
    const r = b.getBoundingClientRect();
    return r.width > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
  }`,
    turnId,
  );
}

/** Click the centre of a box with the real mouse (a trusted event). */
export async function clickBox(page: Page, box: Box): Promise<void> {
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The open panel's text, or null when no panel is open. */
export async function panelText(page: Page): Promise<string | null> {
  return inBadgeLayer<string | null>(page, `function () { const p = this.querySelector('[role="dialog"]'); return p ? p.textContent : null; }`);
}

/** The box of a button in the open panel, by its text or aria-label. */
export async function panelButtonBox(page: Page, name: string): Promise<Box | null> {
  return inBadgeLayer<Box | null>(
    page,
    `function (name) {
    const b = Array.from(this.querySelectorAll('[role="dialog"] button')).find((e) => e.textContent === name || e.getAttribute('aria-label') === name);
    if (!b) return null;
    const r = b.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }`,
    name,
  );
}

/** All text of the layer (badges and panel), for "no markup / no note" checks. */
export async function layerText(page: Page): Promise<string> {
  return (await inBadgeLayer<string>(page, 'function () { return this.textContent; }')) ?? '';
}

/** Elements matching `selector` inside the layer, as short outerHTML strings. */
export async function layerMatches(page: Page, selector: string): Promise<string[]> {
  return (
    (await inBadgeLayer<string[]>(page, `function (sel) { return Array.from(this.querySelectorAll(sel)).map((e) => e.outerHTML.slice(0, 120)); }`, selector)) ??
    []
  );
}
