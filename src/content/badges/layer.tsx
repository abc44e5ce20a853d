/**
 * The badge layer: one Shadow DOM host per page holding every badge in a position:fixed overlay.
 * Badges follow their replies on scroll/resize (one rAF per frame), never reflow the site, never
 * take focus on their own, and keep keyboard events typed into them away from the site's
 * shortcut handlers.
 *
 * The page is not trusted: the shadow root is closed, the host carries no id or marker attribute
 * and its placement styles are `!important`, events the page synthesises (`!isTrusted`) are
 * ignored, and the user's notes and labels never enter this layer. They are edited in an
 * extension-origin frame (src/ui/annotate) that the panel embeds.
 *
 * Only the badges of replies near the viewport are rendered (nearby.ts). When to draw is
 * schedule.ts (no layout read in the task that renders new badges: a new badge is rendered
 * invisible and inert, measured and placed after the browser's next frame, and only then shown),
 * where is placement.ts. So no badge is ever clickable at a guessed position, and the site's
 * layout is never forced by us.
 */
import { render } from 'preact';
import type { AnnotationKind } from '../../core/model/types.ts';
import type { Message } from '../../messaging/requests.ts';
import type { BadgeInfo, ResponseFor } from '../../messaging/responses.ts';
import { parseFrameSignal } from '../../common/annotate-frame-url.ts';
import { markOwnNode } from '../own-ui.ts';
import tokensCss from '../../common/tokens.css?inline';
import badgesCss from './badges.css?inline';
import { Badge, BadgePanel, GapMarker, badgeButtonId, badgeLook } from './Badge.tsx';
import { conversationKeyOf, placePanel } from './position.ts';
import { createBadgePlacement, UNPLACED } from './placement.ts';
import { createDrawSchedule } from './schedule.ts';
import { watchNearViewport, type NearbyFactory } from './nearby.ts';

export type Send = <M extends Message>(message: M) => Promise<ResponseFor<M>>;

/** Placement of the zero-size fixed host: `!important`, so page CSS can't move, hide or resize it. */
const HOST_STYLE = [
  'all:initial',
  'position:fixed',
  'top:0',
  'left:0',
  'width:0',
  'height:0',
  'z-index:2147483647',
  'display:block',
  'visibility:visible',
  'opacity:1',
  'transform:none',
  'clip-path:none',
  'filter:none',
  'pointer-events:auto',
]
  .map((d) => `${d} !important`)
  .join(';');
/** First guess of the panel's size; replaced by its rendered size (see measurePanel()). */
const PANEL_SIZE_ESTIMATE = { width: 340, height: 420 };
/**
 * New badges rendered per task. Creating a badge costs ~0.2-0.3 ms, so the first draw on a long
 * conversation (150 replies) is split into tasks well under 50 ms each.
 */
export const NEW_BADGES_PER_TASK = 40;

/** Alt+Shift+<key> (by physical key, so keyboard layouts don't matter). */
const SHORTCUTS: Record<string, 'badge' | 'next' | 'previous'> = { KeyB: 'badge', KeyN: 'next', KeyP: 'previous' };

/** The user is typing in a field of the site (the shortcuts leave those keys alone). */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.isContentEditable || el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

export interface BadgeLayerOptions {
  /** URL of the annotation frame for one reply (the extension page, with frameHash). */
  annotationFrameUrl(turnKey: string, conversationKey: string): string;
  /** Which events count as the user's own. Default: `isTrusted` (unit tests pass their own). */
  trusted?(event: Event): boolean;
  /** Which replies are near the viewport. Default: an IntersectionObserver (unit tests pass their own). */
  nearby?: NearbyFactory;
}

export interface BadgeLayer {
  /** `gaps`: replies whose body could not be read, by turn id, with the reason; shown instead of a badge. */
  update(badges: Record<string, BadgeInfo>, elements: Map<string, Element>, pending?: ReadonlySet<string>, gaps?: ReadonlyMap<string, string>): void;
  setHidden(hidden: boolean): void;
  destroy(): void;
  /** The (closed) shadow root: only our own code and unit tests hold it. */
  readonly root: ShadowRoot;
}

