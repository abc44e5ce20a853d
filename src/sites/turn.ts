/**
 * Builds `CapturedTurn`s with the defaults every adapter shares, so adapters only say what
 * their site shows (id, role, text, and whatever of model / thinking / branch it has).
 */
import type { BranchMarker, CapturedTurn, Role } from '../core/types.ts';
import type { TurnReading } from './reading.ts';
import { hashedTurnId } from './turn-id.ts';

export interface TurnParts {
  element: Element;
  role: Role;
  text: string;
  /** The site's own id; when absent a content hash + position id is made. */
  siteId?: string | null;
  model?: string | null;
  thinking?: string | null;
  streaming?: boolean;
  branch?: BranchMarker | null;
}

/**
 * Turns from parts, in order. Empty finished turns are dropped (placeholders, frames we cannot
 * read, unmounted shells); an empty turn that is still streaming is kept as pending.
 */
export function buildTurns(parts: TurnParts[]): TurnReading[] {
  const out: TurnReading[] = [];
  const seen = new Set<string>();
  parts.forEach((p, position) => {
    const text = p.text.trim();
    if (text === '' && !p.streaming) return;
    let id = p.siteId && p.siteId.trim() !== '' ? p.siteId.trim() : hashedTurnId(p.role, text, position);
    // Two turns must never share an id within one reading (e.g. a site reusing an id on a wrapper).
    if (seen.has(id)) id = `${id}#${position}`;
    seen.add(id);
    const thinking = p.thinking?.trim() ? p.thinking.trim() : null;
    const turn: CapturedTurn = {
      id,
      role: p.role,
      text,
      model: p.model?.trim() ? p.model.trim() : null,
      selectedModel: null,
      streaming: p.streaming ?? false,
      thinking,
      branch: p.branch ?? null,
    };
    out.push({ turn, element: p.element });
  });
  return out;
}

/** Marks the last assistant turn as streaming when the page-level signal (stop button) is on. */
export function markLastAssistantStreaming(parts: TurnParts[], generating: boolean): TurnParts[] {
  if (!generating) return parts;
  for (let i = parts.length - 1; i >= 0; i--) {
    if (parts[i].role === 'assistant') {
      parts[i] = { ...parts[i], streaming: true };
      break;
    }
  }
  return parts;
}
