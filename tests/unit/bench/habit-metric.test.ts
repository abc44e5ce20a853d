import { describe, expect, it } from 'vitest';
import type { CorpusRecord } from '../../../bench/lib/corpus.ts';
import { fitHabitLda, project } from '../../../bench/lib/habit-lda.ts';
import { embed, fitHabitMetric, habitPairAuc, meanVector, sampleHabitPairs } from '../../../bench/lib/habit-metric.ts';
import { habitVector } from '../../../bench/lib/habit-vector.ts';
import { makeRng } from '../../../bench/lib/rng.ts';
import type { SparseVector } from '../../../bench/lib/style/vector.ts';

const sq = (v: SparseVector) => v.value.reduce((s, x) => s + x * x, 0);

/** A synthetic generator: topic noise on buckets 100..199, a habit level on bucket 7 (and 8 for "b"). */
function reply(gen: string, prompt: number, rng: ReturnType<typeof makeRng>): SparseVector {
  const m = new Map<number, number>();
  for (let k = 0; k < 6; k++) m.set(100 + ((prompt * 7 + k * 13 + rng.int(0, 3)) % 100), rng.int(1, 10) / 10);
  m.set(7, gen === 'a' ? 0.2 : gen === 'b' ? 0.8 : 0.5);
  if (gen === 'b') m.set(8, 0.3);
  const index = Int32Array.from([...m.keys()].sort((x, y) => x - y));
  return { index, value: Float64Array.from(index, (b) => m.get(b)! + rng.int(0, 10) / 200) };
}

function syntheticCorpus(gens: string[], prompts: number) {
  const rng = makeRng(7);
  const pool: CorpusRecord[] = Array.from({ length: prompts }, (_, i) => ({ id: String(i), prompt: `p${i}`, dataset: 'd', index: i, outputs: {} }));
  const vectors = new Map<string, SparseVector>();
  for (const g of gens) for (const r of pool) vectors.set(`${g}|${r.index}`, reply(g, r.index, rng));
  return { pool, vectorOf: (g: string, r: CorpusRecord) => vectors.get(`${g}|${r.index}`) ?? null };
}

describe('habit vector', () => {
  it('has four Hellinger groups (unit length each) and is deterministic', () => {
    const text = 'Sure! Here is a list:\n\n- one\n- two\n\nI hope this helps.';
    const v = habitVector(text);
    expect(habitVector(text)).toEqual(v);
    // Groups may share a bucket, so the squared length is close to (not exactly) 4.
    expect(sq(v)).toBeGreaterThan(3.5);
    expect(sq(v)).toBeLessThan(4.5);
    expect([...v.index]).toEqual([...v.index].sort((a, b) => a - b));
  });
  it('tells punctuation habits apart (curly vs straight apostrophe, em dash vs hyphen)', () => {
    const a = habitVector("It's fine - really, it's fine.");
    const b = habitVector('It’s fine — really, it’s fine.');
    expect(a).not.toEqual(b);
  });
});

describe('learned habit metric', () => {
  const { pool, vectorOf } = syntheticCorpus(['a', 'b', 'c'], 80);
  const pairs = sampleHabitPairs(pool, ['a', 'b', 'c'], vectorOf, 600, 1);
  it('samples prompt-matched same/different pairs in equal numbers', () => {
    expect(pairs.filter((p) => p.different).length).toBe(600);
    expect(pairs.filter((p) => !p.different).length).toBe(600);
  });
  it('puts its weight on the habit buckets, not the topic ones, and separates the generators', () => {
    const m = fitHabitMetric(pairs, { keep: 64 });
    const w = (b: number) => {
      const j = [...m.buckets].indexOf(b);
      return j < 0 ? 0 : m.weights[j];
    };
    const topic = Math.max(...[...m.buckets].filter((b) => b >= 100).map(w), 0);
    expect(w(7)).toBeGreaterThan(5 * topic);
    const held = sampleHabitPairs(pool, ['a', 'b', 'c'], vectorOf, 300, 2);
    expect(habitPairAuc((v) => embed(m, v), held)).toBeGreaterThan(0.9);
  });
  it('averages replies per side when asked (segment means)', () => {
    const four = sampleHabitPairs(pool, ['a', 'b'], vectorOf, 50, 3, undefined, 4);
    expect(four).toHaveLength(100);
    const mean = meanVector([vectorOf('a', pool[0])!, vectorOf('a', pool[1])!]);
    expect(mean.value[[...mean.index].indexOf(7)]).toBeCloseTo(
      (vectorOf('a', pool[0])!.value[[...vectorOf('a', pool[0])!.index].indexOf(7)] +
        vectorOf('a', pool[1])!.value[[...vectorOf('a', pool[1])!.index].indexOf(7)]) /
        2,
    );
  });
  it('the low-rank discriminant finds the habit direction, with unit noise per reply (no ridge)', () => {
    const replies = new Map(['a', 'b', 'c'].map((g) => [g, pool.map((r) => vectorOf(g, r)!)]));
    const p = fitHabitLda(replies, () => 'one family', pairs, { keep: 64, rank: 2, ridge: 1e-6 });
    const z = (g: string) => pool.map((r) => project(p, vectorOf(g, r)!)[0]);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
    const [za, zb, zc] = [z('a'), z('b'), z('c')];
    const pooled = Math.sqrt(mean([za, zb, zc].map((x) => sd(x) ** 2)));
    expect(Math.abs(mean(za) - mean(zb)) / pooled).toBeGreaterThan(3);
    expect(pooled).toBeCloseTo(1, 2);
  });
});
