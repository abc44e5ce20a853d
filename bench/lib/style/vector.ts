/**
 * Hashed n-gram vectors of style skeletons, and their cosine Gram matrix.
 * Vector = hashed (FNV-1a) 1–3-grams of the skeleton tokens plus the positional tokens, sublinear
 * tf (1 + ln count), unit L2 length. Stored sparse (sorted bucket indices + values) so a dot
 * product costs O(nonzeros), and a conversation's Gram matrix of 200 replies stays cheap.
 */
import { skeleton } from './skeleton.ts';

export const STYLE_VECTOR_BUCKETS = 1 << 13;

export interface SparseVector {
  /** Sorted, distinct bucket indices. */
  index: Int32Array;
  value: Float64Array;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Hash of an n-gram from its tokens' hashes (order-sensitive; no string building: fast). */
function combine(h: number, next: number): number {
  return Math.imul(h ^ next, 0x01000193) ^ Math.imul((next >>> 15) | (next << 17), 0x85ebca6b);
}

const tokenHashCache = new Map<string, number>();
function tokenHash(t: string): number {
  let h = tokenHashCache.get(t);
  if (h === undefined) {
    h = hash(t);
    // Skeleton vocabulary is small (function words, shapes, punctuation); cap it anyway.
    if (tokenHashCache.size < 50000) tokenHashCache.set(t, h);
  }
  return h;
}

export interface StyleVectorOptions {
  buckets?: number;
  /** Longest n-gram (1–3). */
  maxN?: number;
  /** Weight of each positional (opener/closer) token against one body n-gram. */
  positionalWeight?: number;
  /** Per-bucket weights applied before normalisation (see weights.ts); length = buckets. */
  bucketWeights?: Float32Array | null;
}

/** Sparse unit-length style vector of a reply (empty vector for an empty reply). */
export function styleVector(text: string, o: StyleVectorOptions = {}): SparseVector {
  const buckets = o.buckets ?? STYLE_VECTOR_BUCKETS;
  const maxN = o.maxN ?? 3;
  const pw = o.positionalWeight ?? 1;
  const { tokens, positional } = skeleton(text);
  const counts = new Map<number, number>();
  const th = tokens.map(tokenHash);
  for (let i = 0; i < th.length; i++) {
    let h = 0x9747b28c;
    for (let n = 1; n <= maxN && i + n <= th.length; n++) {
      h = combine(h, th[i + n - 1]);
      const b = ((h ^ n) >>> 0) % buckets;
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
  }
  const entries = new Map<number, number>();
  for (const [b, c] of counts) entries.set(b, 1 + Math.log(c));
  for (const p of positional) {
    const b = hash('p:' + p) % buckets;
    entries.set(b, (entries.get(b) ?? 0) + pw);
  }
  const index = Int32Array.from([...entries.keys()].sort((a, b) => a - b));
  const value = new Float64Array(index.length);
  const bw = o.bucketWeights;
  let norm = 0;
  index.forEach((b, i) => {
    value[i] = entries.get(b)! * (bw ? bw[b] : 1);
    norm += value[i] * value[i];
  });
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < value.length; i++) value[i] /= norm;
  return { index, value };
}

export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0,
    j = 0,
    s = 0;
  while (i < a.index.length && j < b.index.length) {
    const x = a.index[i],
      y = b.index[j];
    if (x === y) s += a.value[i++] * b.value[j++];
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/**
 * Gram matrix (row-major n×n); cosine for unit-length vectors (an empty reply's row is 0).
 * Each row is scattered once into a dense scratch array, so a dot product is one pass over the
 * other vector's nonzeros (no branchy merge).
 */
export function cosineGram(vs: readonly SparseVector[], buckets = STYLE_VECTOR_BUCKETS): Float64Array {
  const n = vs.length;
  const K = new Float64Array(n * n);
  const dense = new Float64Array(buckets);
  for (let i = 0; i < n; i++) {
    const vi = vs[i];
    for (let q = 0; q < vi.index.length; q++) dense[vi.index[q]] = vi.value[q];
    for (let j = i; j < n; j++) {
      const vj = vs[j];
      let s = 0;
      for (let q = 0; q < vj.index.length; q++) s += dense[vj.index[q]] * vj.value[q];
      K[i * n + j] = K[j * n + i] = s;
    }
    for (let q = 0; q < vi.index.length; q++) dense[vi.index[q]] = 0;
  }
  return K;
}
