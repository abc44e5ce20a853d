/**
 * Labels as plain strings for places that cannot hold components (aria-labels, titles, the badge
 * face): the same words LabelText and Certainty render. Pure.
 */
import type { ShiftLabel } from '../core/model/types.ts';
import { certaintyOf, modelChange } from '../core/vocabulary/judgements.ts';
import { readableModel } from '../core/vocabulary/model-names.ts';
import type { Persona } from '../core/vocabulary/repertoire.ts';
import { segmentNumber } from '../core/vocabulary/segments.ts';

/** The label's text with readable model names ("model changed: GPT-4o → GPT-5.5"). */
export function labelWords(label: Pick<ShiftLabel, 'kind' | 'text'>): string {
  const m = modelChange(label);
  return m ? `model changed: ${readableModel(m.from)} → ${readableModel(m.to)}` : label.text;
}

/** "tone: formal → playful · moderate", "model changed: GPT-4o → GPT-5.5 · from the page"; a shift with no label reads "shift · weak". */
export function shiftWords(top: Pick<ShiftLabel, 'kind' | 'text'> | undefined, confidence: number): string {
  return `${top ? labelWords(top) : 'shift'} · ${certaintyOf({ kind: top?.kind ?? '', confidence })}`;
}

/** "persona P2 terse" with a global persona, else "segment 2: terse" (never a bare letter). */
export function stateWords(c: { persona: Persona | null; state: string; stateName: string }): string {
  if (c.persona) return `persona ${c.persona.id} ${c.persona.name}`;
  const n = segmentNumber(c.state);
  return n === null ? c.stateName : `segment ${n}: ${c.stateName}`;
}
