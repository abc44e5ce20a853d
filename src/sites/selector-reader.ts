/**
 * Reads turns with plain selectors: the engine behind user selector overrides
 * (Settings.sites[site].selectors) and the generic fallback adapter.
 */
import type { Role, SiteSettings } from '../core/model/types.ts';
import type { TurnReading } from './reading.ts';
import { domToText } from './dom-text.ts';
import { inDomOrder, outermost } from './query.ts';
import { buildTurns, type TurnParts } from './turn.ts';

type Selectors = SiteSettings['selectors'];

/** Attributes that say who wrote a message, on the sites we know and on look-alikes. */
const ROLE_ATTRIBUTES = ['data-message-author-role', 'data-message-role', 'data-role', 'data-author', 'data-turn', 'data-message-type'];
const ID_ATTRIBUTES = ['data-message-id', 'data-turn-id', 'data-id', 'id'];

function roleOf(el: Element, sel: Selectors): Role | null {
  if (sel.user && el.matches(sel.user)) return 'user';
  if (sel.assistant && el.matches(sel.assistant)) return 'assistant';
  for (const attr of ROLE_ATTRIBUTES) {
    const v = el.getAttribute(attr)?.toLowerCase();
    if (v === 'user' || v === 'human') return 'user';
    if (v === 'assistant' || v === 'bot' || v === 'ai' || v === 'model') return 'assistant';
  }
  return null;
}

function safeQueryAll(root: ParentNode, selector: string | undefined): Element[] {
  if (!selector || selector.trim() === '') return [];
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return []; // an invalid user selector reads as "nothing found", and the liveness check reports it
  }
}

export function readTurnsWithSelectors(root: ParentNode, sel: Selectors): TurnReading[] {
  const candidates = sel.turn ? safeQueryAll(root, sel.turn) : inDomOrder([...safeQueryAll(root, sel.user), ...safeQueryAll(root, sel.assistant)]);
  const parts: TurnParts[] = [];
  for (const el of outermost(candidates)) {
    const role = roleOf(el, sel) ?? roleOf(el.querySelector(ROLE_ATTRIBUTES.map((a) => `[${a}]`).join(', ')) ?? el, sel);
    if (!role) continue;
    let content: Element = el;
    if (sel.text) {
      try {
        content = el.querySelector(sel.text) ?? el;
      } catch {
        content = el;
      }
    }
    const siteId = ID_ATTRIBUTES.map((a) => el.getAttribute(a)).find((v) => v) ?? null;
    parts.push({ element: el, role, text: domToText(content), siteId });
  }
  return buildTurns(parts);
}
