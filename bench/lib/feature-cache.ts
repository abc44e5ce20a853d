/**
 * Features of every corpus reply (169 generators × 805 prompts), computed once and cached under
 * bench/.cache/ (git-ignored) keyed by a hash of the feature code, so a changed feature never
 * reads stale numbers. The cache also primes bench/lib/features.ts, so featuresOf(text) of a
 * corpus reply costs a map lookup.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FEATURE_NAMES, measureReply } from '../../src/core/features/registry.ts';
import { hashString } from '../../src/core/text/hash.ts';
import type { FeatureValues } from '../../src/core/model/types.ts';
import type { CorpusRecord } from './corpus.ts';
import { primeMeasures } from './features.ts';

export const CACHE_DIR = resolve(import.meta.dirname, '../.cache');
const SOURCE_DIRS = ['features', 'text', 'lexicons'].map((d) => resolve(import.meta.dirname, '../../src/core', d));

/** Hash of the source of everything a feature value depends on. */
function featureCodeHash(): string {
  const parts: string[] = [];
  for (const dir of SOURCE_DIRS) for (const f of readdirSync(dir).sort()) if (f.endsWith('.ts')) parts.push(f, readFileSync(join(dir, f), 'utf8'));
  return hashString(parts.join('\u0000'));
}

export interface CorpusFeatures {
  generators: string[];
  /** features(generator, record index) or null when the generator has no reply there. */
  get(generator: string, index: number): FeatureValues | null;
  /** One feature's value, NaN when missing or not applicable. */
  value(generator: string, index: number, feature: number): number;
}

export function corpusFeatures(records: readonly CorpusRecord[], log: (s: string) => void = () => {}): CorpusFeatures {
  const generators = [...new Set(records.flatMap((r) => Object.keys(r.outputs)))].sort();
  const d = FEATURE_NAMES.length;
  const key = hashString(featureCodeHash() + generators.join('|') + records.length);
  const file = join(CACHE_DIR, `corpus-features-${key}.bin`);
  let data: Float64Array;
  if (existsSync(file)) {
    const buf = readFileSync(file);
    data = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  } else {
    log(`extracting features of ${generators.length} generators × ${records.length} prompts (cached in ${file}) …`);
    const t0 = performance.now();
    data = new Float64Array(generators.length * records.length * d).fill(NaN);
    generators.forEach((g, gi) => {
      records.forEach((r, ri) => {
        const text = r.outputs[g];
        if (!text) return;
        const f = measureReply(text).features;
        const base = (gi * records.length + ri) * d;
        FEATURE_NAMES.forEach((n, k) => (data[base + k] = f[n] ?? NaN));
      });
    });
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(file, Buffer.from(data.buffer));
    log(`  done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const gIndex = new Map(generators.map((g, i) => [g, i]));
  const value = (g: string, i: number, k: number) => {
    const gi = gIndex.get(g);
    return gi === undefined ? NaN : data[(gi * records.length + i) * d + k];
  };
  const get = (g: string, i: number): FeatureValues | null => {
    if (!records[i].outputs[g]) return null;
    const out: FeatureValues = {};
    FEATURE_NAMES.forEach((n, k) => {
      const v = value(g, i, k);
      out[n] = Number.isNaN(v) ? null : v;
    });
    return out;
  };
  for (const g of generators) records.forEach((r, i) => r.outputs[g] && primeMeasures(r.outputs[g], get(g, i)!));
  return { generators, get, value };
}
