/**
 * Does the persona change more across a route change than within a run on one model? For each
 * pair of consecutive replies with a known served model: the persona distance (RMS difference
 * of the features, z-scored within the conversation), labelled "across" when the served model
 * changed. Statistic: mean(across) − mean(within); labels shuffled within each conversation.
 * One-sided, seeded. Pure.
 */
import { mulberry32 } from '../../math/random.ts';
import { mean, permutationP } from '../../math/stats.ts';
import type { FeatureValues } from '../../model/types.ts';
import type { PersonaAcrossResult, RouteReply } from './types.ts';

interface Pair {
  conversation: number;
  across: boolean;
  distance: number | null;
  shift: boolean;
}

/** Per-feature z-scores within one conversation; features constant or missing everywhere drop out. */
function zScored(features: readonly (FeatureValues | null)[]): (Map<string, number> | null)[] {
  const names = new Set<string>();
  for (const f of features) if (f) for (const [k, v] of Object.entries(f)) if (v !== null) names.add(k);
  const stats = new Map<string, { mu: number; sd: number }>();
  for (const name of names) {
    const xs = features.map((f) => f?.[name]).filter((v): v is number => typeof v === 'number');
    if (xs.length < 2) continue;
    const mu = mean(xs);
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mu) ** 2, 0) / (xs.length - 1));
    if (sd > 1e-9) stats.set(name, { mu, sd });
  }
  return features.map((f) => {
    if (!f) return null;
    const z = new Map<string, number>();
    for (const [name, { mu, sd }] of stats) {
      const v = f[name];
      if (typeof v === 'number') z.set(name, (v - mu) / sd);
    }
    return z;
  });
}

function distance(a: Map<string, number> | null, b: Map<string, number> | null): number | null {
  if (!a || !b) return null;
  let sum = 0;
  let n = 0;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y !== undefined) {
      sum += (x - y) ** 2;
      n++;
    }
  }
  return n === 0 ? null : Math.sqrt(sum / n);
}

export function personaAcrossRouteChanges(
  conversations: readonly (readonly RouteReply[])[],
  permutations: number,
  seed: number,
  minEvents: number,
): PersonaAcrossResult {
  const pairs: Pair[] = [];
  conversations.forEach((replies, c) => {
    const z = zScored(replies.map((r) => r.features));
    for (let i = 1; i < replies.length; i++) {
      if (replies[i].route?.served == null || replies[i - 1].route?.served == null) continue;
      pairs.push({ conversation: c, across: replies[i].servedChanged, distance: distance(z[i - 1], z[i]), shift: replies[i].detectorShift });
    }
  });
  const across = pairs.filter((p) => p.across);
  const within = pairs.filter((p) => !p.across);
  const rate = (ps: Pair[]) => (ps.length ? ps.filter((p) => p.shift).length / ps.length : null);
  const meanOf = (ps: Pair[]) => {
    const ds = ps.map((p) => p.distance).filter((d): d is number => d !== null);
    return ds.length ? mean(ds) : null;
  };
  const result: PersonaAcrossResult = {
    acrossPairs: across.length,
    withinPairs: within.length,
    meanAcross: meanOf(across),
    meanWithin: meanOf(within),
    detectorShiftRateAcross: rate(across),
    detectorShiftRateWithin: rate(within),
    p: null,
    note: null,
  };
  const measured = pairs.filter((p) => p.distance !== null);
  const nAcross = measured.filter((p) => p.across).length;
  if (nAcross < minEvents || measured.length - nAcross < minEvents) {
    return {
      ...result,
      note: `too few pairs with features (${nAcross} across a route change, ${measured.length - nAcross} within; need ${minEvents} of each)`,
    };
  }
  const statistic = (labels: readonly boolean[]): number => {
    let sa = 0,
      na = 0,
      sw = 0,
      nw = 0;
    measured.forEach((p, i) => {
      if (labels[i]) {
        sa += p.distance!;
        na++;
      } else {
        sw += p.distance!;
        nw++;
      }
    });
    return sa / na - sw / nw;
  };
  const labels = measured.map((p) => p.across);
  const byConversation = new Map<number, number[]>();
  measured.forEach((p, i) => byConversation.set(p.conversation, [...(byConversation.get(p.conversation) ?? []), i]));
  const rand = mulberry32(seed + 104729);
  const nulls: number[] = [];
  const shuffled = [...labels];
  for (let b = 0; b < permutations; b++) {
    for (const idx of byConversation.values()) {
      const values = idx.map((i) => labels[i]);
      for (let i = values.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [values[i], values[j]] = [values[j], values[i]];
      }
      idx.forEach((i, j) => {
        shuffled[i] = values[j];
      });
    }
    nulls.push(statistic(shuffled));
  }
  return { ...result, p: permutationP(statistic(labels), nulls) };
}
