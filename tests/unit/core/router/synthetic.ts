/** Tiny seeded synthetic series for the router tests (feature vectors, no text). */
import { createRng } from '../../../../src/core/router/random.ts';
import type { RouterConversation } from '../../../../src/core/router/types.ts';

export type Kind = 'constant' | 'trend' | 'walk' | 'switcher';

/** `convs` conversations of `len` replies in `d` dims; returns conversations and true states. */
export function synth(kind: Kind, seed: number, convs = 12, len = 16, d = 3): { conversations: RouterConversation[]; states: number[][] } {
  const rng = createRng(seed);
  const means = [
    [2, -1.5, 0],
    [-2, 1.5, 1],
    [0, 2, -2],
  ];
  const conversations: RouterConversation[] = [];
  const states: number[][] = [];
  for (let c = 0; c < convs; c++) {
    let s = rng.int(3);
    let level = new Array<number>(d).fill(0);
    const turns: RouterConversation['turns'] = [];
    const st: number[] = [];
    for (let t = 0; t < len; t++) {
      if (t > 0 && rng.next() < 0.12) s = (s + 1 + rng.int(2)) % 3;
      if (t > 0) level = level.map((v) => v + 0.5 * rng.normal());
      const mu =
        kind === 'constant'
          ? new Array<number>(d).fill(0)
          : kind === 'trend'
            ? new Array<number>(d).fill(0.25 * t)
            : kind === 'walk'
              ? level
              : means[s].slice(0, d);
      st.push(s);
      const features: Record<string, number> = {};
      mu.forEach((m, j) => (features[`f${j}`] = m + rng.normal()));
      turns.push({ role: 'user', text: 'Tell me more about that.' }, { role: 'assistant', text: '', features });
    }
    conversations.push({ id: `${kind}-${c}`, turns });
    states.push(st);
  }
  return { conversations, states };
}

export const noText = () => ({});
