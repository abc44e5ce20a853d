/**
 * Where a badge goes, from its reply's bounding box. Badges live in a position:fixed overlay,
 * so nothing is inserted into the site's layout and nothing ever reflows. Pure.
 */
export interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

export interface Placement {
  top: number;
  left: number;
  visible: boolean;
}

export const BADGE_GAP = 6;

/**
 * Beside the reply's top-right corner when there is room in the margin, else just inside it.
 * Hidden while the reply is scrolled out of view or has no box (display:none, detached).
 */
export function placeBadge(box: Box, viewport: { width: number; height: number }, badgeWidth: number): Placement {
  if (box.width === 0 && box.height === 0) return { top: 0, left: 0, visible: false };
  const top = Math.max(BADGE_GAP, box.top + BADGE_GAP);
  const visible = box.bottom > 0 && box.top < viewport.height && top < box.bottom;
  const outside = box.right + BADGE_GAP;
  const left = outside + badgeWidth <= viewport.width - BADGE_GAP
    ? outside
    : Math.max(BADGE_GAP, Math.min(box.right, viewport.width) - badgeWidth - BADGE_GAP);
  return { top, left, visible };
}

/** The panel opens under the badge, flipped above when it would leave the viewport. */
export function placePanel(badge: Placement, viewport: { width: number; height: number }, size: { width: number; height: number }): { top: number; left: number } {
  const below = badge.top + 28;
  const top = below + size.height <= viewport.height - BADGE_GAP ? below : Math.max(BADGE_GAP, badge.top - size.height - BADGE_GAP);
  const left = Math.max(BADGE_GAP, Math.min(badge.left, viewport.width - size.width - BADGE_GAP));
  return { top, left };
}

export function conversationKeyOf(turnKey: string, turnId: string): string | null {
  const suffix = `:${turnId}`;
  return turnKey.endsWith(suffix) && turnKey.length > suffix.length ? turnKey.slice(0, -suffix.length) : null;
}
