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
 * Layout reads never happen in the task that renders new badges: that would force a synchronous
 * layout of the whole page (and of every new badge) inside our task. A new badge is rendered
 * invisible and inert, measured and placed after the browser's next frame (when layout is clean
 * and reading it costs nothing), and only then shown. So no badge is ever clickable at a guessed
 * position, and the site's layout is never forced by us.
 */
import { render } from 'preact';
import type { BadgeInfo, Message, ResponseFor } from '../../messaging/catalog.ts';
import { markOwnNode } from '../own-ui.ts';
import tokensCss from '../../common/tokens.css?inline';
import badgesCss from './badges.css?inline';
import { Badge, BadgePanel, badgeButtonId, badgeLook } from './Badge.tsx';
import { conversationKeyOf, placeBadge, placePanel, samePlacement, type Placement } from './position.ts';
import { afterNextFrame, nextFrame, nextTask, type Cancel } from './frames.ts';

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
/** A badge not placed yet: rendered (so it can be measured) but invisible and inert. */
const UNPLACED: Placement = { top: 0, left: 0, visible: false };
/**
 * New badges rendered per task. Creating a badge costs ~0.2-0.3 ms, so the first draw on a long
 * conversation (150 replies) is split into tasks well under 50 ms each.
 */
export const NEW_BADGES_PER_TASK = 40;

export interface BadgeLayerOptions {
  /** URL of the annotation frame for one reply (the extension page, with frameHash). */
  annotationFrameUrl(turnKey: string, conversationKey: string): string;
  /** Which events count as the user's own. Default: `isTrusted` (unit tests pass their own). */
  trusted?(event: Event): boolean;
}

export interface BadgeLayer {
  update(badges: Record<string, BadgeInfo>, elements: Map<string, Element>, pending?: ReadonlySet<string>): void;
  setHidden(hidden: boolean): void;
  destroy(): void;
  /** The (closed) shadow root: only our own code and unit tests hold it. */
  readonly root: ShadowRoot;
}

/** Where a badge is shown, valid only for the reply element and the look it was computed for. */
interface Spot {
  element: Element;
  look: string;
  place: Placement;
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
  let hidden = false;
  let openTurn: string | null = null;
  /** Rendered width of each badge and the look it was measured with (see badgeLook). */
  const widths = new Map<string, { look: string; width: number }>();
  /** Badges placed from a clean layout; any other badge is rendered UNPLACED. */
  const spots = new Map<string, Spot>();
  let panelSize = PANEL_SIZE_ESTIMATE;
  let observedPanel: Element | null = null;
  /** Badges rendered so far (see admit()). */
  const admitted = new Set<string>();
  let cancelAdmit: Cancel | null = null;
  let cancelFollow: Cancel | null = null;
  let cancelSettle: Cancel | null = null;
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

  function shownIds(): string[] {
    return [...new Set([...Object.keys(badges), ...pending])].filter((id) => elements.has(id));
  }

  const lookOf = (turnId: string) => badgeLook(badges[turnId] ?? null);

  /** The placement to render, or UNPLACED when the reply or the badge's look changed since. */
  function placeOf(turnId: string): Placement {
    const spot = spots.get(turnId);
    return spot && spot.element === elements.get(turnId) && spot.look === lookOf(turnId) ? spot.place : UNPLACED;
  }

  /**
   * Places every measured badge from its reply's box. Reads layout: call it only where layout is
   * clean (after a frame, in a frame callback after a scroll, in the resize observer).
   * True when a placement changed.
   */
  function locate(): boolean {
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    let changed = false;
    const ids = shownIds();
    for (const id of spots.keys()) {
      if (!elements.has(id)) changed = spots.delete(id) || changed;
    }
    for (const id of ids) {
      const element = elements.get(id)!;
      const look = lookOf(id);
      const measured = widths.get(id);
      const before = spots.get(id);
      if (!element.isConnected || !measured || measured.look !== look) {
        changed = spots.delete(id) || changed;
        continue;
      }
      const place = placeBadge(element.getBoundingClientRect(), viewport, measured.width);
      if (!before || before.element !== element || before.look !== look || !samePlacement(before.place, place)) changed = true;
      spots.set(id, { element, look, place });
    }
    return changed;
  }

