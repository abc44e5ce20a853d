import { describe, expect, it } from 'vitest';
import { analyzeConversation, DETECTOR_VERSION, type AnalyzeTurn } from '../../../../src/core/analyze.ts';
import { LABEL_VOCABULARY } from '../../../../src/core/detect/vocabulary.ts';
import { labelChange } from '../../../../src/core/detect/labels.ts';
import { FEATURE_NAMES } from '../../../../src/core/features/registry.ts';
import { l2Cost } from '../../../../src/core/changepoint/cost.ts';

const terse = (i: number) => `Yes. Use option ${i}.`;
const long = (i: number) =>
  `## Overview ${i}\n\nThere are several important considerations here, and it is worth going through each of them carefully before deciding.\n\n- **First**, the configuration must be checked thoroughly, because defaults differ between versions.\n- **Second**, the environment variables should be reviewed, since they override the file.\n- **Third**, the logs usually show the underlying cause of the failure.\n\nIn summary, following these steps resolves the problem in most cases. Additionally, documenting the change helps the team later.`;

function conv(replies: string[]): AnalyzeTurn[] {
  return replies.flatMap((r, i) => [
    { role: 'user' as const, text: `question ${i}` },
    { role: 'assistant' as const, text: r, model: i < 6 ? 'small' : 'large' },
  ]);
}

describe('analyzeConversation', () => {
  const turns = conv([...Array.from({ length: 6 }, (_, i) => terse(i)), ...Array.from({ length: 6 }, (_, i) => long(i))]);
  const a = analyzeConversation(turns);

  it('has one analysis per assistant reply, with features and the detector version', () => {
    expect(a.detectorVersion).toBe(DETECTOR_VERSION);
    expect(DETECTOR_VERSION).toMatch(/^\d+\.\d+\.\d+\+/);
    expect(a.replies).toHaveLength(12);
    a.replies.forEach((r, i) => expect(r.index).toBe(i));
    expect(Object.keys(a.replies[0].features).sort()).toEqual([...FEATURE_NAMES].sort());
  });
  it('finds the terse → long structured switch and labels it in words with evidence', () => {
    expect(a.switches).toEqual([6]);
    const r = a.replies[6];
    expect(r.shift).toBe(true);
    expect(r.confidence).toBeGreaterThan(0.5);
    const texts = r.labels.map((l) => l.text);
    expect(texts).toContain('verbosity jump');
    for (const l of r.labels) {
      expect(LABEL_VOCABULARY.map((v) => v.kind)).toContain(l.kind);
      expect(l.evidence.length).toBeGreaterThan(0);
    }
    expect(a.replies[5].state).not.toBe(a.replies[6].state);
    expect(a.replies.filter((x) => !x.shift).every((x) => x.confidence < 0.5 && x.labels.length === 0)).toBe(true);
  });
  it('ignores the model slug unless useModel, then a slug change is a switch with a model label', () => {
    const same = conv(Array.from({ length: 8 }, (_, i) => terse(i)));
    expect(analyzeConversation(same).switches).toEqual([]);
    const withModel = analyzeConversation(same, { useModel: true });
    expect(withModel.switches).toEqual([6]);
    expect(withModel.replies[6].labels[0].text).toBe('model changed: small → large');
    expect(withModel.replies[6].confidence).toBe(1);
  });
  it('handles empty, single-reply and user-only conversations', () => {
    expect(analyzeConversation([]).replies).toEqual([]);
    expect(analyzeConversation([{ role: 'user', text: 'hi' }]).switches).toEqual([]);
    const one = analyzeConversation([{ role: 'assistant', text: 'Hello there.' }]);
    expect(one.replies[0]).toMatchObject({ index: 0, shift: false, confidence: 0, state: 'A' });
  });
  it('recurrence: a return to the first persona reuses its state', () => {
    const abab = conv([
      ...Array.from({ length: 5 }, (_, i) => terse(i)),
      ...Array.from({ length: 5 }, (_, i) => long(i)),
      ...Array.from({ length: 5 }, (_, i) => terse(i + 9)),
    ]);
    const r = analyzeConversation(abab);
    expect(r.switches).toEqual([5, 10]);
    expect(r.replies[12].state).toBe(r.replies[0].state);
  });
});

