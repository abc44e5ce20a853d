/**
 * One persona vocabulary for the whole product: a global repertoire fitted on the user's own
 * history, with each conversation's segments (its per-conversation detector states) mapped onto
 * it. The conversation view, the badges' legend and the router view read persona ids and names
 * from here, so "P2 · terse · structured" means the same thing on every screen.
 *
 * Method (deterministic, no randomness): every reply's naming features (the label rules' features)
 * are standardised against the user's whole history (mean, SD floored by the detector's prior
 * scale, |z| capped); each conversation state becomes a unit with its mean profile; units are
 * grouped by leader clustering (largest first, join the nearest persona closer than
 * `mergeDistance` RMS-SD, else found a new one while there is room), then reassigned once to the
 * nearest persona centroid. Two states of one conversation never share a persona while there is
 * room (the detector separated them). Personas are numbered by how many replies they hold (P1 the most
 * common) and named from their centroid with the shared namer (detect/persona-name.ts).
 */
import type { FeatureValues } from '../model/types.ts';
import { LABEL_RULES } from '../detect/rules.ts';
import { PRIOR_SCALE } from '../detect/params.ts';
import { namePersona, type PoleEvidence } from '../detect/persona-name.ts';

export interface VocabularyReply {
  /** The per-conversation detector state of this reply ("A", "B", …). */
  state: string;
  features: FeatureValues;
}

export interface VocabularyConversation {
  key: string;
  /** Assistant replies in order (main line). */
  replies: readonly VocabularyReply[];
}

export interface Persona {
  /** "P1", "P2", …: numbered by number of replies, most common first. */
  id: string;
  /** 0-based rank (P1 = 0): the colour slot. */
  rank: number;
  /** Derived from the evidence, e.g. "terse · structured"; "typical" when nothing stands out. */
  name: string;
  replies: number;
  conversations: number;
  /** Share of all replies fitted. */
  share: number;
  /** The features behind the name: distance from your overall mean, in SDs, largest first. */
  evidence: PoleEvidence[];
  /** Rule kinds left out of the name because their features were not measurable (non-English text). */
  notApplicable: string[];
}

export interface PersonaVocabulary {
  personas: Persona[];
  /** conversation key → per-conversation state → persona id. */
  segments: Record<string, Record<string, string>>;
  replies: number;
}

export interface VocabularyOptions {
  /** RMS distance (in SDs) under which a state joins an existing persona. */
  mergeDistance?: number;
  /** At most this many personas (the palette has 8 colours). */
  maxPersonas?: number;
}

const Z_CAP = 4;
const DEFAULTS: Required<VocabularyOptions> = { mergeDistance: 0.9, maxPersonas: 8 };

/** The features names are made of, once each, in rule order. */
export const NAMING_FEATURES: readonly string[] = [...new Set(LABEL_RULES.flatMap((r) => Object.keys(r.features)))];

interface Unit {
  conversation: string;
  state: string;
  n: number;
  /** Mean z per naming feature; NaN where no reply measured it. */
  profile: number[];
}

function meanAndScale(convs: readonly VocabularyConversation[]): { mean: number[]; scale: number[] } {
  const d = NAMING_FEATURES.length;
  const sum = new Array<number>(d).fill(0),
    sq = new Array<number>(d).fill(0),
    n = new Array<number>(d).fill(0);
  for (const c of convs)
    for (const r of c.replies) {
      NAMING_FEATURES.forEach((f, k) => {
        const v = r.features[f];
        if (v === null || v === undefined || !Number.isFinite(v)) return;
        sum[k] += v;
        sq[k] += v * v;
        n[k]++;
      });
    }
  const mean = sum.map((s, k) => (n[k] ? s / n[k] : 0));
  const scale = NAMING_FEATURES.map((f, k) => {
    const variance = n[k] > 1 ? Math.max(0, (sq[k] - n[k] * mean[k] ** 2) / (n[k] - 1)) : 0;
    return Math.max(Math.sqrt(variance), PRIOR_SCALE[f] ?? 1e-3);
  });
  return { mean, scale };
}

function unitsOf(convs: readonly VocabularyConversation[], mean: readonly number[], scale: readonly number[]): Unit[] {
  const units: Unit[] = [];
  for (const c of convs) {
    const byState = new Map<string, { n: number; sum: number[]; count: number[] }>();
    for (const r of c.replies) {
      let u = byState.get(r.state);
      if (!u)
        byState.set(r.state, (u = { n: 0, sum: new Array<number>(NAMING_FEATURES.length).fill(0), count: new Array<number>(NAMING_FEATURES.length).fill(0) }));
      u.n++;
      NAMING_FEATURES.forEach((f, k) => {
        const v = r.features[f];
        if (v === null || v === undefined || !Number.isFinite(v)) return;
        u!.sum[k] += Math.max(-Z_CAP, Math.min(Z_CAP, (v - mean[k]) / scale[k]));
        u!.count[k]++;
      });
    }
    for (const [state, u] of byState) {
      units.push({ conversation: c.key, state, n: u.n, profile: u.sum.map((s, k) => (u.count[k] ? s / u.count[k] : NaN)) });
    }
  }
  return units;
}

/** RMS difference over the features both profiles measured; Infinity when none. */
function distance(a: readonly number[], b: readonly number[]): number {
  let s = 0,
    n = 0;
  for (let k = 0; k < a.length; k++) {
    if (Number.isNaN(a[k]) || Number.isNaN(b[k])) continue;
    s += (a[k] - b[k]) ** 2;
    n++;
  }
  return n ? Math.sqrt(s / n) : Infinity;
}

