import { describe, expect, it } from 'vitest';
import { analyzeConversation, type AnalyzeTurn } from '../../../src/core/analyze.ts';
import { binseg } from '../../../src/core/changepoint/binseg.ts';
import { pelt } from '../../../src/core/changepoint/pelt.ts';
import { DETECTOR_PARAMS } from '../../../src/core/detect/params.ts';
import { benchAnalyze, benchSeries, paramsHash, searchOf, withChannels } from '../../../bench/lib/channels.ts';

const terse = (i: number) => `Yes. Use option ${i}.`;
const long = (i: number) =>
  `## Overview ${i}\n\nThere are several considerations here, worth going through one by one.\n\n- **First**, check the configuration.\n- **Second**, review the environment.\n- **Third**, read the logs.\n\nIn summary, these steps usually resolve it.`;
const conv = (replies: string[]): AnalyzeTurn[] =>
  replies.flatMap((r, i) => [
    { role: 'user' as const, text: i % 2 ? 'Explain in detail, with headings.' : `question ${i}` },
    { role: 'assistant' as const, text: r },
  ]);
const mixed = conv([...Array.from({ length: 6 }, (_, i) => terse(i)), ...Array.from({ length: 6 }, (_, i) => long(i))]);
const same = conv(Array.from({ length: 12 }, () => 'The same reply every time, with the same words.'));

describe('bench-only detector channels (bench/lib/channels.ts)', () => {
  it('with every channel off, benchAnalyze is the shipped detector', () => {
    expect(benchAnalyze(mixed)).toEqual(analyzeConversation(mixed));
    expect(benchAnalyze(mixed, { params: { ...DETECTOR_PARAMS, profileWeight: 0, styleWeight: 0, promptModel: {} } })).toEqual(analyzeConversation(mixed));
  });

  it('keeps the parameter hashes of the evaluation log (it counts runs of the same parameters by them)', () => {
    // ec34a1d9: p6. 4b2221a3: p5 (no discriminant, penalty 10, its confidence curve), hashed as the
    // DETECTOR_PARAMS object was laid out when it still held the channels (bench/eval-log.tsv).
    expect(paramsHash(DETECTOR_PARAMS)).toBe('ec34a1d9');
    const { discriminant: _, ...withoutDiscriminant } = DETECTOR_PARAMS;
    const p5 = { ...withoutDiscriminant, segment: { ...DETECTOR_PARAMS.segment, penaltyBase: 10 }, calibration: { a: -0.7168, b: 1.958 } };
    expect(paramsHash(p5)).toBe('4b2221a3');
    expect(Object.keys(withChannels({ ...DETECTOR_PARAMS, styleWeight: 4 }))).toEqual(Object.keys(withChannels(DETECTOR_PARAMS)));
    expect(paramsHash({ ...DETECTOR_PARAMS, styleWeight: 4 })).not.toBe('4b2221a3');
  });

  it('style-skeleton kernel: a switch seen only in the style vectors', () => {
    const unit = (b: number) => ({ index: Int32Array.from([b]), value: Float64Array.from([1]) });
    const styleVectors = Array.from({ length: 12 }, (_, i) => unit(i < 6 ? 3 : 7));
    const withStyle = { ...DETECTOR_PARAMS, styleWeight: 8 };
    expect(benchAnalyze(same, { styleVectors, params: withStyle }).switches).toEqual([6]);
    expect(benchAnalyze(same, { styleVectors, params: { ...DETECTOR_PARAMS, styleWeight: 0 } }).switches).toEqual([]);
    // Without precomputed vectors it computes them from the text: identical texts → no switch.
    expect(benchAnalyze(same, { params: withStyle }).switches).toEqual([]);
  });

  it('token-profile kernel: computes profiles and changes the evidence when on', () => {
    const off = benchAnalyze(mixed);
    const on = benchAnalyze(mixed, { params: { ...DETECTOR_PARAMS, profileWeight: 6 } });
    expect(on.switches).toContain(6);
    expect(on.replies.map((r) => r.confidence)).not.toEqual(off.replies.map((r) => r.confidence));
  });

  it('binary segmentation is chosen by segment.method', () => {
    expect(searchOf(DETECTOR_PARAMS)).toBe(pelt);
    const p = { ...DETECTOR_PARAMS, segment: { ...DETECTOR_PARAMS.segment, method: 'binseg' as const } };
    expect(searchOf(p)).toBe(binseg);
    expect(benchAnalyze(mixed, { params: p }).switches).toEqual([6]);
  });

  it('cue prompt model: residuals replace the raw features of the series (unless expectedFromPrompt)', () => {
    const features = [{ words_log: 1 }, { words_log: 2 }, { words_log: 1 }, { words_log: 2 }];
    const cues = [
      [1, 0],
      [1, 1],
      [1, 0],
      [1, 1],
    ];
    const p = { ...DETECTOR_PARAMS, expectedFromPrompt: false, weights: { words_log: 1 }, promptModel: { words_log: [0, 1] } };
    // The cue explains the whole alternation: the residual series is flat.
    expect(benchSeries(features, { cues }, p).matrix.every((row) => row[0] === 0)).toBe(true);
    expect(benchSeries(features, { cues }, { ...p, promptModel: {} }).matrix.some((row) => row[0] !== 0)).toBe(true);
  });
});
