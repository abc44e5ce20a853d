/**
 * The badge layer: one Shadow DOM host per page holding every badge in a position:fixed overlay.
 * Badges follow their replies on scroll/resize (one rAF per frame), never reflow the site, never
 * take focus on their own, and keep keyboard events typed into them away from the site's
 * shortcut handlers.
 */
import { render } from 'preact';
import type { Annotation } from '../../core/types.ts';
import type { BadgeInfo, Message, ResponseFor } from '../../messages.ts';
import { LABEL_VOCABULARY } from '../../core/detect/vocabulary.ts';
import tokensCss from '../../ui/components/tokens.css?inline';
import badgesCss from './badges.css?inline';
import { Badge, BadgePanel, badgeButtonId } from './Badge.tsx';
import { conversationKeyOf, placeBadge, placePanel, type Placement } from './position.ts';

export type Send = <M extends Message>(message: M) => Promise<ResponseFor<M>>;

/** Marks our nodes so the capture observer ignores their mutations. */
export const UI_ATTRIBUTE = 'data-persona-observatory-ui';
export const HOST_ID = 'persona-observatory-badges';
/** First-paint guesses; replaced by the rendered sizes (see measure()). */
const BADGE_WIDTH_ESTIMATE = 150;
const PANEL_SIZE_ESTIMATE = { width: 340, height: 420 };

export interface BadgeLayer {
  update(badges: Record<string, BadgeInfo>, elements: Map<string, Element>, pending?: ReadonlySet<string>): void;
  setHidden(hidden: boolean): void;
  destroy(): void;
  /** The shadow root (tests and e2e read badges from here). */
  readonly root: ShadowRoot;
}

