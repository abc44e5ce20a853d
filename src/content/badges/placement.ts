/**
 * Where each badge is shown: the measured badge widths and the placements computed from the
 * replies' boxes. Reads layout, so the layer calls `measure` and `locate` only when layout is
 * clean (after a frame, in a frame callback after a scroll, in the resize observer); `placeOf`
 * only reads what they stored.
 */
import { placeBadge, samePlacement, type Placement } from './position.ts';

/** A badge not placed yet: rendered (so it can be measured) but invisible and inert. */
export const UNPLACED: Placement = { top: 0, left: 0, visible: false };

/** Where a badge is shown, valid only for the reply element and the look it was computed for. */
interface Spot {
  element: Element;
  look: string;
  place: Placement;
}

export interface BadgePlacement {
  /** The placement to render, or UNPLACED when the reply or the badge's look changed since. */
  placeOf(turnId: string, element: Element | undefined, look: string): Placement;
  /** Where the badge of `turnId` was last placed for this reply, whatever its look since (the open panel's anchor). */
  anchorOf(turnId: string, element: Element | undefined): Placement;
  /** Places every measured badge of `ids` (the rendered ones) from its reply's box, forgets the others; true when a placement changed. */
  locate(ids: readonly string[], elements: ReadonlyMap<string, Element>, lookOf: (id: string) => string, viewport: { width: number; height: number }): boolean;
  /** Reads the rendered badge widths (`.po-badge[data-turn]` in `root`). */
  measure(root: ParentNode, lookOf: (id: string) => string): void;
  /** Forget badges whose reply is gone. */
  keepOnly(elements: ReadonlyMap<string, Element>): void;
  /** Forget every placement (positions went stale while hidden). */
  clear(): void;
}

export function createBadgePlacement(): BadgePlacement {
  /** Rendered width of each badge and the look it was measured with (see badgeLook). */
  const widths = new Map<string, { look: string; width: number }>();
  const spots = new Map<string, Spot>();
  return {
    placeOf(turnId, element, look) {
      const spot = spots.get(turnId);
      return spot && spot.element === element && spot.look === look ? spot.place : UNPLACED;
    },
    anchorOf(turnId, element) {
      const spot = spots.get(turnId);
      return spot && spot.element === element ? spot.place : UNPLACED;
    },
    locate(ids, elements, lookOf, viewport) {
      let changed = false;
      // A badge no longer rendered (reply gone or far from the viewport) is placed afresh when it returns.
      const shown = new Set(ids);
      for (const id of spots.keys()) {
        if (!shown.has(id)) changed = spots.delete(id) || changed;
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
    },
    measure(root, lookOf) {
      for (const badge of root.querySelectorAll<HTMLElement>('.po-badge[data-turn]')) {
        const id = badge.dataset.turn!;
        const width = badge.getBoundingClientRect().width;
        if (width > 0) widths.set(id, { look: lookOf(id), width });
      }
    },
    keepOnly(elements) {
      for (const id of widths.keys()) if (!elements.has(id)) widths.delete(id);
    },
    clear() {
      spots.clear();
    },
  };
}
