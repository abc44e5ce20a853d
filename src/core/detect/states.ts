/**
 * Persona states within one conversation: each segment gets a state id ("A", "B", …); a later
 * segment reuses an earlier state when its centroid (standardised features) is close, so a
 * return to an earlier persona shows as recurrence. Names come from persona-name.ts (the label
 * rules' poles), the same wording as the global persona vocabulary (core/vocabulary).
 */
import type { FeatureColumns } from './columns.ts';
import { namePersona } from './persona-name.ts';

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

/**
 * Names the segment [a, b) of `cols` relative to the whole conversation (`whole`: the
 * conversation's mean per feature, filled on first use), in the shared persona wording.
 */
function nameRange(
  cols: FeatureColumns,
  a: number,
  b: number,
  whole: Map<string, { n: number; mean: number }>,
  priorScale: Readonly<Record<string, number>>,
): string {
  if (b - a === cols.n) return 'baseline';
  return namePersona((f) => {
    const seg = cols.mean(f, a, b);
    let all = whole.get(f);
    if (!all) whole.set(f, (all = cols.mean(f)));
    if (!seg.n || !all.n) return null;
    return (seg.mean - all.mean) / (priorScale[f] ?? 1);
  }).name;
}

/**
 * State per segment (segment boundaries = [0, ...switches, n]); `values` are the replies'
 * features (FeatureColumns of them, shared with the labels).
 */
export function assignStates(
  matrix: readonly (readonly number[])[],
  switches: readonly number[],
  values: FeatureColumns,
  mergeDistance: number,
  priorScale: Readonly<Record<string, number>>,
): SegmentState[] {
  const bounds = [0, ...switches, matrix.length];
  const states: { id: string; centroid: number[]; name: string }[] = [];
  const out: SegmentState[] = [];
  const whole = new Map<string, { n: number; mean: number }>();
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
      const name = nameRange(values, bounds[i], bounds[i + 1], whole, priorScale);
      states.push({ id: letter(states.length), centroid: c, name });
      match = states.length - 1;
    }
    out.push({ state: states[match].id, stateName: states[match].name });
  }
  return out;
}
