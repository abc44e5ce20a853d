/**
 * Turns a detected change into words: which features moved, from what to what, by how much.
 * Effect = (mean after − mean before) / pooled within-segment SD (floored by the prior scale so
 * all-zero segments do not divide by zero). A rule fires when its signed mean effect is large.
 */
import type { FeatureEvidence, FeatureValues, ShiftLabel } from '../types.ts';
import { LABEL_RULES } from './rules.ts';

export interface LabelOptions {
  priorScale: Readonly<Record<string, number>>;
  /** Minimum |mean signed effect| of a rule to emit its label. */
  minEffect: number;
  /** Minimum |effect| of a feature to be listed as evidence. */
  minEvidence: number;
  maxLabels: number;
}

function meanSd(xs: number[]): [number, number, number] {
  const n = xs.length;
  if (!n) return [0, 0, 0];
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const v = n > 1 ? xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1) : 0;
  return [m, v, n];
}

/** Evidence for one feature between two segments, or null when not applicable on either side. */
export function featureEvidence(feature: string, before: readonly FeatureValues[], after: readonly FeatureValues[], priorScale: number): FeatureEvidence | null {
  const b = before.map((v) => v[feature]).filter((x): x is number => typeof x === 'number');
  const a = after.map((v) => v[feature]).filter((x): x is number => typeof x === 'number');
  if (!a.length || !b.length) return null;
  const [mb, vb, nb] = meanSd(b);
  const [ma, va, na] = meanSd(a);
  const dof = Math.max(1, nb + na - 2);
  const pooled = Math.sqrt(((nb - 1) * vb + (na - 1) * va) / dof);
  const sd = Math.max(pooled, priorScale);
  return { feature, before: round(mb), after: round(ma), effect: round((ma - mb) / sd) };
}

const EFFECT_CAP = 4;
const round = (x: number) => Math.round(x * 1000) / 1000;

export function labelChange(before: readonly FeatureValues[], after: readonly FeatureValues[], confidence: number, o: LabelOptions): ShiftLabel[] {
  const evidenceByFeature = new Map<string, FeatureEvidence>();
  for (const rule of LABEL_RULES) {
    for (const f of Object.keys(rule.features)) {
      const e = featureEvidence(f, before, after, o.priorScale[f] ?? 1e-3);
      if (e) evidenceByFeature.set(f, e);
    }
  }
  const fired: { effect: number; label: ShiftLabel }[] = [];
  for (const rule of LABEL_RULES) {
    const parts = Object.entries(rule.features)
      .map(([f, sign]) => ({ e: evidenceByFeature.get(f), sign }))
      .filter((p): p is { e: FeatureEvidence; sign: 1 | -1 } => p.e !== undefined);
    if (!parts.length) continue;
    // Capped so one near-zero-variance feature (e.g. a rate on 3-word replies) cannot dominate the ranking.
    const effect = parts.reduce((s, p) => s + p.sign * Math.max(-EFFECT_CAP, Math.min(EFFECT_CAP, p.e.effect)), 0) / parts.length;
    if (Math.abs(effect) < o.minEffect) continue;
    const evidence = parts.filter((p) => Math.abs(p.e.effect) >= o.minEvidence).map((p) => p.e).sort((x, y) => Math.abs(y.effect) - Math.abs(x.effect));
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
