/** The word table: one id per distinct lower-cased word, whether looked up from a string or a text span. */
import { describe, expect, it } from 'vitest';
import { buildFeaturePhrases } from '../../../../src/core/features/engine/phrase-lexicon.ts';
import { WordTable } from '../../../../src/core/features/engine/word-table.ts';
import { CAT } from '../../../../src/core/features/types.ts';
import { createTextScan, scanText } from '../../../../src/core/text/word-scan.ts';
import { words } from '../../../../src/core/text/segment.ts';
import { FeatureEngine } from '../../../../src/core/features/engine/feature-engine.ts';
import { extractFeatures } from '../../../../src/core/features/registry.ts';
import { syllable } from 'syllable';
import { NEGATORS, VALENCE } from '../../../../src/core/lexicons/sentiment.ts';

describe('word table', () => {
  const table = new WordTable(buildFeaturePhrases());
  const internAll = (ws: readonly string[]) => table.internAll(ws);
  const internScanned = (t: string, scan: ReturnType<typeof createTextScan>) => table.internCounted(t, scan).tokens;
  const typeString = (id: number) => table.typeString(id);
  const tokenStats = (tokens: Int32Array) => table.tokenStats(tokens);

  const text = "the cat and the hat — i don't know, not good. the end; 𝐀𝐁 é e\u0301 naïve naive";
  const ws = words(text);

  it('gives spans and strings of the same word the same id, and different words different ids', () => {
    const scan = createTextScan();
    expect(scanText(text, scan)).toBe(true);
    const fromSpans = internScanned(text, scan);
    const fromStrings = internAll(ws);
    expect(Array.from(fromSpans)).toEqual(Array.from(fromStrings));
    ws.forEach((w, i) => expect(typeString(fromSpans[i])).toBe(w));
    const idOf = new Map<string, number>();
    ws.forEach((w, i) => idOf.set(w, fromSpans[i]));
    expect(new Set(idOf.values()).size).toBe(idOf.size);
  });

  it('sums categories, syllables, lengths and negated valence in one pass', () => {
    const s = tokenStats(internAll(ws));
    expect(s.categories[CAT.functionWord]).toBe(ws.filter((w) => ['the', 'and', 'i', "don't", 'not'].includes(w)).length);
    expect(s.categories[CAT.negator]).toBe(2); // don't, not
    expect(s.syllables).toBe(ws.reduce((n, w) => n + Math.max(1, syllable(w)), 0));
    expect(s.chars).toBe(ws.reduce((n, w) => n + w.length, 0));
    // AFINN valence, a negator flipping the next two words ("not good" → −3).
    let valence = 0,
      flip = 0;
    for (const w of ws) {
      const v = VALENCE.get(w);
      if (v !== undefined) valence += flip > 0 ? -v : v;
      flip = NEGATORS.has(w) ? 2 : Math.max(0, flip - 1);
    }
    expect(valence).not.toBe(0);
    expect(s.valence).toBe(valence);
  });

  it('keeps ids stable across many types (cache table cleared, slot table grown) and very long words', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`);
    const long = ['a'.repeat(20_000), 'a'.repeat(19_999) + 'b', 'abcdefghij', 'abcdefghik', 'naïveté'];
    const first = internAll([...many, ...long]);
    const again = internAll([...long, ...many]);
    expect(Array.from(again)).toEqual([...Array.from(first.subarray(many.length)), ...Array.from(first.subarray(0, many.length))]);
    expect(new Set(first).size).toBe(many.length + long.length);
    [...many, ...long].forEach((w, i) => expect(typeString(first[i])).toBe(w));
    // Spans of a text find the same ids as the strings.
    const text = long.join(' ');
    const scan = createTextScan();
    expect(scanText(text, scan)).toBe(true);
    expect(Array.from(internScanned(text, scan))).toEqual(Array.from(first.subarray(many.length)));
  });
});

describe('engines share nothing', () => {
  it("two engines give the same features, and one engine's word table does not change the other's ids", () => {
    const text = 'Honestly, I think this is a great question! However, it might not be quite right.';
    const fresh = new FeatureEngine();
    const warmed = new FeatureEngine();
    warmed.wordIds(['zebra', 'quokka', 'honestly']);
    expect(extractFeatures(text, warmed)).toEqual(extractFeatures(text, fresh));
    expect(fresh.typeString(fresh.wordIds(['honestly'])[0])).toBe('honestly');
    expect(fresh.wordIds(['honestly'])[0]).not.toBe(warmed.wordIds(['honestly'])[0]);
  });
});
