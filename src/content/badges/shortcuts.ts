/**
 * Keyboard: Alt+Shift+B focuses the badge of the reply that holds focus (else the first badge
 * in view); Alt+Shift+N / Alt+Shift+P go to the next / previous reply with a shift. Never while
 * typing in the site's fields, and only for the user's own key presses.
 */
import type { BadgeInfo } from '../../messaging/responses.ts';
import type { LayerHost } from './host.ts';

/** Alt+Shift+<key> (by physical key, so keyboard layouts don't matter). */
const SHORTCUTS: Record<string, 'badge' | 'next' | 'previous'> = { KeyB: 'badge', KeyN: 'next', KeyP: 'previous' };

/** The user is typing in a field of the site (the shortcuts leave those keys alone). */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.isContentEditable || el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

/** What the shortcuts read from the layer, and how they move to a badge. */
export interface ShortcutTargets {
  /** Which events count as the user's own. */
  trusted(event: Event): boolean;
  hidden(): boolean;
  badges(): Record<string, BadgeInfo>;
  /** The replies' elements by turn id, in page order. */
  elements(): ReadonlyMap<string, Element>;
  /** The turn ids whose badges are shown, in page order. */
  shownIds(): string[];
  /** Whether the turn's badge is placed in view. */
  visible(turnId: string): boolean;
  /** Brings the reply into view if needed and focuses its badge once it is placed there. */
  goTo(turnId: string): void;
}

/** Listens on the window (capture phase); returns the function that stops listening. */
export function listenForShortcuts(win: Window, doc: Document, { host, root }: LayerHost, targets: ShortcutTargets): () => void {
  const onShortcut = (e: KeyboardEvent) => {
    if (!targets.trusted(e) || targets.hidden() || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
    const action = SHORTCUTS[e.code];
    // The innermost target: a composer inside a web component of the site is still a field.
    if (!action || (e.target !== host && isTyping(e.composedPath()[0] ?? e.target))) return;
    const target = action === 'badge' ? badgeForFocus() : nextShift(action === 'next' ? 1 : -1);
    if (!target) return;
    e.preventDefault();
    e.stopPropagation();
    targets.goTo(target);
  };
  win.addEventListener('keydown', onShortcut, { capture: true });

  /** The reply id holding focus (inside the site's reply, or our badge), else null. */
  function focusedTurn(): string | null {
    const inside = root.activeElement?.closest?.('[data-turn]')?.getAttribute('data-turn');
    if (inside) return inside;
    const active = doc.activeElement;
    if (!active || active === host) return null;
    for (const [id, el] of targets.elements()) if (el.contains(active)) return id;
    return null;
  }

  function badgeForFocus(): string | null {
    const badges = targets.badges();
    const focused = focusedTurn();
    if (focused && badges[focused]) return focused;
    return targets.shownIds().find((id) => badges[id] && targets.visible(id)) ?? null;
  }

  /** The next (+1) or previous (-1) reply with a shift, from the focused reply or the first in view. */
  function nextShift(step: 1 | -1): string | null {
    const badges = targets.badges();
    const order = [...targets.elements().keys()];
    const from = focusedTurn() ?? targets.shownIds().find((id) => targets.visible(id)) ?? null;
    let i = from === null ? (step === 1 ? -1 : order.length) : order.indexOf(from);
    for (i += step; i >= 0 && i < order.length; i += step) if (badges[order[i]]?.shift) return order[i];
    return null;
  }

  return () => win.removeEventListener('keydown', onShortcut, { capture: true });
}
