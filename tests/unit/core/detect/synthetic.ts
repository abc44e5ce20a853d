/** Seeded synthetic series for detector tests: null, drift and switches (docs/reference/methods.md §3.8). */
export function gaussian(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** d-dimensional series with unit noise; `means(t)` gives the mean vector at t. */
export function series(n: number, d: number, seed: number, means: (t: number) => number[]): number[][] {
  const g = gaussian(seed);
  return Array.from({ length: n }, (_, t) => means(t).map((m) => m + g()));
}

export const piecewise = (bounds: number[], levels: number[][]) => (t: number) => levels[bounds.filter((b) => t >= b).length];
