/**
 * Persona-trait sets, where the LABEL is what is judged (issue 14): one model, one known change
 * of trait, and the label at the change must name that trait in the right direction.
 *
 * - PersonaLLM Big Five: the same model told to be a character at one pole of a trait, then at the
 *   other pole (the four other traits unchanged): 5 stories, then 5 stories. The label vocabulary
 *   (src/core/detect/rules.ts) has no Big-Five names, so each trait is mapped, before looking at
 *   any result, to the label kind that describes its high pole: extraversion → tone (playful),
 *   agreeableness → warmth (warm), neuroticism → warmth (cool), openness → complexity (dense).
 *   Conscientiousness has no matching kind and counts as a miss whatever fires.
 * - Concise ↔ verbose: one model under a concise and a verbose prompt; expected "verbosity jump"
 *   (concise → verbose) or "verbosity drop".
 * - Assistant Axis: the activation-capped run (kept near the Assistant persona) for the first half
 *   of the turns, then the unsteered run of the same user turns; the paper documents the unsteered
 *   model drifting into a non-assistant persona, so the expected label is "identity" with
 *   self-reference / other-identity claims rising.
 */
import type { AnalyzeTurn } from '../../src/core/analyze.ts';
import type { ShiftLabel } from '../../src/core/model/types.ts';
import { LABEL_RULES } from '../../src/core/detect/rules.ts';
import type { CorpusRecord } from './corpus.ts';
import { readJsonl, toTurns, type RealConversation } from './data.ts';
import { makeRng } from './rng.ts';

export interface TraitConversation {
  id: string;
  turns: AnalyzeTurn[];
  /** Index of the first reply after the change. */
  change: number;
  /** Expected label kind and direction (+1: toward the rule's high pole). */
  expected: { kind: string; sign: 1 | -1 } | null;
  trait: string;
}

interface Story {
  id: string;
  model: string;
  persona_encoding: string;
  traits: Record<string, string>;
  iteration: number;
  prompt: string;
  text: string;
}

const HIGH_POLE: Record<string, string> = {
  extraversion: 'extroverted',
  agreeableness: 'agreeable',
  conscientiousness: 'conscientious',
  neuroticism: 'neurotic',
  openness: 'open to experience',
};
const TRAIT_LABEL: Record<string, { kind: string; sign: 1 | -1 } | null> = {
  extraversion: { kind: 'tone', sign: 1 },
  agreeableness: { kind: 'warmth', sign: 1 },
  neuroticism: { kind: 'warmth', sign: -1 },
  openness: { kind: 'complexity', sign: 1 },
  conscientiousness: null,
};

export function bigFiveSet(): TraitConversation[] {
  const stories = readJsonl<Story>('personas/personallm_bigfive_stories.jsonl');
  const byKey = new Map<string, Story[]>();
  for (const s of stories) {
    const k = `${s.model}|${Object.keys(HIGH_POLE)
      .map((t) => s.traits[t])
      .join('|')}`;
    byKey.set(k, [...(byKey.get(k) ?? []), s]);
  }
  const rng = makeRng(1403);
  const out: TraitConversation[] = [];
  for (const [key, group] of byKey) {
    const [model, ...poles] = key.split('|');
    Object.keys(HIGH_POLE).forEach((trait, ti) => {
      if (poles[ti] !== HIGH_POLE[trait]) return; // each unordered pair once, from its high side
      const other = byKey.get(
        [model, ...poles.map((p, j) => (j === ti ? stories.find((s) => s.traits[trait] !== HIGH_POLE[trait])!.traits[trait] : p))].join('|'),
      );
      if (!other) return;
      const highFirst = rng.int(0, 1) === 1;
      const [a, b] = highFirst ? [group, other] : [other, group];
      const turns = [...a, ...b].flatMap((s) => [
        { role: 'user' as const, text: s.prompt },
        { role: 'assistant' as const, text: s.text },
      ]);
      const base = TRAIT_LABEL[trait];
      out.push({
        id: `bigfive-${model}-${trait}-${poles.join('')}`,
        turns,
        change: a.length,
        trait,
        expected: base ? { kind: base.kind, sign: (highFirst ? -base.sign : base.sign) as 1 | -1 } : null,
      });
    });
  }
  return out;
}

/** concise ↔ verbose of one model on the given prompts: 5 replies in one mode, 5 in the other. */
export function verbositySet(pool: readonly CorpusRecord[], concise: string, verbose: string, count: number, seed: number): TraitConversation[] {
  const rng = makeRng(seed);
  const usable = pool.filter((r) => r.outputs[concise] && r.outputs[verbose]);
  return Array.from({ length: count }, (_, i) => {
    const prompts = rng.shuffle(usable).slice(0, 10);
    const up = rng.int(0, 1) === 1;
    const turns = prompts.flatMap((r, j) => {
      const g = j < 5 === up ? concise : verbose;
      return [
        { role: 'user' as const, text: r.prompt },
        { role: 'assistant' as const, text: r.outputs[g], model: g },
      ];
    });
    return { id: `verbosity-${concise}-${i}`, turns, change: 5, trait: 'verbosity', expected: { kind: 'verbosity', sign: up ? 1 : -1 } };
  });
}

export function assistantAxisSet(): TraitConversation[] {
  const all = readJsonl<RealConversation & { steering?: string; kind?: string }>('conversations/assistant_axis_transcripts.jsonl').filter(
    (c) => c.kind === 'case_studies',
  );
  const out: TraitConversation[] = [];
  for (const capped of all.filter((c) => c.steering === 'capped')) {
    const unsteered = all.find((c) => c.id === capped.id.replace('_capped', '_unsteered'));
    if (!unsteered) continue;
    const a = toTurns(capped),
      b = toTurns(unsteered);
    const half = Math.floor(a.length / 4) * 2; // an even number of turns: whole user/assistant pairs
    const turns = [...a.slice(0, half), ...b.slice(half)];
    const change = a.slice(0, half).filter((t) => t.role === 'assistant').length;
    out.push({ id: capped.id.replace('_capped', ''), turns, change, trait: 'assistant-axis drift', expected: { kind: 'identity', sign: 1 } });
  }
  return out;
}

/** Signed direction of a label from its rule and evidence (+1: toward the rule's high pole). */
export function labelSign(l: ShiftLabel): number {
  const rule = LABEL_RULES.find((r) => r.kind === l.kind);
  if (!rule) return 0;
  if (rule.up !== rule.down) return l.text === rule.up ? 1 : -1;
  const s = l.evidence.reduce((acc, e) => acc + (rule.features[e.feature] ?? 0) * e.effect, 0);
  return Math.sign(s);
}

/** Top label names the expected kind in the expected direction. */
export function labelRight(labels: readonly ShiftLabel[], expected: TraitConversation['expected'], anyRank = false): boolean {
  if (!expected) return false;
  const ls = anyRank ? labels : labels.slice(0, 1);
  return ls.some((l) => l.kind === expected.kind && labelSign(l) === expected.sign);
}