  /** Reads the rendered badge widths (and the panel's size). Layout must be clean. */
  function measure(): void {
    for (const badge of root.querySelectorAll<HTMLElement>('.po-badge[data-turn]')) {
      const id = badge.dataset.turn!;
      const width = badge.getBoundingClientRect().width;
      if (width > 0) widths.set(id, { look: lookOf(id), width });
    }
    measurePanel();
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
    paint();
    // Only hand focus back to our own badge, and only when the user closed from inside the panel.
    if (refocus && turn) root.getElementById(badgeButtonId(turn))?.focus({ preventScroll: true });
  }

  function toggle(turnId: string, event: Event) {
    if (!trusted(event)) return;
    openTurn = openTurn === turnId ? null : turnId;
    paint();
    // A click is the user's own task and the panel is one element: measure it now, so the panel
    // is never shown at its guessed size.
    if (openTurn && measurePanel()) paint();
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
    const openInfo = openTurn ? badges[openTurn] : undefined;
    const openPlace = openTurn ? placeOf(openTurn) : UNPLACED;
    render(
      <>
        {ids.map((id) => (
          <Badge key={id} turnId={id} info={badges[id] ?? null} place={placeOf(id)} open={id === openTurn} onToggle={toggle} />
        ))}
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
  }

  /** Lets up to NEW_BADGES_PER_TASK more badges render; true when others are still waiting. */
  function admit(): boolean {
    let room = NEW_BADGES_PER_TASK;
    for (const id of shownIds()) {
      if (admitted.has(id)) continue;
      if (room === 0) return true;
      admitted.add(id);
      room--;
    }
    return false;
  }

  /**
   * Renders without reading layout: new or changed badges stay unplaced until settle(). A large
   * batch of new badges continues in the following tasks.
   */
  function renderNew() {
    if (hidden) {
      paint();
      return;
    }
    const more = admit();
    paint();
    settle();
    if (more && !cancelAdmit) {
      cancelAdmit = nextTask(win, () => {
        cancelAdmit = null;
        renderNew();
      });
    }
  }

  /** After the next frame: measure new badges, place them all, show them. */
  function settle() {
    if (cancelSettle || hidden) return;
    cancelSettle = afterNextFrame(win, () => {
      cancelSettle = null;
      if (hidden) return;
      measure();
      locate();
      paint();
    });
  }

  /** Next frame: badges follow their replies after a scroll or a viewport resize. */
  function follow() {
    if (cancelFollow || hidden) return;
    cancelFollow = nextFrame(win, () => {
      cancelFollow = null;
      if (!hidden && locate()) paint();
    });
  }

  /** Observes the replies that are new since the last update, forgets those gone. */
  function watchReplies() {
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

  const onViewportChange = () => follow();
  win.addEventListener('scroll', onViewportChange, { capture: true, passive: true });
  win.addEventListener('resize', onViewportChange, { passive: true });

  function setHidden(next: boolean) {
    if (next === hidden) return;
    hidden = next;
    if (hidden) openTurn = null;
    // Nothing is rendered while hidden and positions go stale: showing again is a first draw.
    spots.clear();
    admitted.clear();
    renderNew();
  }

  return {
    root,
    update(nextBadges, nextElements, nextPending = new Set()) {
      badges = nextBadges;
      elements = nextElements;
      pending = nextPending;
      if (openTurn && !badges[openTurn]) openTurn = null;
      for (const id of widths.keys()) if (!elements.has(id)) widths.delete(id);
      for (const id of admitted) if (!elements.has(id)) admitted.delete(id);
      watchReplies();
      renderNew();
    },
    setHidden,
    destroy() {
      win.removeEventListener('scroll', onViewportChange, { capture: true });
      win.removeEventListener('resize', onViewportChange);
      cancelAdmit?.();
      cancelFollow?.();
      cancelSettle?.();
      resizeObserver?.disconnect();
      render(null, mount);
      host.remove();
    },
  };
}
