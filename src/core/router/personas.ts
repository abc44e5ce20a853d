/**
 * The router report on the global persona vocabulary (core/vocabulary): every reply's persona
 * (P1, P2, … — the same id, name and colour as in the conversation view) from its stored detector
 * state, and each router state's make-up in those personas. The router's HMM states are its
 * statistical model; the personas are what a person recognises from every other screen.
 */
import { personaOf, type Persona, type PersonaVocabulary } from '../vocabulary/repertoire.ts';
import type { RepertoireResult } from './types.ts';

export interface StatePersonas {
  /** Router state id ("#1"). */
  state: string;
  /** Personas of this state's replies, most replies first, with their share of the state's mapped replies. */
  personas: { persona: Persona; share: number }[];
  /** Replies of this state that map onto a persona. */
  mapped: number;
  replies: number;
}

export interface RouterPersonas {
  /** persona per reply, timeline order: timeline[c][t]; null where the reply has no stored state in the vocabulary. */
  timeline: (Persona | null)[][];
  states: StatePersonas[];
}

export function routerPersonas(repertoire: RepertoireResult, vocabulary: PersonaVocabulary): RouterPersonas {
  const timeline = repertoire.timeline.map((row) =>
    row.segments.map((seg) => (seg === null || seg === undefined ? null : personaOf(vocabulary, row.conversationId, seg))),
  );
  const states = repertoire.states.map((s) => {
    const counts = new Map<string, { persona: Persona; n: number }>();
    let mapped = 0;
    let replies = 0;
    repertoire.timeline.forEach((row, c) =>
      row.states.forEach((st, t) => {
        if (st !== s.id) return;
        replies++;
        const p = timeline[c][t];
        if (!p) return;
        mapped++;
        const e = counts.get(p.id) ?? { persona: p, n: 0 };
        e.n++;
        counts.set(p.id, e);
      }),
    );
    const personas = [...counts.values()]
      .sort((a, b) => b.n - a.n || a.persona.rank - b.persona.rank)
      .map((e) => ({ persona: e.persona, share: e.n / mapped }));
    return { state: s.id, personas, mapped, replies };
  });
  return { timeline, states };
}
