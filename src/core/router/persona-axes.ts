/**
 * The persona summary space (issue 17 follow-up, an experiment until the bench adopts it): instead of
 * every instrument feature, the router can model one score per persona axis the product names
 * personas by — the label rules' kinds (verbosity, tone, stance, warmth, structure, engagement,
 * refusal, apology, sycophancy, identity, complexity; `../detect/rules.ts`). A reply's axis score is
 * scored as the namer scores a pole (`../detect/persona-name.ts`): the mean of sign × robust z
 * (capped at ±4) over the axis's measurable features; an axis with fewer than half of its features
 * measurable in a reply scores 0 (neutral) there. Chosen a priori from the product's own persona
 * wording, not fitted to any history.
 */
import { LABEL_RULES } from '../detect/rules.ts';
import type { FeatureValues } from '../model/types.ts';
import { robustScale } from './embed.ts';

const Z_CAP = 4;

/** Axis names as the rows carry them. */
export const PERSONA_AXES: readonly string[] = LABEL_RULES.map((r) => `axis:${r.kind}`);

/**
 * One row of axis scores per reply, or null when the rows do not carry the named features (at
 * least half of every axis's features seen somewhere in the pile; synthetic vectors do not).
 */
export function personaAxisRows(rows: readonly FeatureValues[]): FeatureValues[] | null {
  const needed = [...new Set(LABEL_RULES.flatMap((r) => Object.keys(r.features)))];
  const scales = new Map<string, { center: number; scale: number }>();
  for (const name of needed) {
    const values: number[] = [];
    for (const r of rows) {
      const v = r[name];
      if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
    }
    if (values.length >= Math.max(3, rows.length / 2)) scales.set(name, robustScale(values));
  }
  if (LABEL_RULES.some((rule) => Object.keys(rule.features).filter((f) => scales.has(f)).length * 2 < Object.keys(rule.features).length)) return null;
  return rows.map((r) => {
    const out: FeatureValues = {};
    for (const rule of LABEL_RULES) {
      const entries = Object.entries(rule.features);
      let sum = 0;
      let seen = 0;
      for (const [name, sign] of entries) {
        const s = scales.get(name);
        const v = r[name];
        if (!s || typeof v !== 'number' || !Number.isFinite(v)) continue;
        sum += sign * Math.max(-Z_CAP, Math.min(Z_CAP, (v - s.center) / s.scale));
        seen++;
      }
      out[`axis:${rule.kind}`] = seen * 2 >= entries.length ? sum / seen : 0;
    }
    return out;
  });
}
