import { describe, expect, it } from 'vitest';
import { analyzeRouter } from '../../../../src/core/router/index.ts';
import { routerPersonas } from '../../../../src/core/router/personas.ts';
import type { RepertoireResult } from '../../../../src/core/router/types.ts';
import type { PersonaVocabulary } from '../../../../src/core/vocabulary/repertoire.ts';
import { createRng } from '../../../../src/core/router/random.ts';

const persona = (id: string, rank: number, name: string) => ({ id, rank, name, replies: 1, conversations: 1, share: 0.5, evidence: [], notApplicable: [] });
const VOCAB: PersonaVocabulary = {
  personas: [persona('P1', 0, 'terse'), persona('P2', 1, 'long · structured')],
  segments: { c1: { A: 'P1', B: 'P2' }, c2: { A: 'P2' } },
  replies: 6,
};
const REPERTOIRE = {
  states: [
    { id: '#1', name: 'terse', share: 0.5, profile: [], description: '' },
    { id: '#2', name: 'long', share: 0.5, profile: [], description: '' },
  ],
  timeline: [
    { conversationId: 'c1', states: ['#1', '#1', '#2'], maxPosterior: [1, 1, 1], segments: ['A', 'A', 'B'] },
    { conversationId: 'c2', states: ['#2', '#1', '#2'], maxPosterior: [1, 1, 1], segments: ['A', null, 'A'] },
  ],
} as unknown as RepertoireResult;

describe('the router report on the global persona vocabulary', () => {
  it("maps every reply to its persona through its stored segment, and gives each router state's make-up", () => {
    const r = routerPersonas(REPERTOIRE, VOCAB);
    expect(r.timeline.map((row) => row.map((p) => p?.id ?? null))).toEqual([
      ['P1', 'P1', 'P2'],
      ['P2', null, 'P2'],
    ]);
    // #1: three replies, two mapped (both P1); #2: three replies, all P2.
    expect(r.states[0]).toMatchObject({ state: '#1', replies: 3, mapped: 2 });
    expect(r.states[0].personas.map((p) => [p.persona.id, p.share])).toEqual([['P1', 1]]);
    expect(r.states[1].personas.map((p) => [p.persona.id, p.share])).toEqual([['P2', 1]]);
  });

  it('numbers router states and names them in the shared wording, never from a raw feature label', () => {
    const rng = createRng(3);
    const conversations = Array.from({ length: 12 }, (_, c) => ({
      id: `c${c}`,
      turns: Array.from({ length: 16 }, (_, t) => {
        const long = Math.floor(t / 4) % 2 === 1;
        return [
          { role: 'user' as const, text: 'tell me more' },
          {
            role: 'assistant' as const,
            text: '',
            features: {
              words_log: (long ? 6 : 3) + 0.3 * rng.normal(),
              paragraphs: (long ? 6 : 1) + 0.5 * rng.normal(),
              list_share: (long ? 0.5 : 0) + 0.05 * rng.normal(),
            },
          },
        ];
      }).flat(),
    }));
    const report = analyzeRouter(conversations, { extractFeatures: () => ({}), permutations: 19, bootstrap: 10, skipMirroring: true });
    const states = report.repertoire?.states ?? [];
    expect(states.length).toBeGreaterThan(1);
    states.forEach((s, i) => expect(s.id).toBe(`#${i + 1}`));
    for (const s of states) {
      expect(s.name).not.toMatch(/^(?:high|low) /);
      expect(s.name).not.toContain('(log words)');
    }
    expect(states.map((s) => s.name).join(' | ')).toMatch(/terse|long/);
  });
});
