/**
 * Fast, non-cryptographic string hashing for dedupe and edit detection (not for security).
 *
 * Two independent 32-bit multiply-xor lanes (cyrb53-style mixing) give a 64-bit value as 16 hex
 * characters: collisions are negligible at the scale of one user's history (millions of turns),
 * and it runs in Node and browsers with no async crypto API.
 */

/** 64-bit-ish hash of a string as 16 lowercase hex characters. */
export function hashString(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return toHex32(h2) + toHex32(h1);
}

/** Hash of a turn's role and text: the `contentHash` of `Turn`. */
export function contentHash(role: string, text: string): string {
  // A separator that cannot appear in a role keeps ("a","bc") and ("ab","c") apart.
  return hashString(role + '\u0000' + text);
}

function toHex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