describe('labelChange', () => {
  it('names the direction: hedged → assertive, refusal mode on', () => {
    const before = Array.from({ length: 4 }, () => ({ hedge_per_100w: 5, booster_per_100w: 0, refusal_per_100w: 0 }));
    const after = Array.from({ length: 4 }, (_, i) => ({ hedge_per_100w: 0.5, booster_per_100w: 3 + i * 0.1, refusal_per_100w: 2 }));
    const labels = labelChange(before, after, 0.7, {
      priorScale: { hedge_per_100w: 1, booster_per_100w: 0.3, refusal_per_100w: 0.1 },
      minEffect: 0.8,
      minEvidence: 0.5,
      maxLabels: 3,
    });
    const texts = labels.map((l) => l.text);
    expect(texts).toContain('stance: hedged → assertive');
    expect(texts).toContain('refusal mode on');
    expect(labels.every((l) => l.confidence === 0.7)).toBe(true);
    const stance = labels.find((l) => l.kind === 'stance')!;
    expect(stance.evidence.find((e) => e.feature === 'hedge_per_100w')).toMatchObject({ before: 5, after: 0.5 });
  });
  it('falls back to "style shift" with the largest moves when no rule fires', () => {
    const same = Array.from({ length: 3 }, () => ({ words_log: 2 }));
    const labels = labelChange(same, same, 0.3, { priorScale: { words_log: 0.3 }, minEffect: 0.8, minEvidence: 0.5, maxLabels: 3 });
    expect(labels).toHaveLength(1);
    expect(labels[0].kind).toBe('style');
  });
  it('extra segment-cost parts (the bench extension point) add evidence; none leaves the result as it was', () => {
    const same = conv(Array.from({ length: 12 }, () => 'The same reply every time, with the same words.'));
    const plain = analyzeConversation(same);
    expect(plain.switches).toEqual([]);
    // A cost that sees a change at reply 6 that the scalar features cannot see.
    const step = l2Cost(Array.from({ length: 12 }, (_, i) => [i < 6 ? 0 : 3]));
    expect(analyzeConversation(same, { extend: { costParts: () => [{ cost: step, weight: 8 }] } }).switches).toEqual([6]);
    expect(analyzeConversation(same, { extend: { costParts: () => [] } })).toEqual(plain);
  });
});

describe('honest labels (shrunk effects, only moves beyond noise)', () => {
  const o = { priorScale: { words_log: 0.3, paragraphs: 1 }, minEffect: 0.6, minEvidence: 0.5, maxLabels: 3 };
  const rows = (words: number[], paragraphs: number[]) => words.map((w, i) => ({ words_log: w, paragraphs: paragraphs[i] }));
  it('names a clear move, with its effect shrunk by τ²/(τ² + 1/n₁ + 1/n₂)', () => {
    const before = rows([1.0, 1.1, 0.9, 1.0], [1, 1, 1, 1]);
    const after = rows([2.0, 2.1, 1.9, 2.0], [4, 4, 4, 4]);
    const raw = labelChange(before, after, 1, o);
    const honest = labelChange(before, after, 1, { ...o, effectPrior: 1, minNoiseZ: 2 });
    expect(honest[0].text).toBe('verbosity jump');
    const rawWords = raw[0].evidence.find((e) => e.feature === 'words_log')!.effect;
    const honestWords = honest[0].evidence.find((e) => e.feature === 'words_log')!.effect;
    expect(honestWords).toBeCloseTo(rawWords * (1 / (1 + 1 / 4 + 1 / 4)), 2);
  });
  it('does not name a move that stays within the segments’ own noise', () => {
    // Means differ by 0.4 (over 1 prior SD) but each segment wanders by ±0.6: not beyond noise.
    const before = rows([0.4, 1.6, 0.4, 1.6], [1, 3, 1, 3]);
    const after = rows([0.8, 2.0, 0.8, 2.0], [1, 3, 1, 3]);
    expect(labelChange(before, after, 1, { ...o, minEffect: 0.2 })[0].text).toBe('verbosity jump');
    const honest = labelChange(before, after, 1, { ...o, minEffect: 0.2, effectPrior: 1, minNoiseZ: 2 });
    expect(honest).toHaveLength(1);
    expect(honest[0].kind).toBe('style');
    expect(honest[0].evidence).toEqual([]);
  });
  it('lists as evidence only the features that moved beyond noise', () => {
    const before = rows([1.0, 1.1, 0.9, 1.0], [1, 5, 1, 5]);
    const after = rows([2.0, 2.1, 1.9, 2.0], [2, 6, 2, 6]);
    const [label] = labelChange(before, after, 1, { ...o, effectPrior: 1, minNoiseZ: 2 });
    expect(label.text).toBe('verbosity jump');
    expect(label.evidence.map((e) => e.feature)).toEqual(['words_log']);
  });
});
