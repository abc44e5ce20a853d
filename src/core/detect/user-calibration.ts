/**
 * Per-user calibration of switch confidence from the user's own verdicts (issue 14).
 *
 * The shipped curve (calibration.ts) was fitted on development generators; on a user's models and
 * sites it can be off. Each verdict on a reply says whether a persona switch really starts there;
 * with the confidence the shipped curve gave that reply, they refit a recalibration
 *   p_user = σ(α + β · logit(p_shipped)),
 * by maximum a posteriori with a normal prior centred on the shipped curve (α = 0, β = 1, precision
 * PRIOR_PRECISION), so a few verdicts move it a little and many move it more. Since
 * logit(p_shipped) = a + b·ln(score), the refit is again a curve of the same form: a' = α + β·a,
 * b' = β·b. Pure: verdicts in, curve out; the background worker stores it and recomputes labels.
 */
import type { AnnotationKind } from '../model/types.ts';
import type { Calibration } from './calibration.ts';

/** A verdict on one reply, with what the detector said there under the shipped curve. */
export interface VerdictSample {
  verdict: Exclude<AnnotationKind, 'note'>;
  /** Did the detector mark a switch at this reply? */
  shift: boolean;
  /** Its confidence under the shipped curve. */
  confidence: number;
}

export interface UserCalibration {
  /** Verdicts used (the counts shown to the user). */
  confirmed: number;
  rejected: number;
  relabelled: number;
  /** Recalibration of the shipped probability: p_user = σ(alpha + beta·logit p). */
  alpha: number;
  beta: number;
  /** The shipped curve composed with the recalibration: use in place of the shipped one. */
  calibration: Calibration;
  /** True when the refit moved the curve (by at least one 0.05 step). */
  adjusted: boolean;
}

/**
 * Ridge precision of the prior toward the shipped curve. Each verdict adds at most 0.25·x² of
 * information: three rejected switches stated at 0.8 bring a stated 0.8 to 0.75, ten to 0.65, thirty to 0.45.
 */
export const PRIOR_PRECISION = 25;
const EPS = 0.01;
const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** The refit moves in steps of 0.05: smaller moves would re-label every conversation for nothing. */
const step = (x: number) => Math.round(x * 20) / 20;

/**
 * Whether a switch really starts at the reply, by the verdict: confirming a switch or rejecting a
 * "no shift" says yes; rejecting a switch or confirming "no shift" says no; a relabel asserts a
 * change of the kind the user named, so yes.
 */
export function switchIsReal(s: Pick<VerdictSample, 'verdict' | 'shift'>): boolean {
  if (s.verdict === 'relabel') return true;
  return s.shift === (s.verdict === 'confirm');
}

export function fitUserCalibration(samples: readonly VerdictSample[], shipped: Calibration, precision = PRIOR_PRECISION): UserCalibration {
  const xs = samples.map((s) => logit(s.confidence));
  const ys = samples.map((s) => (switchIsReal(s) ? 1 : 0));
  // Newton's method on the penalised log-likelihood in (α, β); the prior makes it strictly concave.
  let alpha = 0,
    beta = 1;
  for (let iter = 0; iter < 50; iter++) {
    let gA = -precision * alpha,
      gB = -precision * (beta - 1),
      hAA = precision,
      hAB = 0,
      hBB = precision;
    for (let i = 0; i < xs.length; i++) {
      const p = sigmoid(alpha + beta * xs[i]);
      const w = p * (1 - p);
      gA += ys[i] - p;
      gB += (ys[i] - p) * xs[i];
      hAA += w;
      hAB += w * xs[i];
      hBB += w * xs[i] * xs[i];
    }
    const det = hAA * hBB - hAB * hAB;
    const dA = (hBB * gA - hAB * gB) / det;
    const dB = (hAA * gB - hAB * gA) / det;
    alpha += dA;
    beta += dB;
    if (Math.abs(dA) + Math.abs(dB) < 1e-9) break;
  }
  // Confidence must still rise with the evidence: a user curve never reverses the ordering.
  beta = Math.max(0.05, beta);
  alpha = step(alpha) + 0; // + 0: no -0
  beta = step(beta);
  const count = (v: VerdictSample['verdict']) => samples.filter((s) => s.verdict === v).length;
  return {
    confirmed: count('confirm'),
    rejected: count('reject'),
    relabelled: count('relabel'),
    alpha,
    beta,
    calibration: { a: alpha + beta * shipped.a, b: beta * shipped.b },
    adjusted: alpha !== 0 || beta !== 1,
  };
}

/** What a stated (shipped) confidence becomes under the user's curve. */
export function userConfidence(shippedConfidence: number, u: Pick<UserCalibration, 'alpha' | 'beta'>): number {
  return sigmoid(u.alpha + u.beta * logit(shippedConfidence));
}

/** One line for the About view: "your annotations: n confirmed / m rejected, curve adjusted". */
export function userCalibrationSummary(u: UserCalibration | null): string {
  if (!u || u.confirmed + u.rejected + u.relabelled === 0) return 'Your annotations: none yet, so confidence uses the shipped curve.';
  const counts = `Your annotations: ${u.confirmed} confirmed / ${u.rejected} rejected${u.relabelled ? ` / ${u.relabelled} relabelled` : ''}`;
  if (!u.adjusted) return `${counts}; curve as shipped (too few verdicts, or they agree with it).`;
  const at = (p: number) => userConfidence(p, u).toFixed(2);
  return `${counts}; curve adjusted: a stated 0.70 now reads ${at(0.7)}, 0.90 reads ${at(0.9)}. Each verdict moves it a little, so a few do not swing it.`;
}
