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
  /** False switches per 100 possible switch points (n − 1 per conversation) of single-source conversations (real chats, long one-generator splices, task changes). */
  falseSwitchesPer100: readonly [number, number];
  /** Stated confidence → how often it was right. */
  reliability: readonly { stated: number; observed: number }[];
}

// p6, bench:detect v2 at the DEV operating point (bench/eval-log.tsv, 2026-12-04): EVAL switch sets
// cross-family, same-family, prompted-mode, topic-coherent; single-source sets incl. ShareGPT,
// hh-rlhf, the ChatGPT export, long one-generator splices and task changes; reliability bins
// [0.7, 0.8) and [0.8, 0.9) over all EVAL detections.
export const DETECTOR_TRUST: DetectorTrust = {
  paramsVersion: 'p6',
  precision: [0.27, 0.72],
  recall: [0.06, 0.39],
  falseSwitchesPer100: [0.1, 3.2],
  reliability: [
    { stated: 0.75, observed: 0.57 },
    { stated: 0.85, observed: 0.8 },
  ],
};

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One plain-language paragraph for people reading labels. */
export function trustSummary(t: DetectorTrust = DETECTOR_TRUST): string {
  const [r1, r2] = t.reliability;
  return (
    `On conversations from models it was not tuned on, ${pct(t.precision[0])}–${pct(t.precision[1])} of the switches it flagged matched a real ` +
    `change of model or prompted mode, it found ${pct(t.recall[0])}–${pct(t.recall[1])} of the real changes, and it flagged ${t.falseSwitchesPer100[0].toFixed(1)}–${t.falseSwitchesPer100[1].toFixed(1)} ` +
    `false switches per 100 reply-to-reply transitions of single-model chats. Its confidence is only roughly calibrated there: a stated ${r1.stated} was right ${pct(r1.observed)} ` +
    `of the time, a stated ${r2.stated} ${pct(r2.observed)}. Read confidence as an ordering (higher is more often right), not as a frequency.`
  );
}
