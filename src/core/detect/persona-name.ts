/**
 * Names a persona from how far its replies sit from a reference (the conversation, or the user's
 * whole history), in the words of the label rules' poles ("terse", "structured", …). Shared by
 * the per-conversation states (states.ts) and the global persona vocabulary (core/vocabulary),
 * so a state is worded the same way everywhere.
 *
 * Three guards keep names honest: a rule names only when at least half of its features are
 * measurable (a Dutch reply is never "formal" from exclamation marks alone, since the
 * English-lexicon features are "not applicable"); two poles that read as a contradiction are
 * never combined ("detached · playful"); and a pole needs a clear lean (|mean z| ≥ 0.5).
 */
import { LABEL_RULES } from './rules.ts';

export interface PoleEvidence {
  feature: string;
  /** Standardised distance from the reference (pooled SDs). */
  z: number;
}

export interface NamedPole {
  kind: string;
  word: string;
  score: number;
  /** The rule's features with their distances, largest |z| first: the evidence behind the word. */
  evidence: PoleEvidence[];
}

export interface PersonaName {
  /** e.g. "terse · structured"; "typical" when nothing stands out. */
  name: string;
  poles: NamedPole[];
  /** Rule kinds not used because too few of their features were measurable (e.g. non-English text). */
  notApplicable: string[];
}

/** Smallest |mean standardised lean| that names a pole. */
export const POLE_THRESHOLD = 0.5;
/** Cap on one feature's |z| so a near-constant feature cannot dominate a name. */
const Z_CAP = 4;

/** Pole pairs that read as a contradiction side by side; the weaker one is dropped. */
const CONTRADICTIONS: readonly (readonly [string, string])[] = [
  ['detached', 'playful'],
  ['detached', 'warm'],
  ['cool', 'playful'],
  ['cool', 'flattering'],
  ['impersonal', 'apologetic'],
];

function contradicts(a: string, b: string): boolean {
  return CONTRADICTIONS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/**
 * `deviation(feature)`: the persona's standardised distance from the reference for one feature,
 * or null when the feature was not measurable (not applicable) for its replies.
 */
export function namePersona(deviation: (feature: string) => number | null, maxWords = 2): PersonaName {
  const scored: NamedPole[] = [];
  const notApplicable: string[] = [];
  for (const rule of LABEL_RULES) {
    const entries = Object.entries(rule.features);
    const evidence: PoleEvidence[] = [];
    let sum = 0;
    for (const [feature, sign] of entries) {
      const z = deviation(feature);
      if (z === null || !Number.isFinite(z)) continue;
      evidence.push({ feature, z });
      sum += sign * Math.max(-Z_CAP, Math.min(Z_CAP, z));
    }
    if (evidence.length * 2 < entries.length) {
      notApplicable.push(rule.kind);
      continue;
    }
    const score = sum / evidence.length;
    evidence.sort((x, y) => Math.abs(y.z) - Math.abs(x.z));
    scored.push({ kind: rule.kind, word: score > 0 ? rule.high : rule.low, score: Math.abs(score), evidence });
  }
  scored.sort((x, y) => y.score - x.score);
  const poles: NamedPole[] = [];
  for (const p of scored) {
    if (p.score < POLE_THRESHOLD || poles.length >= maxWords) break;
    if (poles.some((q) => contradicts(q.word, p.word))) continue;
    poles.push(p);
  }
  return { name: poles.length ? poles.map((p) => p.word).join(' · ') : 'typical', poles, notApplicable };
}
