/**
 * What `npm run bench:detect` measured for the committed parameters on the EVALUATION generators
 * (models the detector was not tuned on). The dashboard and docs/instrument.md quote these, so the
 * product never claims more than was measured. A unit test ties them to PARAMS_VERSION: a
 * parameter change must come with new numbers.
 */
export interface DetectorTrust {
  paramsVersion: string;
  /** Share of flagged switches that matched a real change of generator (±1 reply), over the spliced sets. */
  precision: readonly [number, number];
  /** Share of real changes of generator that were flagged. */
  recall: readonly [number, number];
  /** False switches per 100 replies of single-source conversations (real chats and one-generator splices). */
  falseSwitchesPer100: readonly [number, number];
  /** Stated confidence → how often it was right. */
  reliability: readonly { stated: number; observed: number }[];
}

export const DETECTOR_TRUST: DetectorTrust = {
  paramsVersion: 'p4',
  precision: [0.53, 0.64],
  recall: [0.13, 0.21],
  falseSwitchesPer100: [0.1, 3.0],
  reliability: [
    { stated: 0.85, observed: 0.59 },
    { stated: 0.92, observed: 0.81 },
  ],
};

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One plain-language paragraph for people reading labels. */
export function trustSummary(t: DetectorTrust = DETECTOR_TRUST): string {
  const [r1, r2] = t.reliability;
  return (
    `On conversations from models it was not tuned on, ${pct(t.precision[0])}–${pct(t.precision[1])} of the switches it flagged matched a real ` +
    `change of model or prompted mode, it found ${pct(t.recall[0])}–${pct(t.recall[1])} of the real changes, and it flagged ${t.falseSwitchesPer100[0].toFixed(1)}–${t.falseSwitchesPer100[1].toFixed(1)} ` +
    `false switches per 100 replies of single-model chats. Its confidence is optimistic there: a stated ${r1.stated} was right ${pct(r1.observed)} ` +
    `of the time, a stated ${r2.stated} ${pct(r2.observed)}. Read confidence as an ordering (higher is more often right), not as a frequency.`
  );
}
