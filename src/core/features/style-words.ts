/** Words and hashing of the style token profile (profile.ts); shared with the word table. */

export const STYLE_BUCKETS = 512;

/** FNV-1a bucket of a token. */
export function styleBucket(token: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return (h >>> 0) % buckets;
}

/** Discourse markers and stock phrasing words that are habits rather than topic (v1). */
export const STYLE_WORDS: ReadonlySet<string> = new Set(
  `certainly sure absolutely here here's however additionally furthermore moreover overall ultimately
  essentially basically generally typically important note remember hope helps feel free let know
  please thank thanks great happy glad example instance following steps step first second finally
  also well ok okay yes no just really actually simply quite rather perhaps maybe likely might
  could would should can will may must including such like e.g i.e etc summary conclusion`.split(/\s+/),
);
