import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../../src/core/detect/calibration.ts';
import { fitUserCalibration, switchIsReal, userCalibrationSummary, userConfidence, type VerdictSample } from '../../../../src/core/detect/user-calibration.ts';

const shipped = { a: -0.7168, b: 1.958 };
const many = (n: number, s: VerdictSample) => Array.from({ length: n }, () => s);

describe('per-user calibration from verdicts', () => {
  it('maps verdicts to "a switch starts here"', () => {
    expect(switchIsReal({ verdict: 'confirm', shift: true })).toBe(true);
    expect(switchIsReal({ verdict: 'reject', shift: true })).toBe(false);
    expect(switchIsReal({ verdict: 'confirm', shift: false })).toBe(false);
    expect(switchIsReal({ verdict: 'reject', shift: false })).toBe(true);
    expect(switchIsReal({ verdict: 'relabel', shift: true })).toBe(true);
  });

  it('without verdicts keeps the shipped curve', () => {
    const u = fitUserCalibration([], shipped);
    expect(u).toMatchObject({ alpha: 0, beta: 1, adjusted: false, confirmed: 0, rejected: 0 });
    expect(u.calibration).toEqual(shipped);
    expect(userCalibrationSummary(u)).toMatch(/none yet/);
  });

  it('lowers confidence when the user rejects confident switches, raises it when they confirm them', () => {
    const down = fitUserCalibration(many(30, { verdict: 'reject', shift: true, confidence: 0.8 }), shipped);
    const up = fitUserCalibration(many(30, { verdict: 'confirm', shift: true, confidence: 0.6 }), shipped);
    expect(userConfidence(0.8, down)).toBeLessThan(0.6);
    expect(userConfidence(0.6, up)).toBeGreaterThan(0.65);
    expect(down.rejected).toBe(30);
    expect(userCalibrationSummary(down)).toMatch(/30 rejected; curve adjusted/);
  });

  it('is shrunk toward the shipped curve: three verdicts move it less than thirty', () => {
    const s: VerdictSample = { verdict: 'reject', shift: true, confidence: 0.8 };
    const few = userConfidence(0.8, fitUserCalibration(many(3, s), shipped));
    const lots = userConfidence(0.8, fitUserCalibration(many(30, s), shipped));
    expect(few).toBeGreaterThan(0.7);
    expect(few).toBeLessThan(0.8);
    expect(lots).toBeLessThan(few);
  });

  it('its curve is the shipped curve composed with the recalibration', () => {
    const u = fitUserCalibration(
      [...many(10, { verdict: 'reject', shift: true, confidence: 0.85 }), ...many(5, { verdict: 'confirm', shift: true, confidence: 0.95 })],
      shipped,
    );
    for (const score of [0.5, 1, 2, 4]) expect(calibrate(score, u.calibration)).toBeCloseTo(userConfidence(calibrate(score, shipped), u), 6);
  });
});
