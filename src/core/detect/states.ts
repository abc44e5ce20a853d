/**
 * Persona states within one conversation: each segment gets a state id ("A", "B", …); a later
 * segment reuses an earlier state when its centroid (standardised features) is close, so a
 * return to an earlier persona shows as recurrence. Names come from the label rules' poles.
 */
import type { FeatureValues } from '../types.ts';
import { LABEL_RULES } from './rules.ts';

export interface SegmentState {
  state: string;
  stateName: string;
}

const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : `S${i + 1}`);

function centroid(rows: readonly (readonly number[])[]): number[] {
  const d = rows[0]?.length ?? 0;
  const c = new Array<number>(d).fill(0);
  for (const r of rows) for (let k = 0; k < d; k++) c[k] += r[k] / rows.length;
  return c;
}

function rms(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) ** 2;
  return Math.sqrt(s / Math.max(1, a.length));
}

/** Names a segment by the two rule poles it leans to most, relative to the conversation. */
export function nameSegment(segment: readonly FeatureValues[], all: readonly FeatureValues[], priorScale: Readonly<Record<string, number>>): string {
  if (segment.length === all.length) return 'baseline';
  const scored: { word: string; score: number }[] = [];
  for (const rule of LABEL_RULES) {
    let sum = 0, n = 0;
    for (const [f, sign] of Object.entries(rule.features)) {
      const seg = segment.map((v) => v[f]).filter((x): x is number => typeof x === 'number');
      const whole = all.map((v) => v[f]).filter((x): x is number => typeof x === 'number');
      if (!seg.length || !whole.length) continue;
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      sum += (sign * (mean(seg) - mean(whole))) / (priorScale[f] ?? 1);
      n++;
    }
    if (n) scored.push({ word: sum / n > 0 ? rule.high : rule.low, score: Math.abs(sum / n) });
  }
  scored.sort((a, b) => b.score - a.score);
  const words = scored.filter((s) => s.score >= 0.5).slice(0, 2).map((s) => s.word);
  return words.length ? words.join(' · ') : 'typical';
}

/** State per segment (segment boundaries = [0, ...switches, n]). */
export function assignStates(matrix: readonly (readonly number[])[], switches: readonly number[], values: readonly FeatureValues[], mergeDistance: number, priorScale: Readonly<Record<string, number>>): SegmentState[] {
  const bounds = [0, ...switches, matrix.length];
  const states: { id: string; centroid: number[]; name: string }[] = [];
  const out: SegmentState[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const c = centroid(matrix.slice(bounds[i], bounds[i + 1]));
    let match = -1;
    let best = mergeDistance;
    // Never merge with the immediately preceding state: a switch separates them.
    states.forEach((s, j) => {
      const prev = out[out.length - 1];
      if (prev && prev.state === s.id) return;
      const d = rms(c, s.centroid);
      if (d < best) {
        best = d;
        match = j;
      }
    });
    if (match < 0) {
      const name = nameSegment(values.slice(bounds[i], bounds[i + 1]), values, priorScale);
      states.push({ id: letter(states.length), centroid: c, name });
      match = states.length - 1;
    }
    out.push({ state: states[match].id, stateName: states[match].name });
  }
  return out;
}
