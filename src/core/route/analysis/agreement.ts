/**
 * How well does the text-only detector agree with the site's own route changes? Route changes
 * (served model differs from the previous reply's) are the reference; a detector shift within
 * ±tolerance replies of one counts as a hit (each change matched at most once, greedily in
 * order). Chance: the same number of shifts per conversation placed at random. Pure, seeded.
 */
import { mulberry32 } from '../../math/random.ts';
import type { AgreementResult, RouteReply } from './types.ts';

function matchCount(changes: readonly number[], shifts: readonly number[], tolerance: number): number {
  const used = new Set<number>();
  let matched = 0;
  for (const s of [...shifts].sort((a, b) => a - b)) {
    const hit = changes.find((c) => !used.has(c) && Math.abs(c - s) <= tolerance);
    if (hit !== undefined) {
      used.add(hit);
      matched++;
    }
  }
  return matched;
}

const f1Of = (matched: number, shifts: number, changes: number): number | null => {
  if (shifts === 0 || changes === 0) return null;
  const p = matched / shifts;
  const r = matched / changes;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};

export function detectorAgreement(conversations: readonly (readonly RouteReply[])[], tolerance: number, permutations: number, seed: number): AgreementResult {
  let changes = 0,
    shifts = 0,
    matched = 0;
  // Only conversations where the route is known reply by reply say where changes are not.
  const usable = conversations.filter((rs) => rs.length > 1 && rs.every((r) => r.route?.served != null));
  const perConversation = usable.map((rs) => ({
    n: rs.length,
    changes: rs.filter((r) => r.servedChanged).map((r) => r.index),
    shifts: rs.filter((r) => r.detectorShift && r.index > 0).map((r) => r.index),
  }));
  for (const c of perConversation) {
    changes += c.changes.length;
    shifts += c.shifts.length;
    matched += matchCount(c.changes, c.shifts, tolerance);
  }
  let chanceF1: number | null = null;
  if (changes > 0 && shifts > 0) {
    const rand = mulberry32(seed + 15485863);
    let total = 0;
    const runs = Math.max(1, Math.min(permutations, 999));
    for (let b = 0; b < runs; b++) {
      let m = 0;
      for (const c of perConversation) {
        const slots = Array.from({ length: c.n - 1 }, (_, i) => i + 1);
        for (let i = slots.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [slots[i], slots[j]] = [slots[j], slots[i]];
        }
        m += matchCount(c.changes, slots.slice(0, c.shifts.length), tolerance);
      }
      total += f1Of(m, shifts, changes) ?? 0;
    }
    chanceF1 = total / runs;
  }
  return {
    routeChanges: changes,
    detectorShifts: shifts,
    matched,
    precision: shifts ? matched / shifts : null,
    recall: changes ? matched / changes : null,
    f1: f1Of(matched, shifts, changes),
    chanceF1,
    tolerance,
  };
}