/** Reply-weighted mean profile of units (NaN-aware). */
function centroid(units: readonly Unit[]): number[] {
  const d = NAMING_FEATURES.length;
  const sum = new Array<number>(d).fill(0),
    w = new Array<number>(d).fill(0);
  for (const u of units)
    u.profile.forEach((v, k) => {
      if (!Number.isNaN(v)) {
        sum[k] += u.n * v;
        w[k] += u.n;
      }
    });
  return sum.map((s, k) => (w[k] ? s / w[k] : NaN));
}

/** Nearest centroid not in `taken` (the personas other states of the same conversation hold). */
/** A group's reply-weighted mean profile, updated per joining state in O(features). */
class RunningProfile {
  private readonly sum: number[];
  private readonly weight: number[];
  constructor(first: Unit) {
    this.sum = first.profile.map(() => 0);
    this.weight = first.profile.map(() => 0);
    this.add(first);
  }
  add(u: Unit): void {
    u.profile.forEach((v, k) => {
      if (!Number.isNaN(v)) {
        this.sum[k] += u.n * v;
        this.weight[k] += u.n;
      }
    });
  }
  mean(): number[] {
    return this.sum.map((s, k) => (this.weight[k] ? s / this.weight[k] : NaN));
  }
}

function nearest(profile: readonly number[], centroids: readonly number[][], taken: ReadonlySet<number> = new Set()): { index: number; d: number } {
  let index = -1,
    d = Infinity;
  centroids.forEach((c, i) => {
    if (taken.has(i)) return;
    const x = distance(profile, c);
    if (x < d) {
      d = x;
      index = i;
    }
  });
  return { index, d };
}

export function fitPersonaVocabulary(convs: readonly VocabularyConversation[], options: VocabularyOptions = {}): PersonaVocabulary {
  const o = { ...DEFAULTS, ...options };
  const { mean, scale } = meanAndScale(convs);
  // Largest states found personas first; ties keep input order (sort is stable).
  const units = unitsOf(convs, mean, scale).sort((a, b) => b.n - a.n);
  const groups: Unit[][] = [];
  const centroids: number[][] = [];
  // The detector already told a conversation's states apart (a switch separates them), so two
  // states of one conversation never share a persona while there is room for another one.
  const takenBy = (assigned: Map<string, Set<number>>, conversation: string) => {
    let t = assigned.get(conversation);
    if (!t) assigned.set(conversation, (t = new Set()));
    return t;
  };
  const held = new Map<string, Set<number>>();
  const sums: RunningProfile[] = [];
  for (const u of units) {
    const taken = takenBy(held, u.conversation);
    let near = nearest(u.profile, centroids, taken);
    const full = groups.length >= o.maxPersonas;
    if (near.index < 0 && full) near = nearest(u.profile, centroids);
    if (near.index >= 0 && (near.d < o.mergeDistance || full)) {
      groups[near.index].push(u);
      sums[near.index].add(u);
      centroids[near.index] = sums[near.index].mean();
      taken.add(near.index);
    } else {
      groups.push([u]);
      sums.push(new RunningProfile(u));
      centroids.push([...u.profile]);
      taken.add(groups.length - 1);
    }
  }
  // One refinement pass: each state to its nearest final centroid (same constraint).
  const final: Unit[][] = centroids.map(() => []);
  const refined = new Map<string, Set<number>>();
  for (const u of units) {
    const taken = takenBy(refined, u.conversation);
    let near = nearest(u.profile, centroids, taken);
    if (near.index < 0) near = nearest(u.profile, centroids);
    const index = near.index >= 0 ? near.index : 0;
    final[index].push(u);
    taken.add(index);
  }
  const total = units.reduce((s, u) => s + u.n, 0);
  const ranked = final
    .filter((g) => g.length > 0)
    .map((g) => ({ units: g, replies: g.reduce((s, u) => s + u.n, 0), profile: centroid(g) }))
    .sort((a, b) => b.replies - a.replies);
  const segments: Record<string, Record<string, string>> = {};
  const personas: Persona[] = ranked.map((g, rank) => {
    const id = `P${rank + 1}`;
    for (const u of g.units) (segments[u.conversation] ??= {})[u.state] = id;
    const named = namePersona((f) => {
      const v = g.profile[NAMING_FEATURES.indexOf(f)];
      return v === undefined || Number.isNaN(v) ? null : v;
    });
    return {
      id,
      rank,
      name: named.name,
      replies: g.replies,
      conversations: new Set(g.units.map((u) => u.conversation)).size,
      share: total ? g.replies / total : 0,
      evidence: named.poles.flatMap((p) => p.evidence.slice(0, 2)),
      notApplicable: named.notApplicable,
    };
  });
  return { personas, segments, replies: total };
}

/** The persona a conversation's state was mapped onto, or null when that state was not fitted. */
export function personaOf(v: PersonaVocabulary, conversationKey: string, state: string): Persona | null {
  const id = v.segments[conversationKey]?.[state];
  return id ? (v.personas.find((p) => p.id === id) ?? null) : null;
}

/** Stored per-reply analyses (any order, any conversations) → the vocabulary's input. */
export function conversationsFromAnalyses(
  analyses: readonly { conversationKey: string; index: number; state: string; features: FeatureValues }[],
): VocabularyConversation[] {
  const by = new Map<string, { index: number; state: string; features: FeatureValues }[]>();
  for (const a of analyses) {
    let list = by.get(a.conversationKey);
    if (!list) by.set(a.conversationKey, (list = []));
    list.push(a);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => ({ key, replies: list.sort((x, y) => x.index - y.index).map((a) => ({ state: a.state, features: a.features })) }));
}
