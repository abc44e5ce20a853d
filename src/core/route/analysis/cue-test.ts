/**
 * Which user cues precede a reroute? For each cue class: the number of rerouted replies
 * preceded by that cue, against its permutation distribution with the cue labels shuffled
 * within strata of (reply position × user-message length). Shuffling within strata keeps
 * position and length effects (longer chats and long messages may be rerouted more for their
 * own reasons) out of the cue's effect. One-sided; Holm over the classes. Pure, seeded.
 */
import { mulberry32 } from '../../math/random.ts';
import { CUE_CLASSES } from '../../router/cues.ts';
import { holm, permutationP } from '../../math/stats.ts';
import type { CueRerouteResult, RouteReply } from './types.ts';

const POSITION_EDGES = [0, 1, 3, 6, 12];

function positionBucket(index: number): number {
  let b = 0;
  while (b + 1 < POSITION_EDGES.length && index >= POSITION_EDGES[b + 1]) b++;
  return b;
}

/** Length terciles of the user messages among the rows. */
function lengthBucketer(rows: readonly RouteReply[]): (words: number) => number {
  const sorted = rows.map((r) => r.userWords).sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const [a, b] = [q(1 / 3), q(2 / 3)];
  return (w) => (w <= a ? 0 : w <= b ? 1 : 2);
}

export function strataOf(rows: readonly RouteReply[]): number[][] {
  const bucket = lengthBucketer(rows);
  const strata = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = `${positionBucket(r.index)}:${bucket(r.userWords)}`;
    strata.set(key, [...(strata.get(key) ?? []), i]);
  });
  return [...strata.values()];
}

function shuffleInPlace<T>(xs: T[], rand: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
}

export function cueRerouteTests(replies: readonly RouteReply[], permutations: number, seed: number, minEvents: number): CueRerouteResult[] {
  const rows = replies.filter((r) => r.route !== null && r.route.served !== null);
  const strata = strataOf(rows);
  const rerouted = rows.map((r) => r.rerouted);
  const totalReroutes = rerouted.filter(Boolean).length;
  const results = CUE_CLASSES.map((cue, k): CueRerouteResult => {
    const has = rows.map((r) => r.cues.includes(cue));
    const withCue = has.filter(Boolean).length;
    const reroutedWithCue = has.filter((h, i) => h && rerouted[i]).length;
    const base = {
      cue,
      withCue,
      reroutedWithCue,
      withoutCue: rows.length - withCue,
      reroutedWithoutCue: totalReroutes - reroutedWithCue,
    };
    if (withCue < minEvents || totalReroutes < minEvents) {
      return {
        ...base,
        p: null,
        pAdjusted: null,
        note: `too few events (${withCue} replies after this cue, ${totalReroutes} reroutes; need ${minEvents} of each)`,
      };
    }
    const rand = mulberry32(seed + 7919 * (k + 1));
    const labels = [...has];
    const nulls: number[] = [];
    for (let b = 0; b < permutations; b++) {
      for (const s of strata) {
        const values = s.map((i) => has[i]);
        shuffleInPlace(values, rand);
        s.forEach((i, j) => {
          labels[i] = values[j];
        });
      }
      let stat = 0;
      for (let i = 0; i < rows.length; i++) if (labels[i] && rerouted[i]) stat++;
      nulls.push(stat);
    }
    return { ...base, p: permutationP(reroutedWithCue, nulls), pAdjusted: null, note: null };
  });
  const adjusted = holm(results.map((r) => r.p));
  return results.map((r, i) => ({ ...r, pAdjusted: adjusted[i] }));
}
