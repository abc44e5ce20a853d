/**
 * Regression guard for speed work: feature values (and style-profile checksums) on real replies
 * must equal those of the pre-optimisation code, stored once in tests/fixtures/features-golden.json.
 * AlpacaEval texts (Apache-2.0) are vendored in tests/fixtures/data; ShareGPT texts have no clear
 * licence, so that case reads the optional shared data folder and is skipped without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureReply } from '../../../../src/core/features/registry.ts';
import { sharedDataPath } from '../../../../scripts/shared-data.ts';
import { DATA_EXCERPTS } from '../../../fixtures/paths.ts';

interface GoldenCase {
  source: 'alpaca_eval' | 'sharegpt' | 'inline';
  id?: string;
  generator?: string;
  turn?: number;
  text?: string;
  features: Record<string, number | null>;
  profileChecksum: [number, number];
}

const GOLDEN = fileURLToPath(new URL('../../../fixtures/features-golden.json', import.meta.url));
const ALPACA = join(DATA_EXCERPTS, 'alpaca_eval.golden-replies.jsonl');
const SHAREGPT = sharedDataPath('conversations/sharegpt92k_sample.jsonl');

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
const cases = (JSON.parse(readFileSync(GOLDEN, 'utf8')) as { cases: GoldenCase[] }).cases;

/** Same weighting as when the golden file was written: sensitive to any changed bucket. */
function checksum(v: Float64Array): [number, number] {
  let a = 0,
    b = 0;
  for (let i = 0; i < v.length; i++) {
    a += v[i] * (i + 1);
    b += v[i] * v[i] * ((i % 7) + 1);
  }
  return [a, b];
}

function expectClose(actual: number | null | undefined, expected: number | null, what: string): void {
  if (expected === null) return expect(actual, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), what).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

function check(c: GoldenCase, text: string, where: string): void {
  const m = measureReply(text, true);
  expect(Object.keys(m.features).sort(), where).toEqual(Object.keys(c.features).sort());
  for (const [name, v] of Object.entries(c.features)) expectClose(m.features[name], v, `${where} ${name}`);
  const sum = checksum(m.profile!);
  expectClose(sum[0], c.profileChecksum[0], `${where} profile checksum a`);
  expectClose(sum[1], c.profileChecksum[1], `${where} profile checksum b`);
}

describe('feature values match the golden file', () => {
  it('inline edge cases', () => {
    const inline = cases.filter((c) => c.source === 'inline');
    expect(inline.length).toBeGreaterThan(10);
    inline.forEach((c, i) => check(c, c.text ?? '', `inline #${i} ${JSON.stringify(c.text).slice(0, 40)}`));
  });

  it('alpaca_eval replies', () => {
    const texts = new Map(readJsonl<{ id: string; generator: string; text: string }>(ALPACA).map((r) => [`${r.id}/${r.generator}`, r.text]));
    const real = cases.filter((c) => c.source === 'alpaca_eval');
    expect(real.length).toBeGreaterThan(150);
    for (const c of real) {
      const where = `${c.id}/${c.generator}`;
      expect(texts.has(where), where).toBe(true);
      check(c, texts.get(where)!, where);
    }
  });

  it.skipIf(!existsSync(SHAREGPT))('ShareGPT replies, including non-Latin scripts', () => {
    const byId = new Map(readJsonl<{ id: string; turns: { text: string }[] }>(SHAREGPT).map((r) => [r.id, r.turns]));
    const real = cases.filter((c) => c.source === 'sharegpt');
    expect(real.length).toBeGreaterThan(40);
    for (const c of real) check(c, byId.get(c.id!)?.[c.turn!]?.text ?? '', `${c.id}#${c.turn}`);
  });
});
