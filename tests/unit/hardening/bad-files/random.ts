/** A small seeded PRNG (mulberry32) so every fuzz run is reproducible from its seed. */
export interface Rng {
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  string(maxLength: number, alphabet?: string): string;
}

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