export function createBadgeLayer(doc: Document, send: Send, options: BadgeLayerOptions): BadgeLayer {
  const win = doc.defaultView ?? window;
  const trusted = options.trusted ?? ((e: Event) => e.isTrusted);
  const host = doc.createElement('div');
  markOwnNode(host);
  // Zero-size fixed host: occupies no space in the site's layout whatever its CSS says.
  host.style.cssText = HOST_STYLE;
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `${tokensCss}\n${badgesCss}`;
  const mount = doc.createElement('div');
  mount.className = 'po-layer';
  root.append(style, mount);
  (doc.documentElement ?? doc.body).append(host);

  // Typing in our panel must not trigger the site's shortcuts (they listen on document/window).
  for (const type of ['keydown', 'keyup', 'keypress'] as const) root.addEventListener(type, (e) => e.stopPropagation());
  // Escape also closes the panel while focus is still on its badge (the panel handles its own).
  root.addEventListener('keydown', (e) => {
    if (trusted(e) && (e as KeyboardEvent).key === 'Escape' && openTurn && !e.defaultPrevented) close(true);
  });

  let badges: Record<string, BadgeInfo> = {};
  let elements = new Map<string, Element>();
  let pending: ReadonlySet<string> = new Set();
  let gaps: ReadonlyMap<string, string> = new Map();
  let hidden = false;
  let openTurn: string | null = null;
  /** Judgements the annotation frame reported since the worker's badges last said (turn id → kind). */
  const judged = new Map<string, AnnotationKind | null>();
  /** A badge to focus as soon as it is placed and visible (keyboard navigation to a far reply). */
  let focusWhenPlaced: string | null = null;
  const placement = createBadgePlacement();
  let panelSize = PANEL_SIZE_ESTIMATE;
  let observedPanel: Element | null = null;
  /** Badges rendered so far (see admit()). */
  const admitted = new Set<string>();
  /** Replies watched for size changes (a reply that grows moves the badges below it). */
  const observed = new Set<Element>();
  // Watches the replies and the open panel. Its callback runs right after the browser's layout,
  // so badges are re-placed in the same frame, from a clean layout.
  const resizeObserver =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          if (hidden) return;
          const panelChanged = measurePanel();
          if (locate() || panelChanged) paint();
        });
  const nearby = (options.nearby ?? watchNearViewport)(win, () => schedule.draw());
  const schedule = createDrawSchedule(win, {
    active: () => !hidden,
    admit,
    paint,
    measureAndPlace() {
      placement.measure(root, lookOf);
      measurePanel();
      locate();
    },
    relocate: locate,
  });

  /** Badges with a reply on the page, near the viewport (the open one always: its panel anchors to it). */
  function shownIds(): string[] {
    return [...new Set([...Object.keys(badges), ...pending, ...gaps.keys()])].filter((id) => {
      const el = elements.get(id);
      return el !== undefined && (id === openTurn || id === focusWhenPlaced || nearby.isNear(el));
    });
  }

  /** A badge's data, with the judgement the panel's frame just reported (until the worker's badges agree). */
  function infoOf(turnId: string): BadgeInfo | null {
    const info = badges[turnId];
    if (!info) return null;
    return judged.has(turnId) ? { ...info, annotated: judged.get(turnId) ?? null } : info;
  }

  const lookOf = (turnId: string) => (gaps.has(turnId) ? `gap\u0000${gaps.get(turnId)}` : badgeLook(infoOf(turnId)));
  const placeOf = (turnId: string) => placement.placeOf(turnId, elements.get(turnId), lookOf(turnId));

  /** Places the rendered badges from their replies' boxes. Layout must be clean. */
  function locate(): boolean {
    return placement.locate(
      shownIds().filter((id) => admitted.has(id)),
      elements,
      lookOf,
      { width: win.innerWidth, height: win.innerHeight },
    );
  }

  /** Reads the open panel's size; true when it differs from what placement assumed. */
  function measurePanel(): boolean {
    const panel = root.querySelector<HTMLElement>('.po-panel');
    // The panel grows when its status line or evidence changes: re-place it when it does.
    if (panel && panel !== observedPanel) {
      if (observedPanel) resizeObserver?.unobserve(observedPanel);
      resizeObserver?.observe(panel);
      observedPanel = panel;
    }
    const box = panel?.getBoundingClientRect();
    if (!box || box.width <= 0 || (Math.abs(box.width - panelSize.width) <= 1 && Math.abs(box.height - panelSize.height) <= 1)) return false;
    panelSize = { width: box.width, height: box.height };
    return true;
  }

  function close(refocus: boolean) {
    const turn = openTurn;
    openTurn = null;
    // Only hand focus back to our own badge, and only when the user closed from inside the panel.
    // Focus moves before the panel goes: focus never sits in a frame while it is removed.
    if (refocus && turn) root.getElementById(badgeButtonId(turn))?.focus({ preventScroll: true });
    paint();
  }

  function toggle(turnId: string, event: Event) {
    if (!trusted(event)) return;
    openTurn = openTurn === turnId ? null : turnId;
    paint();
    // A click is the user's own task and the panel is one element: measure it now, so the panel
    // is never shown at its guessed size.
    if (openTurn && measurePanel()) paint();
    // Like any dialog, the panel takes focus when it opens (Escape hands it back to the badge).
    if (openTurn) root.querySelector<HTMLElement>('.po-panel')?.focus({ preventScroll: true });
  }

  function hideAll(event: Event) {
    if (!trusted(event)) return;
    setHidden(true);
    void send({ type: 'badges/hide' }).catch(() => undefined);
  }

  function frameUrlOf(info: BadgeInfo, turnId: string): string | null {
    const conversationKey = conversationKeyOf(info.turnKey, turnId);
    return conversationKey ? options.annotationFrameUrl(info.turnKey, conversationKey) : null;
  }

  /** Writes only: renders the badges where locate() last put them. Never reads layout. */
  function paint() {
    if (hidden) {
      render(null, mount);
      return;
    }
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    const ids = shownIds().filter((id) => admitted.has(id));
    const openInfo = openTurn ? (infoOf(openTurn) ?? undefined) : undefined;
    // The panel stays where its badge was while the badge is re-measured (e.g. its judgement changed).
    const openPlace = openTurn ? placement.anchorOf(openTurn, elements.get(openTurn)) : UNPLACED;
    render(
      <>
        {ids.map((id) => {
          const gap = gaps.get(id);
          return gap !== undefined ? (
            <GapMarker key={id} turnId={id} reason={gap} place={placeOf(id)} />
          ) : (
            <Badge key={id} turnId={id} info={infoOf(id)} place={placeOf(id)} open={id === openTurn} onToggle={toggle} />
          );
        })}
        {openTurn && openInfo && (
          <BadgePanel
            key={openTurn}
            turnId={openTurn}
            info={openInfo}
            frameUrl={frameUrlOf(openInfo, openTurn)}
            position={placePanel(openPlace, viewport, panelSize)}
            visible={openPlace.visible}
            onClose={(e) => {
              if (trusted(e)) close(true);
            }}
            onHideAll={hideAll}
          />
        )}
      </>,
      mount,
    );
    if (focusWhenPlaced && placeOf(focusWhenPlaced).visible) {
      root.getElementById(badgeButtonId(focusWhenPlaced))?.focus({ preventScroll: true });
      focusWhenPlaced = null;
    }
  }

  /** Lets up to NEW_BADGES_PER_TASK more badges render; true when others are still waiting. */
  function admit(): boolean {
    let room = NEW_BADGES_PER_TASK;
    const ids = shownIds();
    // A badge whose reply went far away is admitted (and placed) afresh when it comes back.
    const shown = new Set(ids);
    for (const id of admitted) if (!shown.has(id)) admitted.delete(id);
    for (const id of ids) {
      if (admitted.has(id)) continue;
      if (room === 0) return true;
      admitted.add(id);
      room--;
    }
    return false;
  }

  /** Observes the replies that are new since the last update, forgets those gone. */
  function watchReplies() {
    nearby.watch(elements.values());
    if (!resizeObserver) return;
    const now = new Set(elements.values());
    for (const el of observed) {
      if (!now.has(el)) {
        resizeObserver.unobserve(el);
        observed.delete(el);
      }
    }
    for (const el of now) {
      if (!observed.has(el)) {
        resizeObserver.observe(el);
        observed.add(el);
      }
    }
  }

  const onViewportChange = () => schedule.follow();
  win.addEventListener('scroll', onViewportChange, { capture: true, passive: true });
  win.addEventListener('resize', onViewportChange, { passive: true });

  /** Signals of the open panel's annotation frame; only its own window can be the source. */
  const onFrameMessage = (e: MessageEvent) => {
    const frame = root.querySelector<HTMLIFrameElement>('iframe.po-annot-frame');
    if (!openTurn || !frame || e.source === null || e.source !== frame.contentWindow) return;
    const signal = parseFrameSignal(e.data);
    if (!signal) return;
    if (signal.event === 'escape') {
      close(true);
      return;
    }
    judged.set(openTurn, signal.kind);
    schedule.draw();
  };
  win.addEventListener('message', onFrameMessage);

  /**
   * Keyboard: Alt+Shift+B focuses the badge of the reply that holds focus (else the first badge
   * in view); Alt+Shift+N / Alt+Shift+P go to the next / previous reply with a shift. Never while
   * typing in the site's fields, and only for the user's own key presses.
   */
  const onShortcut = (e: KeyboardEvent) => {
    if (!trusted(e) || hidden || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
    const action = SHORTCUTS[e.code];
    // The innermost target: a composer inside a web component of the site is still a field.
    if (!action || (e.target !== host && isTyping(e.composedPath()[0] ?? e.target))) return;
    const target = action === 'badge' ? badgeForFocus() : nextShift(action === 'next' ? 1 : -1);
    if (!target) return;
    e.preventDefault();
    e.stopPropagation();
    goTo(target);
  };
  win.addEventListener('keydown', onShortcut, { capture: true });

  /** The reply id holding focus (inside the site's reply, or our badge), else null. */
  function focusedTurn(): string | null {
    const inside = root.activeElement?.closest?.('[data-turn]')?.getAttribute('data-turn');
    if (inside) return inside;
    const active = doc.activeElement;
    if (!active || active === host) return null;
    for (const [id, el] of elements) if (el.contains(active)) return id;
    return null;
  }

  function badgeForFocus(): string | null {
    const focused = focusedTurn();
    if (focused && badges[focused]) return focused;
    return shownIds().find((id) => badges[id] && placeOf(id).visible) ?? null;
  }

  /** The next (+1) or previous (-1) reply with a shift, from the focused reply or the first in view. */
  function nextShift(step: 1 | -1): string | null {
    const order = [...elements.keys()];
    const from = focusedTurn() ?? shownIds().find((id) => placeOf(id).visible) ?? null;
    let i = from === null ? (step === 1 ? -1 : order.length) : order.indexOf(from);
    for (i += step; i >= 0 && i < order.length; i += step) if (badges[order[i]]?.shift) return order[i];
    return null;
  }

  /** Brings the reply into view if needed and focuses its badge once it is placed there. */
  function goTo(turnId: string): void {
    focusWhenPlaced = turnId;
    if (!placeOf(turnId).visible) elements.get(turnId)?.scrollIntoView({ block: 'center' });
    schedule.draw();
  }

  function setHidden(next: boolean) {
    if (next === hidden) return;
    hidden = next;
    if (hidden) openTurn = null;
    // Nothing is rendered while hidden and positions go stale: showing again is a first draw.
    placement.clear();
    admitted.clear();
    schedule.draw();
  }

  return {
    root,
    update(nextBadges, nextElements, nextPending = new Set(), nextGaps = new Map()) {
      badges = nextBadges;
      gaps = nextGaps;
      for (const [id, kind] of judged) if ((badges[id]?.annotated ?? null) === kind) judged.delete(id);
      elements = nextElements;
      pending = nextPending;
      if (openTurn && (!badges[openTurn] || gaps.has(openTurn))) openTurn = null;
      placement.keepOnly(elements);
      for (const id of admitted) if (!elements.has(id)) admitted.delete(id);
      watchReplies();
      schedule.draw();
    },
    setHidden,
    destroy() {
      win.removeEventListener('scroll', onViewportChange, { capture: true });
      win.removeEventListener('resize', onViewportChange);
      win.removeEventListener('message', onFrameMessage);
      win.removeEventListener('keydown', onShortcut, { capture: true });
      schedule.cancel();
      nearby.disconnect();
      resizeObserver?.disconnect();
      render(null, mount);
      host.remove();
    },
  };
}
