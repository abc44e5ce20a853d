/**
 * Per-site penalties from the site's own model reports (issue 14: "the site's shown model is weak
 * supervision for per-site penalties"). Bench only: measured on the ChatGPT export
 * (bench/site-penalty.bench.ts) and not adopted (docs/instrument.md says why).
 *
 * The shipped penalty keeps false switches at ≤ 2 per 100 possible switch points on the
 * development sets, but a user's own chats on one site may wander more (ChatGPT export: 2.8). Where
 * the site says which model served each reply, two consecutive replies from the same model are a
 * place where no model switch happened: a style switch there is a false alarm as far as models go.
 * If, over enough such transitions, the detector's rate is above the benchmark's bar, the site's
 * penalty is raised by the smallest step that brings it to ≤ 2 per 100 there. Only raised: a
 * lower penalty would find more switches of every kind, and nothing here measures whether the
 * extra ones are real.
 *
 * Weak supervision, with a known bias: a persona change the user asked for ("be brief from now
 * on") without a model change counts as false here, so the bar errs high.
 */
import type { DetectorParams } from '../../src/core/detect/params.ts';

/** Candidate additions to the penalty, tried in this order (0 = the shipped penalty). */
export const PENALTY_STEPS: readonly number[] = [0, 2, 4, 6, 10, 14, 20, 30];
/** The benchmark's operating point: at most this many false switches per 100 transitions. */
export const SITE_MAX_FALSE_PER_100 = 2;
/** Fewer same-model transitions than this and the site keeps the shipped penalty. */
export const SITE_MIN_TRANSITIONS = 200;

/** What one site's chats said at one penalty step. */
export interface StepEvidence {
  /** Consecutive reply pairs the site says one model served. */
  transitions: number;
  /** Style switches the detector put at those transitions. */
  falseSwitches: number;
}

export interface SitePenalty {
  /** Added to the shipped penalty base. */
  step: number;
  transitions: number;
  /** False switches per 100 same-model transitions at the shipped penalty and at the chosen step. */
  shippedRate: number;
  rate: number;
}

/**
 * Indices t (reply t − 1 → t) where the site named the same model for both replies. Replies
 * without a served model break the chain: nothing is assumed about them.
 */
export function sameModelTransitions(served: readonly (string | null | undefined)[]): number[] {
  const out: number[] = [];
  for (let t = 1; t < served.length; t++) {
    const a = served[t - 1],
      b = served[t];
    if (a && b && a === b) out.push(t);
  }
  return out;
}

/** How many of `switches` fall on `transitions` (both ascending or not; small lists). */
export function falseSwitchCount(switches: readonly number[], transitions: readonly number[]): number {
  const at = new Set(transitions);
  return switches.filter((t) => at.has(t)).length;
}

const per100 = (e: StepEvidence) => (100 * e.falseSwitches) / Math.max(1, e.transitions);

/**
 * The smallest step whose rate is ≤ the bar (the largest step if none is). `evidenceAt(step)` runs
 * the detector over the site's chats at that step; steps are tried in order and stop at the
 * first that passes, so a quiet site costs one pass. Null: too few transitions to judge.
 */
export function chooseSitePenalty(evidenceAt: (step: number) => StepEvidence): SitePenalty | null {
  const shipped = evidenceAt(PENALTY_STEPS[0]);
  if (shipped.transitions < SITE_MIN_TRANSITIONS) return null;
  const shippedRate = per100(shipped);
  let chosen = { step: PENALTY_STEPS[0], rate: shippedRate };
  for (const step of PENALTY_STEPS) {
    const rate = step === PENALTY_STEPS[0] ? shippedRate : per100(evidenceAt(step));
    chosen = { step, rate };
    if (rate <= SITE_MAX_FALSE_PER_100) break;
  }
  return { ...chosen, transitions: shipped.transitions, shippedRate };
}

/** The detector's parameters with the penalty raised by `step`. */
export function withPenaltyStep(p: DetectorParams, step: number): DetectorParams {
  return step ? { ...p, segment: { ...p.segment, penaltyBase: p.segment.penaltyBase + step } } : p;
}
