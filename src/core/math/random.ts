/**
 * mulberry32: the one seeded pseudo-random generator of src/core (router restarts and
 * permutations, the detector's switch test). Tiny, fast, identical in Node and the browser.
 * The state is kept as a signed 32-bit integer (| 0): the same bits as >>> 0, but a small
 * integer for V8, so advancing it allocates nothing.
 */
export function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
