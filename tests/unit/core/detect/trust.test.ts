import { describe, expect, it } from 'vitest';
import { PARAMS_VERSION } from '../../../../src/core/detect/params.ts';
import { DETECTOR_TRUST, trustSummary } from '../../../../src/core/detect/trust.ts';

describe('measured trust numbers', () => {
  it('belong to the committed parameters (re-run npm run bench:detect and update trust.ts when params change)', () => {
    expect(DETECTOR_TRUST.paramsVersion).toBe(PARAMS_VERSION);
  });

  it('read as ranges and a stated → observed comparison', () => {
    const text = trustSummary({
      paramsVersion: 'x',
      precision: [0.5, 0.6],
      recall: [0.1, 0.2],
      falseSwitchesPer100: [0.5, 2],
      reliability: [
        { stated: 0.8, observed: 0.6 },
        { stated: 0.9, observed: 0.7 },
      ],
    });
    expect(text).toContain('50%–60%');
    expect(text).toContain('a stated 0.8 was right 60%');
    expect(text).toContain('0.5–2.0 false switches per 100');
  });
});
