/** Fuzzing helpers over the project's one seeded PRNG (mulberry32), so every run is reproducible from its seed. */
import { mulberry32 } from '../../../../src/core/math/random.ts';

export interface Rng {
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  string(maxLength: number, alphabet?: string): string;
}

export function seededRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (list) => list[int(0, list.length - 1)],
    chance: (p) => next() < p,
    string(maxLength, alphabet) {
      const n = int(0, maxLength);
      let s = '';
      for (let i = 0; i < n; i++) {
        s += alphabet ? alphabet[int(0, alphabet.length - 1)] : String.fromCharCode(int(0, 0xffff));
      }
      return s;
    },
  };
}
