/**
 * Turns a detected change into words: which features moved, from what to what, by how much.
 * Effect = (mean after − mean before) / pooled within-segment SD (floored by the prior scale so
 * all-zero segments do not divide by zero). A rule fires when its signed mean effect is large.
 *
 * Honest effects (issue 14): the boundary was placed by the detector where the segments differ
 * most, and short segments give noisy means, so raw effects overstate the change. Two guards:
 * - a label fires only when one of its features moved beyond its own within-segment noise in the
 *   label's direction (|Δmean| ≥ `minNoiseZ` standard errors; Welch, each segment's SD floored by
 *   the prior scale), and its evidence lists only such features;
 * - its effect is shrunk toward 0 as an empirical-Bayes posterior mean under a normal prior on the
 *   true effect with SD `effectPrior`: effect · τ² / (τ² + 1/n_before + 1/n_after).
 */
import type { FeatureEvidence, FeatureValues, ShiftLabel } from '../model/types.ts';
import { FeatureColumns } from './columns.ts';
import { LABEL_RULES } from './rules.ts';

export interface LabelOptions {
  priorScale: Readonly<Record<string, number>>;
  /** Minimum |mean signed effect| of a rule to emit its label. */
  minEffect: number;
  /** Minimum |effect| of a feature to be listed as evidence. */
  minEvidence: number;
  maxLabels: number;
  /** Prior SD τ of true effects (in within-segment SDs) for shrinkage; undefined = raw effects. */
  effectPrior?: number;
  /** Standard errors |Δmean| must reach for a feature to count; undefined or 0 = every feature counts. */
  minNoiseZ?: number;
}

interface Measured {
  evidence: FeatureEvidence;
  /** Moved beyond its own within-segment noise (always true without minNoiseZ). */
  beyondNoise: boolean;
}

/** Evidence for one feature between replies [a, t) and [t, b) of `cols`, or null when not applicable on either side. */
function measureAt(
  cols: FeatureColumns,
  feature: string,
  a: number,
  t: number,
  b: number,
  priorScale: number,
  o: Pick<LabelOptions, 'effectPrior' | 'minNoiseZ'>,
): Measured | null {
  const before = cols.stats(feature, a, t);
  const after = cols.stats(feature, t, b);
  if (!after.n || !before.n) return null;
  const dof = Math.max(1, before.n + after.n - 2);
  const pooled = Math.sqrt(((before.n - 1) * before.variance + (after.n - 1) * after.variance) / dof);
  const sd = Math.max(pooled, priorScale);
  const delta = after.mean - before.mean;
  const se = Math.sqrt(Math.max(before.variance, priorScale ** 2) / before.n + Math.max(after.variance, priorScale ** 2) / after.n);
  const tau2 = o.effectPrior === undefined ? Number.POSITIVE_INFINITY : o.effectPrior ** 2;
  const shrink = Number.isFinite(tau2) ? tau2 / (tau2 + 1 / before.n + 1 / after.n) : 1;
  return {
    evidence: { feature, before: round(before.mean), after: round(after.mean), effect: round((shrink * delta) / sd) },
    beyondNoise: Math.abs(delta) >= (o.minNoiseZ ?? 0) * se,
  };
}

const EFFECT_CAP = 4;
const round = (x: number) => Math.round(x * 1000) / 1000;
const RULE_PARTS = LABEL_RULES.map((rule) => ({ rule, features: Object.entries(rule.features) }));

export function labelChange(before: readonly FeatureValues[], after: readonly FeatureValues[], confidence: number, o: LabelOptions): ShiftLabel[] {
  return labelChangeAt(new FeatureColumns([...before, ...after]), 0, before.length, before.length + after.length, confidence, o);
}

/** labelChange for the segments [a, t) and [t, b) of a conversation's feature columns. */
export function labelChangeAt(cols: FeatureColumns, a: number, t: number, b: number, confidence: number, o: LabelOptions): ShiftLabel[] {
  const measured = new Map<string, Measured>();
  for (const { features } of RULE_PARTS) {
    for (const [f] of features) {
      if (measured.has(f)) continue;
      const m = measureAt(cols, f, a, t, b, o.priorScale[f] ?? 1e-3, o);
      if (m) measured.set(f, m);
    }
  }
  const fired: { effect: number; label: ShiftLabel }[] = [];
  for (const { rule, features } of RULE_PARTS) {
    const parts = features.map(([f, sign]) => ({ m: measured.get(f), sign })).filter((p): p is { m: Measured; sign: 1 | -1 } => p.m !== undefined);
    if (!parts.length) continue;
    // Capped so one near-zero-variance feature (e.g. a rate on 3-word replies) cannot dominate the ranking.
    const signed = (p: (typeof parts)[number]) => p.sign * Math.max(-EFFECT_CAP, Math.min(EFFECT_CAP, p.m.evidence.effect));
    const effect = parts.reduce((s, p) => s + signed(p), 0) / parts.length;
    if (Math.abs(effect) < o.minEffect) continue;
    // A label must name a feature that moved beyond its own noise, in the label's direction.
    if (!parts.some((p) => p.m.beyondNoise && Math.sign(signed(p)) === Math.sign(effect))) continue;
    const evidence = parts
      .filter((p) => p.m.beyondNoise && Math.abs(p.m.evidence.effect) >= o.minEvidence)
      .map((p) => p.m.evidence)
      .sort((x, y) => Math.abs(y.effect) - Math.abs(x.effect));
    fired.push({ effect: Math.abs(effect), label: { kind: rule.kind, text: effect > 0 ? rule.up : rule.down, confidence, evidence } });
  }
  fired.sort((x, y) => y.effect - x.effect);
  if (fired.length) return fired.slice(0, o.maxLabels).map((f) => f.label);
  // No rule fired: list the largest moves, and only moves beyond noise (possibly none).
  const all = [...measured.values()]
    .filter((m) => m.beyondNoise)
    .map((m) => m.evidence)
    .sort((x, y) => Math.abs(y.effect) - Math.abs(x.effect))
    .slice(0, 3);
  return [{ kind: 'style', text: 'style shift', confidence, evidence: all }];
}

/** Label for a change of the model slug the page showed (useModel only). */
export function modelLabel(from: string, to: string): ShiftLabel {
  return { kind: 'model', text: `model changed: ${from} → ${to}`, confidence: 1, evidence: [] };
}
