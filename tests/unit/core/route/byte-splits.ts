/** Feeding a fixture to an incremental parser in pieces, as the observer does (one streaming TextDecoder). */

/** Push `bytes` split at `cuts` through one streaming decoder into `push`. */
export function feedBytes(push: (text: string) => void, bytes: Uint8Array, cuts: readonly number[]): void {
  const decoder = new TextDecoder('utf-8');
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    push(decoder.decode(bytes.subarray(start, cut), { stream: true }));
    start = cut;
  }
  push(decoder.decode());
}

/** Deterministic pseudo-random cut points, pieces of 1..maxPiece bytes. */
export function randomCuts(length: number, seed: number, maxPiece: number): number[] {
  let s = seed >>> 0;
  const cuts: number[] = [];
  for (let at = 0; ; ) {
    s = (s * 1664525 + 1013904223) >>> 0;
    at += 1 + (s % maxPiece);
    if (at >= length) return cuts;
    cuts.push(at);
  }
}

/** Every split the parser tests use: each two-way cut, 20 random splits, and 1-byte pieces. */
export function* allSplits(length: number): Generator<number[]> {
  for (let cut = 1; cut < length; cut++) yield [cut];
  for (let seed = 1; seed <= 20; seed++) yield randomCuts(length, seed, seed % 2 ? 7 : 3000);
  yield Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1);
}
