/**
 * The badge layer: one Shadow DOM host per page (host.ts) holding every badge in a
 * position:fixed overlay. Badges follow their replies on scroll/resize (one rAF per frame), never
 * reflow the site, never take focus on their own, and keep keyboard events typed into them away
 * from the site's shortcut handlers.
 *
 * The page is not trusted: the shadow root is closed, the host carries no id or marker attribute
 * and its placement styles are `!important`, events the page synthesises (`!isTrusted`) are
 * ignored, and the user's notes and labels never enter this layer. They are edited in an
 * extension-origin frame (src/ui/annotate) that the panel embeds (its signals: frame-signals.ts).
 *
 * Only the badges of replies near the viewport are rendered (nearby.ts). When to draw is
 * schedule.ts (no layout read in the task that renders new badges: a new badge is rendered
 * invisible and inert, measured and placed after the browser's next frame, and only then shown),
 * how many new ones per task admission.ts, where placement.ts. So no badge is ever clickable at a
 * guessed position, and the site's layout is never forced by us. Keyboard: shortcuts.ts.
 */
import { render } from 'preact';
import type { AnnotationKind } from '../../core/model/types.ts';
import type { Message } from '../../messaging/requests.ts';
import type { BadgeInfo, ResponseFor } from '../../messaging/responses.ts';
import { createAdmission } from './admission.ts';
import { Badge, BadgePanel, GapMarker, badgeButtonId, badgeLook } from './Badge.tsx';
import { listenToAnnotationFrame } from './frame-signals.ts';
import { createLayerHost } from './host.ts';
import { watchNearViewport, type NearbyFactory } from './nearby.ts';
import { createBadgePlacement, UNPLACED } from './placement.ts';
import { conversationKeyOf, placePanel } from './position.ts';
import { createResizeWatch } from './resize-watch.ts';
import { createDrawSchedule } from './schedule.ts';
import { listenForShortcuts } from './shortcuts.ts';

export type Send = <M extends Message>(message: M) => Promise<ResponseFor<M>>;

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
  const layerHost = createLayerHost(doc);
  const { host, root, mount } = layerHost;

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
  const admitted = createAdmission();
  const sizes = createResizeWatch(() => {
    if (hidden) return;
    const panelChanged = measurePanel();
    if (locate() || panelChanged) paint();
  });
  const nearby = (options.nearby ?? watchNearViewport)(win, () => schedule.draw());
  const schedule = createDrawSchedule(win, {
    active: () => !hidden,
    admit: () => admitted.admit(shownIds()),
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

  function measurePanel(): boolean {
    return sizes.measurePanel(root.querySelector<HTMLElement>('.po-panel'));
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
            position={placePanel(openPlace, viewport, sizes.panelSize())}
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

  const onViewportChange = () => schedule.follow();
  win.addEventListener('scroll', onViewportChange, { capture: true, passive: true });
  win.addEventListener('resize', onViewportChange, { passive: true });

  const stopFrameSignals = listenToAnnotationFrame(win, root, {
    openTurn: () => openTurn,
    escape: () => close(true),
    judged(turnId, kind) {
      judged.set(turnId, kind);
      schedule.draw();
    },
  });

  const stopShortcuts = listenForShortcuts(win, doc, layerHost, {
    trusted,
    hidden: () => hidden,
    badges: () => badges,
    elements: () => elements,
    shownIds,
    visible: (turnId) => placeOf(turnId).visible,
    goTo(turnId) {
      focusWhenPlaced = turnId;
      if (!placeOf(turnId).visible) elements.get(turnId)?.scrollIntoView({ block: 'center' });
      schedule.draw();
    },
  });

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
      admitted.keepOnly(elements);
      // Replies are watched for coming near the viewport and for size changes.
      nearby.watch(elements.values());
      sizes.watchReplies(elements.values());
      schedule.draw();
    },
    setHidden,
    destroy() {
      win.removeEventListener('scroll', onViewportChange, { capture: true });
      win.removeEventListener('resize', onViewportChange);
      stopFrameSignals();
      stopShortcuts();
      schedule.cancel();
      nearby.disconnect();
      sizes.disconnect();
      render(null, mount);
      host.remove();
    },
  };
}
