/**
 * One wording per judgement and per kind of certainty, for every screen and every export's
 * human-facing text. Machine-readable fields (e.g. an annotation's `kind: "reject"`) keep their
 * stable values; people read these words.
 */
import type { AnnotationKind, ShiftLabel } from '../model/types.ts';
import { DETECTOR_TRUST } from '../detect/trust.ts';

/** What the user's own judgement is called, everywhere. */
export const JUDGEMENT_WORDS: Readonly<Record<AnnotationKind, string>> = {
  confirm: 'Confirmed shift',
  reject: 'Not a shift',
  relabel: 'Relabelled',
  note: 'Note',
};

export type Strength = 'strong' | 'moderate' | 'weak';

/**
 * Stated-confidence cut points. On models the detector was not tuned on, a stated 0.92 was right
 * about 81% of the time and a stated 0.85 about 59% (core/detect/trust.ts): so only ≥ 0.9 reads
 * "strong", ≥ 0.7 "moderate", and anything lower "weak". A number is never shown as "100%".
 */
export const STRENGTH_CUTS: Readonly<Record<Exclude<Strength, 'weak'>, number>> = { strong: 0.9, moderate: 0.7 };

export function strengthOf(p: number): Strength {
  if (!Number.isFinite(p)) return 'weak';
  return p >= STRENGTH_CUTS.strong ? 'strong' : p >= STRENGTH_CUTS.moderate ? 'moderate' : 'weak';
}

/** Page metadata (the site's own model label) is a fact read from the page, not an estimate. */
export const FROM_THE_PAGE = 'from the page';

/** How sure the tool is about a label, in words: "from the page" for facts, else strong / moderate / weak. */
export function certaintyOf(label: Pick<ShiftLabel, 'kind' | 'confidence'>): string {
  return label.kind === 'model' ? FROM_THE_PAGE : strengthOf(label.confidence);
}

/** What a stated strength has meant in measurement, for the explanation one click away. */
export function strengthMeaning(s: Strength): string {
  const [low, high] = DETECTOR_TRUST.reliability;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (s === 'strong')
    return `Strong: stated confidence ${STRENGTH_CUTS.strong} or more. On models the detector was not tuned on, a stated ${high.stated} was right ${pct(high.observed)} of the time.`;
  if (s === 'moderate')
    return `Moderate: stated confidence ${STRENGTH_CUTS.moderate}–${STRENGTH_CUTS.strong}. On untuned models a stated ${low.stated} was right ${pct(low.observed)} of the time.`;
  return `Weak: stated confidence below ${STRENGTH_CUTS.moderate}; treat as a hint, not a finding.`;
}

/** A model change read from the page: the two slugs, or null for any other label. */
export function modelChange(label: Pick<ShiftLabel, 'kind' | 'text'>): { from: string; to: string } | null {
  if (label.kind !== 'model') return null;
  const m = /^model changed: (.+) → (.+)$/.exec(label.text);
  return m ? { from: m[1], to: m[2] } : null;
}
