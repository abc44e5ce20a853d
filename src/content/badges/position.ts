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
  const left = outside + badgeWidth <= viewport.width - BADGE_GAP ? outside : Math.max(BADGE_GAP, Math.min(box.right, viewport.width) - badgeWidth - BADGE_GAP);
  return { top, left, visible };
}

export function samePlacement(a: Placement, b: Placement): boolean {
  return a.top === b.top && a.left === b.left && a.visible === b.visible;
}

/** Height of a badge, used to open the panel just under it. */
export const BADGE_HEIGHT = 24;

/**
 * The panel opens under the badge, flipped above when it would leave the viewport's bottom, and
 * clamped so it never leaves the viewport on any side: its left edge follows the badge, but when
 * that would push it past the right edge it slides left (right-aligned to the viewport margin).
 * `size` should be the panel's measured size; a viewport smaller than the panel pins it to the
 * top-left margin (the panel scrolls internally).
 */
export function placePanel(
  badge: Placement,
  viewport: { width: number; height: number },
  size: { width: number; height: number },
): { top: number; left: number } {
  const below = badge.top + BADGE_HEIGHT + BADGE_GAP;
  const above = badge.top - size.height - BADGE_GAP;
  const fitsBelow = below + size.height <= viewport.height - BADGE_GAP;
  const top = fitsBelow ? below : above >= BADGE_GAP ? above : viewport.height - size.height - BADGE_GAP;
  const left = Math.min(badge.left, viewport.width - size.width - BADGE_GAP);
  return { top: Math.max(BADGE_GAP, top), left: Math.max(BADGE_GAP, left) };
}

export function conversationKeyOf(turnKey: string, turnId: string): string | null {
  const suffix = `:${turnId}`;
  return turnKey.endsWith(suffix) && turnKey.length > suffix.length ? turnKey.slice(0, -suffix.length) : null;
}
