/**
 * In-page badges (entry used by src/content/index.ts). One lazily created BadgeLayer per page;
 * see layer.tsx. Contract with the capture controller: called after every successful
 * capture/page answer with the worker's badges keyed by turn id and the element of each turn
 * in the DOM; `pending` (optional) lists turn ids still streaming, shown as "analysing…"; `gaps`
 * (optional) the replies whose body could not be read, with the reason (shown as "reply not captured").
 * May import: src/common, src/messaging types (requests.ts, responses.ts), messaging client.
 */
import browser from 'webextension-polyfill';
import type { BadgeInfo } from '../../messaging/responses.ts';
import { sendMessage } from '../../messaging/client.ts';
import { ANNOTATE_PAGE, frameHash } from '../../common/annotate-frame-url.ts';
import { createBadgeLayer, type BadgeLayer } from './layer.tsx';

/** The annotation frame of one reply: our web-accessible page (a per-session URL in Chrome). */
function annotationFrameUrl(turnKey: string, conversationKey: string): string {
  return browser.runtime.getURL(ANNOTATE_PAGE) + frameHash(turnKey, conversationKey);
}

let layer: BadgeLayer | null = null;
/** The settings' badgesHidden (the worker pushes every change; see ../settings.ts). */
let hidden = false;

export function renderBadges(
  badges: Record<string, BadgeInfo>,
  turnElements: Map<string, Element>,
  pending?: ReadonlySet<string>,
  gaps?: ReadonlyMap<string, string>,
): void {
  try {
    if (!layer) {
      if (Object.keys(badges).length === 0 && !pending?.size && !gaps?.size) return;
      layer = createBadgeLayer(document, sendMessage, { annotationFrameUrl });
    }
    layer.setHidden(hidden);
    layer.update(badges, turnElements, pending, gaps);
  } catch (err) {
    // Never throw into the page.
    console.warn('[persona-observatory] badges failed (contained):', err);
  }
}

/** Follows the settings' badgesHidden ("Hide all badges" in the panel, undone from the popup). */
export function setBadgesHidden(next: boolean): void {
  hidden = next;
  layer?.setHidden(next);
}
