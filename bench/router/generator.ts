/**
 * Seeded synthetic conversations with known truth, for validating the router analysis
 * (docs/reference/methods.md §3.8). Assistant replies are feature vectors (no text): the truth is in how the
 * vectors move. User turns are real user texts, passed in as pools, so the cue classifier and
 * the trigger test see real language.
 */
import { createRng, type Rng } from '../../src/core/router/random.ts';
import type { RouterConversation, RouterTurn } from '../../src/core/router/types.ts';

export type TruthClass = 'null' | 'linear-drift' | 'random-walk' | 'sticky-switcher' | 'boredom-switcher';
export const TRUTH_CLASSES: readonly TruthClass[] = ['null', 'linear-drift', 'random-walk', 'sticky-switcher', 'boredom-switcher'];

export interface UserPools {
  /** Real user turns the cue classifier calls boredom / low effort. */
  boredom: readonly string[];
  /** Real user turns with no boredom cue (other cues may occur, as in life). */
  other: readonly string[];
}

export interface GeneratorOptions {
  conversations: number;
  minReplies: number;
  maxReplies: number;
  dims: number;
  /** Probability that a user turn is a boredom cue (same in every class, so cues exist under the null). */
  boredomRate: number;
  /** Sticky switchers: per-reply probability of staying in the state (no cue). */
  stay: number;
  /** Boredom switcher: probability of switching right after a boredom cue. */
  switchAfterBoredom: number;
  states: number;
  /** Distance scale of state means, in noise standard deviations. */
  separation: number;
  /** Linear drift per reply (noise SD units), random-walk step SD. */
  slope: number;
  walkStep: number;
}

export const DEFAULT_GENERATOR: GeneratorOptions = {
  conversations: 16,
  minReplies: 8,
  maxReplies: 20,
  dims: 6,
  boredomRate: 0.15,
  stay: 0.85,
  switchAfterBoredom: 0.8,
  states: 3,
  separation: 1.5,
  slope: 0.1,
  walkStep: 0.3,
};

export interface SyntheticDataset {
  truth: TruthClass;
  conversations: RouterConversation[];
  /** True state / level index per reply, where the class has states. */
  trueStates: number[][];
}

const pick = (rng: Rng, xs: readonly string[]): string => xs[rng.int(xs.length)];

export function generateDataset(truth: TruthClass, seed: number, pools: UserPools, o: GeneratorOptions = DEFAULT_GENERATOR): SyntheticDataset {
  const rng = createRng(seed);
  const d = o.dims;
  const stateMeans = Array.from({ length: o.states }, () => Array.from({ length: d }, () => o.separation * rng.normal()));
  const direction = unit(Array.from({ length: d }, () => rng.normal()));
  const conversations: RouterConversation[] = [];
  const trueStates: number[][] = [];
  for (let c = 0; c < o.conversations; c++) {
    const n = o.minReplies + rng.int(o.maxReplies - o.minReplies + 1);
    const turns: RouterTurn[] = [];
    const states: number[] = [];
    let state = rng.int(o.states);
    let level = new Array<number>(d).fill(0);
    for (let t = 0; t < n; t++) {
      const bored = t > 0 && rng.next() < o.boredomRate;
      turns.push({ role: 'user', text: bored ? pick(rng, pools.boredom) : pick(rng, pools.other) });
      let mean: number[];
      switch (truth) {
        case 'null':
          mean = new Array<number>(d).fill(0);
          break;
        case 'linear-drift':
          mean = direction.map((v) => v * o.slope * t);
          break;
        case 'random-walk':
          if (t > 0) level = level.map((v) => v + o.walkStep * rng.normal());
          mean = level;
          break;
        case 'sticky-switcher':
        case 'boredom-switcher': {
          const pSwitch = truth === 'boredom-switcher' ? (bored ? o.switchAfterBoredom : 1 - o.stay) : 1 - o.stay;
          if (t > 0 && rng.next() < pSwitch) state = (state + 1 + rng.int(o.states - 1)) % o.states;
          mean = stateMeans[state];
          break;
        }
      }
      states.push(state);
      const features: Record<string, number> = {};
      mean.forEach((m, j) => (features[`f${j + 1}`] = m + rng.normal()));
      turns.push({ role: 'assistant', text: '', features });
    }
    conversations.push({ id: `${truth}-${seed}-${c}`, turns });
    trueStates.push(states);
  }
  return { truth, conversations, trueStates };
}

function unit(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
