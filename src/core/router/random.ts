/**
 * Seeded pseudo-random numbers (mulberry32): tiny, fast, identical in Node and the browser,
 * so every HMM restart and permutation is reproducible from one seed.
 */
import { mulberry32 } from '../math/random.ts';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed >>> 0 || 0x9e3779b9);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next(); // (0, 1], keeps log finite
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
