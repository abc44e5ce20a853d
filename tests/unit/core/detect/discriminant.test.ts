import { describe, expect, it } from 'vitest';
import { discriminantDim, discriminantRows, project, residualZ, type Discriminant } from '../../../../src/core/detect/discriminant.ts';
import { DISCRIMINANT } from '../../../../src/core/detect/discriminant-data.ts';
import { detectorSeries } from '../../../../src/core/detect/input.ts';
import { DETECTOR_PARAMS } from '../../../../src/core/detect/params.ts';
import { FEATURE_NAMES } from '../../../../src/core/features/registry.ts';

const toy: Discriminant = {
  version: 'toy',
  features: ['a', 'b'],
  scale: [2, 1],
  clip: 3,
  weights: [
    [1, 0],
    [0.5, -1],
  ],
  ratio: [1, 0.5],
};

describe('generator discriminant (src/core/detect/discriminant.ts)', () => {
  it('residual z-scores: over the scale, clipped, missing or not applicable as 0', () => {
    expect(residualZ(toy, { a: 5, b: 1 }, { a: 1, b: 0 })).toEqual([2, 1]);
    expect(residualZ(toy, { a: 100, b: -100 }, {})).toEqual([3, -3]);
    expect(residualZ(toy, { a: null }, { a: 1, b: 1 })).toEqual([0, 0]);
  });

  it('projects the residual z-scores on each dimension', () => {
    expect(project(toy, { a: 5, b: 1 }, { a: 1, b: 0 })).toEqual([2, 0]);
    expect(project(toy, { a: 1, b: 3 }, { a: 1, b: 0 })).toEqual([0, -3]);
  });

  it('gives each reply its dimensions by name, projected from the measured values', () => {
    const out = discriminantRows(
      toy,
      [
        { a: 5, b: 1 },
        { a: 1, b: 3 },
      ],
      [
        { a: 1, b: 0 },
        { a: 1, b: 0 },
      ],
    );
    expect(out).toEqual([
      { [discriminantDim(0)]: 2, [discriminantDim(1)]: 0 },
      { [discriminantDim(0)]: 0, [discriminantDim(1)]: -3 },
    ]);
    expect(discriminantRows(toy, [{ a: 5, b: 1 }], undefined)).toEqual([{ [discriminantDim(0)]: 2.5, [discriminantDim(1)]: 0.25 }]);
  });

  it('the shipped one reads every feature, with finite weights and positive scales, strongest dimension first', () => {
    expect(DISCRIMINANT.version).toBe('fd1');
    expect(DISCRIMINANT.features).toEqual(FEATURE_NAMES);
    expect(DISCRIMINANT.weights).toHaveLength(6);
    for (const row of DISCRIMINANT.weights) expect(row.every(Number.isFinite) && row.length === FEATURE_NAMES.length).toBe(true);
    expect(DISCRIMINANT.scale.every((s) => s > 0)).toBe(true);
    expect([...DISCRIMINANT.ratio].sort((x, y) => y - x)).toEqual(DISCRIMINANT.ratio);
  });

  it('the detector series carries its dimensions with the configured weight, and an override replaces it', () => {
    const features = [0.5, 0.6, 2.2, 2.3].map((w) => Object.fromEntries(FEATURE_NAMES.map((f) => [f, f === 'words_log' ? w : 0])));
    const series = detectorSeries(features, { requests: ['', '', '', ''] }, DETECTOR_PARAMS);
    expect(series.dims).toEqual([...Object.keys(DETECTOR_PARAMS.weights), ...DISCRIMINANT.weights.map((_, k) => discriminantDim(k))]);
    const off = detectorSeries(features, { requests: ['', '', '', ''] }, { ...DETECTOR_PARAMS, discriminant: undefined });
    expect(off.dims).toEqual(Object.keys(DETECTOR_PARAMS.weights));
    const one: Discriminant = { ...DISCRIMINANT, weights: [DISCRIMINANT.weights[0]], ratio: [DISCRIMINANT.ratio[0]] };
    const overridden = detectorSeries(features, { requests: ['', '', '', ''], discriminant: one }, DETECTOR_PARAMS);
    expect(overridden.dims.at(-1)).toBe(discriminantDim(0));
    expect(overridden.dims).toHaveLength(Object.keys(DETECTOR_PARAMS.weights).length + 1);
    // Only words_log moved: the strongest dimension moves with it, at most weight × clip.
    const column = overridden.matrix.map((row) => row.at(-1) ?? 0);
    expect(Math.max(...column.map(Math.abs))).toBeLessThanOrEqual((DETECTOR_PARAMS.discriminant?.weight ?? 0) * DETECTOR_PARAMS.clip + 1e-9);
    expect(Math.sign(column[3] - column[0])).toBe(Math.sign(DISCRIMINANT.weights[0][0]));
  });
});
