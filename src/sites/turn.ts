/**
 * Builds `CapturedTurn`s with the defaults every adapter shares, so adapters only say what
 * their site shows (id, role, text, and whatever of model / thinking / branch it has).
 */
import { notCapturedText } from '../core/placeholders.ts';
import type { BranchMarker, CapturedTurn, Role, TurnStep } from '../core/model/types.ts';
import type { TurnReading } from './reading.ts';
import { hashedTurnId } from './turn-id.ts';
import { thinkingOfSteps } from './steps.ts';

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
  /** Reasoning / status / tool / search steps; `thinking` defaults to their thinking steps. */
  steps?: TurnStep[];
  /** The reply is on the page but its body could not be read: why (see CapturedTurn.notCaptured). */
  notCaptured?: string | null;
  /** URLs of the text's [n] citation markers (see CapturedTurn.citations). */
  citations?: string[];
}

export { notCapturedText };

/**
 * Turns from parts, in order. Empty finished turns are dropped (placeholders, frames we cannot
 * read, unmounted shells); an empty turn that is still streaming is kept as pending.
 */
export function buildTurns(parts: TurnParts[]): TurnReading[] {
  const out: TurnReading[] = [];
  const seen = new Set<string>();
  parts.forEach((p, position) => {
    const missing = p.notCaptured?.trim() || null;
    const text = p.text.trim() || (missing ? notCapturedText(missing) : '');
    if (text === '' && !p.streaming) return;
    let id = p.siteId && p.siteId.trim() !== '' ? p.siteId.trim() : hashedTurnId(p.role, text, position);
    // Two turns must never share an id within one reading (e.g. a site reusing an id on a wrapper).
    if (seen.has(id)) id = `${id}#${position}`;
    seen.add(id);
    const steps = p.steps?.filter((s) => s.text.trim() !== '') ?? [];
    const thinking = p.thinking?.trim() ? p.thinking.trim() : thinkingOfSteps(steps);
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
    if (steps.length > 0) turn.steps = steps;
    if (missing && p.text.trim() === '') turn.notCaptured = missing;
    if (p.citations && p.citations.length > 0) turn.citations = p.citations;
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
