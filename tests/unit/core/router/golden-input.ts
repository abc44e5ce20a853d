/**
 * The inputs of the router's golden test: the bundled demo history (real AlpacaEval text, features
 * from the instrument) and a seeded synthetic switcher whose user turns carry cues (feature vectors
 * given), each analysed with fixed options.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeRouter } from '../../../../src/core/router/analyze-router.ts';
import { createRng } from '../../../../src/core/router/random.ts';
import type { RouterConversation, RouterReport } from '../../../../src/core/router/types.ts';
import { synth } from './synthetic.ts';

const DEMO = fileURLToPath(new URL('../../../../demo/router-history.jsonl', import.meta.url));
const USER_TURNS = ['ok', 'Tell me more about that.', 'are you sure?', 'whatever', 'Can you write the function in Python with tests?', 'that is wrong', 'nice'];

/** The synthetic switcher with varied user turns, so cue, trigger and loop code all run. */
function switcherWithCues(): RouterConversation[] {
  const rng = createRng(77);
  return synth('switcher', 5, 30, 18, 3).conversations.map((c) => ({
    ...c,
    turns: c.turns.map((t) => (t.role === 'user' ? { ...t, text: USER_TURNS[rng.int(USER_TURNS.length)] } : t)),
  }));
}

export function goldenReports(): Record<string, RouterReport> {
  const demo = readFileSync(DEMO, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RouterConversation);
  return {
    demo: analyzeRouter(demo, { seed: 3, permutations: 199, bootstrap: 50 }),
    switcher: analyzeRouter(switcherWithCues(), { seed: 4, permutations: 199, bootstrap: 50, extractFeatures: () => ({}) }),
  };
}
