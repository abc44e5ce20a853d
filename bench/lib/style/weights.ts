/**
 * Style-vector bucket weights: how much each hashed skeleton n-gram bucket varies between
 * generators relative to within one (learned on development generators only by
 * bench/lib/style-weights.ts; generic like idf, no generator profile is stored). Quantised to
 * 0..255 relative to the 99th percentile, base64 in weights-data.ts.
 */
import { WEIGHTS_BASE64 } from './weights-data.ts';

export function encodeWeights(w: Float32Array): string {
  const sorted = [...w].sort((a, b) => a - b);
  const top = sorted[Math.floor(0.99 * (sorted.length - 1))] || 1;
  const q = new Uint8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.min(255, Math.round((255 * w[i]) / top));
  let s = '';
  for (const b of q) s += String.fromCharCode(b);
  return btoa(s);
}

export function decodeWeights(base64: string): Float32Array {
  const s = atob(base64);
  const w = new Float32Array(s.length);
  for (let i = 0; i < s.length; i++) w[i] = s.charCodeAt(i) / 255;
  return w;
}

let cached: Float32Array | null = null;

/** The committed bucket weights (decoded once). */
export function styleBucketWeights(): Float32Array {
  cached ??= decodeWeights(WEIGHTS_BASE64);
  return cached;
}