export function createBadgeLayer(doc: Document, send: Send): BadgeLayer {
  const win = doc.defaultView ?? window;
  const host = doc.createElement('div');
  host.id = HOST_ID;
  host.setAttribute(UI_ATTRIBUTE, '');
  // Zero-size fixed host: occupies no space in the site's layout whatever its CSS says.
  host.style.cssText = 'all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:2147483646;';
  const root = host.attachShadow({ mode: 'open' });
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
    if ((e as KeyboardEvent).key === 'Escape' && openTurn && !e.defaultPrevented) close(true);
  });

  let badges: Record<string, BadgeInfo> = {};
  let elements = new Map<string, Element>();
  let pending: ReadonlySet<string> = new Set();
  let hidden = false;
  let openTurn: string | null = null;
  let frame = 0;
  /** Rendered sizes, so placement keeps badges and the panel inside the viewport exactly. */
  const badgeWidths = new Map<string, number>();
  let panelSize = PANEL_SIZE_ESTIMATE;
  /** Annotations saved from the page, newer than what the last capture answer carried. */
  const saved = new Map<string, Annotation | null>();
  const resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => schedule());

  function annotationFor(info: BadgeInfo): Annotation | null {
    if (!saved.has(info.turnKey)) return info.annotation;
    const mine = saved.get(info.turnKey) ?? null;
    if (info.annotation && mine && info.annotation.updatedAt > mine.updatedAt) return info.annotation;
    return mine;
  }

  function place(turnId: string): Placement {
    const el = elements.get(turnId);
    if (!el || !el.isConnected) return { top: 0, left: 0, visible: false };
    return placeBadge(el.getBoundingClientRect(), { width: win.innerWidth, height: win.innerHeight }, badgeWidths.get(turnId) ?? BADGE_WIDTH_ESTIMATE);
  }

  function close(refocus: boolean) {
    const turn = openTurn;
    openTurn = null;
    draw();
    // Only hand focus back to our own badge, and only when the user closed from inside the panel.
    if (refocus && turn) root.getElementById(badgeButtonId(turn))?.focus({ preventScroll: true });
  }

  async function save(info: BadgeInfo, turnId: string, draft: { kind: Annotation['kind']; label: string | null; note: string | null }): Promise<Annotation> {
    const conversationKey = conversationKeyOf(info.turnKey, turnId);
    if (!conversationKey) throw new Error('cannot tell which conversation this reply belongs to');
    const r = await send({ type: 'annotation/save', turnKey: info.turnKey, conversationKey, ...draft });
    if (!r.ok) throw new Error(r.error);
    saved.set(info.turnKey, r.annotation);
    return r.annotation;
  }

  async function remove(info: BadgeInfo, id: string): Promise<void> {
    const r = await send({ type: 'annotation/delete', id });
    if (!r.ok) throw new Error(r.error);
    saved.set(info.turnKey, null);
  }

  function hideAll() {
    setHidden(true);
    void send({ type: 'settings/set', patch: { badgesHidden: true } }).catch(() => undefined);
  }

  function draw() {
    frame = 0;
    paint();
    // At most one corrective paint: sizes do not depend on position (badges are max-content).
    if (!hidden && measure()) paint();
  }

  function paint() {
    if (hidden) {
      render(null, mount);
      return;
    }
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    const ids = [...new Set([...Object.keys(badges), ...pending])].filter((id) => elements.has(id));
    const places = new Map(ids.map((id) => [id, place(id)]));
    const openInfo = openTurn ? badges[openTurn] : undefined;
    const openPlace = openTurn ? places.get(openTurn) : undefined;
    render(
      <>
        {ids.map((id) => (
          <Badge key={id} turnId={id} info={badges[id] ?? null} place={places.get(id)!} open={id === openTurn}
            onToggle={(t) => { openTurn = openTurn === t ? null : t; draw(); }} />
        ))}
        {openTurn && openInfo && openPlace && (
          <BadgePanel key={openTurn} turnId={openTurn} info={openInfo} annotation={annotationFor(openInfo)}
            position={placePanel(openPlace, viewport, panelSize)} visible={openPlace.visible} vocabulary={LABEL_VOCABULARY}
            save={(d) => save(openInfo, openTurn!, d)} remove={(id) => remove(openInfo, id)}
            onClose={() => close(true)} onHideAll={hideAll} />
        )}
      </>,
      mount,
    );
  }

  /**
   * Reads the rendered widths of the badges and the size of the open panel; true when one
   * differs from what placement assumed (then one more paint places them with the real sizes).
   */
  function measure(): boolean {
    let changed = false;
    for (const button of root.querySelectorAll<HTMLElement>('.po-badge[id]')) {
      const turnId = button.dataset.turn;
      const width = button.getBoundingClientRect().width;
      if (!turnId || width <= 0) continue;
      if (Math.abs((badgeWidths.get(turnId) ?? BADGE_WIDTH_ESTIMATE) - width) > 1) changed = true;
      badgeWidths.set(turnId, width);
    }
    const panel = root.querySelector<HTMLElement>('.po-panel');
    // The panel grows when its status line or evidence changes: re-place it when it does.
    if (panel) resizeObserver?.observe(panel);
    const box = panel?.getBoundingClientRect();
    if (box && box.width > 0 && (Math.abs(box.width - panelSize.width) > 1 || Math.abs(box.height - panelSize.height) > 1)) {
      panelSize = { width: box.width, height: box.height };
      changed = true;
    }
    return changed;
  }

  function schedule() {
    if (frame || hidden) return;
    frame = win.requestAnimationFrame ? win.requestAnimationFrame(draw) : (setTimeout(draw, 16) as unknown as number);
  }

  const onViewportChange = () => schedule();
  win.addEventListener('scroll', onViewportChange, { capture: true, passive: true });
  win.addEventListener('resize', onViewportChange, { passive: true });

  function setHidden(next: boolean) {
    hidden = next;
    if (hidden) openTurn = null;
    draw();
  }

  return {
    root,
    update(nextBadges, nextElements, nextPending = new Set()) {
      badges = nextBadges;
      elements = nextElements;
      pending = nextPending;
      if (openTurn && !badges[openTurn]) openTurn = null;
      if (resizeObserver) {
        resizeObserver.disconnect();
        for (const el of elements.values()) resizeObserver.observe(el);
      }
      draw();
    },
    setHidden,
    destroy() {
      win.removeEventListener('scroll', onViewportChange, { capture: true });
      win.removeEventListener('resize', onViewportChange);
      resizeObserver?.disconnect();
      render(null, mount);
      host.remove();
    },
  };
}
