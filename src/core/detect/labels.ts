/**
 * Turns a detected change into words: which features moved, from what to what, by how much.
 * Effect = (mean after − mean before) / pooled within-segment SD (floored by the prior scale so
 * all-zero segments do not divide by zero). A rule fires when its signed mean effect is large.
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
}

/** Evidence for one feature between replies [a, t) and [t, b) of `cols`, or null when not applicable on either side. */
function evidenceAt(cols: FeatureColumns, feature: string, a: number, t: number, b: number, priorScale: number): FeatureEvidence | null {
  const before = cols.stats(feature, a, t);
  const after = cols.stats(feature, t, b);
  if (!after.n || !before.n) return null;
  const dof = Math.max(1, before.n + after.n - 2);
  const pooled = Math.sqrt(((before.n - 1) * before.variance + (after.n - 1) * after.variance) / dof);
  const sd = Math.max(pooled, priorScale);
  return { feature, before: round(before.mean), after: round(after.mean), effect: round((after.mean - before.mean) / sd) };
}

/** Evidence for one feature between two segments, or null when not applicable on either side. */
export function featureEvidence(
  feature: string,
  before: readonly FeatureValues[],
  after: readonly FeatureValues[],
  priorScale: number,
): FeatureEvidence | null {
  return evidenceAt(new FeatureColumns([...before, ...after]), feature, 0, before.length, before.length + after.length, priorScale);
}

const EFFECT_CAP = 4;
const round = (x: number) => Math.round(x * 1000) / 1000;
const RULE_PARTS = LABEL_RULES.map((rule) => ({ rule, features: Object.entries(rule.features) }));

export function labelChange(before: readonly FeatureValues[], after: readonly FeatureValues[], confidence: number, o: LabelOptions): ShiftLabel[] {
  return labelChangeAt(new FeatureColumns([...before, ...after]), 0, before.length, before.length + after.length, confidence, o);
}

/** labelChange for the segments [a, t) and [t, b) of a conversation's feature columns. */
export function labelChangeAt(cols: FeatureColumns, a: number, t: number, b: number, confidence: number, o: LabelOptions): ShiftLabel[] {
  const evidenceByFeature = new Map<string, FeatureEvidence>();
  for (const { features } of RULE_PARTS) {
    for (const [f] of features) {
      if (evidenceByFeature.has(f)) continue;
      const e = evidenceAt(cols, f, a, t, b, o.priorScale[f] ?? 1e-3);
      if (e) evidenceByFeature.set(f, e);
    }
  }
  const fired: { effect: number; label: ShiftLabel }[] = [];
  for (const { rule, features } of RULE_PARTS) {
    const parts = features
      .map(([f, sign]) => ({ e: evidenceByFeature.get(f), sign }))
      .filter((p): p is { e: FeatureEvidence; sign: 1 | -1 } => p.e !== undefined);
    if (!parts.length) continue;
    // Capped so one near-zero-variance feature (e.g. a rate on 3-word replies) cannot dominate the ranking.
    const effect = parts.reduce((s, p) => s + p.sign * Math.max(-EFFECT_CAP, Math.min(EFFECT_CAP, p.e.effect)), 0) / parts.length;
    if (Math.abs(effect) < o.minEffect) continue;
    const evidence = parts
      .filter((p) => Math.abs(p.e.effect) >= o.minEvidence)
      .map((p) => p.e)
      .sort((x, y) => Math.abs(y.effect) - Math.abs(x.effect));
    fired.push({ effect: Math.abs(effect), label: { kind: rule.kind, text: effect > 0 ? rule.up : rule.down, confidence, evidence } });
  }
  fired.sort((x, y) => y.effect - x.effect);
  if (fired.length) return fired.slice(0, o.maxLabels).map((f) => f.label);
  const all = [...evidenceByFeature.values()].sort((x, y) => Math.abs(y.effect) - Math.abs(x.effect)).slice(0, 3);
  return [{ kind: 'style', text: 'style shift', confidence, evidence: all }];
}

/** Label for a change of the model slug the page showed (useModel only). */
export function modelLabel(from: string, to: string): ShiftLabel {
  return { kind: 'model', text: `model changed: ${from} → ${to}`, confidence: 1, evidence: [] };
}
