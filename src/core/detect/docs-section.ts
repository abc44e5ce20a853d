/**
 * The detector sections of docs/instrument.md ("How shifts are found", "Confidence"), kept next to
 * the detector so they change with it. Rendered by src/core/features/docs.ts; a unit test checks
 * the committed file matches.
 */
import { DETECTOR_PARAMS } from './params.ts';
import { trustSummary } from './trust.ts';

export function detectorDocSection(): string[] {
  const p = DETECTOR_PARAMS;
  return [
    '## How shifts are found',
    '',
    'Two views of every reply are compared *within the conversation* (never against a stored',
    'description of any model, so it applies to models it has never seen):',
    '',
    '1. **Scalar style features** (weighted: ' + Object.entries(p.weights).map(([f, w]) => `\`${f}\` ${w}`).join(', ') + '),',
    '   standardised within the conversation: median centre; scale = reply-to-reply noise (median',
    '   absolute first difference) shrunk toward a prior noise scale measured on development',
    `   generators (pseudo-count ${p.priorStrength}); |z| clipped at ${p.clip}. L2 (mean-shift) cost.`,
    '2. **Style skeleton vectors** (`src/core/style`, optional: `styleWeight` ' + p.styleWeight + (p.styleWeight ? '' : ', i.e. off') + '): each',
    '   reply with its topic removed: function words, punctuation, Markdown line marks (`## `, `1. **`,',
    '   `- `, tables, code fences), content words reduced to shape classes (Xx, x, d…), plus',
    '   position-tagged opener and closer tokens; hashed 1–3-grams (8192 buckets), sublinear tf, each',
    '   bucket weighted by how much it varies between generators relative to within one (learned on',
    '   development generators only, generic like idf), unit length; kernel change-point cost (Arlot,',
    '   Celisse & Harchaoui 2019) with the linear (cosine) kernel, added to the scalar cost.',
    '',
    `The cost is segmented offline with ${p.segment.method.toUpperCase()} (exact optimum of cost + penalty per change;`,
    `penalty = ${p.segment.penaltyBase} + ${p.segment.penaltyPerLogN}·ln n; segments of at least ${p.segment.minSize} replies). BinSeg and the online`,
    'BOCPD detector (Student-t predictive) is measured beside it in the benchmark, and it gives the live',
    'answer for the newest reply (see Confidence).',
    ...(p.gate.maxPValue < 1
      ? [
          `Each switch PELT finds must then pass a within-conversation permutation test: the replies of its two`,
          `neighbouring segments are shuffled ${p.gate.permutations} times (seeded, so answers are reproducible) and the best split of`,
          `each shuffle is compared with the observed one; a switch whose p-value exceeds ${p.gate.maxPValue} is dropped. The`,
          'penalty is one number for all conversations, but generators differ in how much their replies wander on',
          'their own; the test lets a restless conversation keep fewer switches. It shuffles the scalar-feature',
          'series, so it is skipped when a kernel cost (style skeleton, profile) is switched on.',
        ]
      : []),
    'All choices were made on development generators only (bench/lib/split.ts): shrinkage, penalty and',
    'the switch test\'s level maximise the mean F1 of the development switch sets while every development',
    'generator keeps ≤ 2 false switches per 100 single-source replies (worst case, not the mean).',
    'Measured and not adopted: the style skeleton kernel (best dev setting: +0.02 F1, within noise,',
    'and it did not carry to evaluation generators), a rank transform, the older style-token profile,',
    'a Gaussian kernel, a permutation test as the segmenter itself (e-divisive-like binary segmentation:',
    'far lower recall), and removing what the user\'s request predicts of each feature (generic cues or',
    'hashed request words explain under ~10% of reply-feature variance on held-out prompts), and a',
    'categorical formatting-habit profile (bullet, list, heading, quote, dash, opener/closer choices):',
    'single-reply pair AUC 0.54 on development generators, below the skeleton\'s 0.77, so not built on;',
    'and a cosine kernel on hashed word 1–2-grams plus line-start shapes (vocabulary habits): the dev',
    'tuner gave it weight 0 at every penalty.',
    'With `useModel`, a change of the page\'s model slug is also a switch ("model changed", confidence 1);',
    'the style labels at such a switch keep the style evidence\'s own confidence. The extension uses',
    '`useModel` (its version ends in `+model`); the CLI does only when asked (`--use-model`).',
    '',
    'Honest limits: on alpaca_eval replies to random prompts, the prompt explains about half of the',
    'variance of length and structure, and single replies of two generators differ by well under one',
    'SD on every measure tried, so a segment must run several replies before a switch is visible, and',
    'near-family or prompted-mode switches are mostly missed. How far per-reply evidence can go at',
    'all is measured by a supervised oracle in the benchmark (bench/lib/oracle.ts): a classifier trained',
    'on the very generators of each evaluation set (word 1–2-grams, line shapes and all scalar features;',
    'other prompts) and told which generators a conversation mixes, segmenting by best-source',
    'likelihood with its F1-best penalty. It reaches F1 0.83 cross-family, 0.57 same-family and 0.60',
    'prompted-mode, and picks the right generator for a single reply 82%, 64% and 59% of the time.',
    'All three targets lie above that ceiling; this detector, which may not know the models,',
    'reaches 0.32 / 0.21 / 0.31. Without knowing the models, a detector can only compare replies with',
    'each other; for two replies to different prompts, "same generator or not" has a pair AUC of',
    '0.49–0.59 on the evaluation sets under every representation measured (scalar features, style',
    'skeleton, word habits), and a pair metric learned on development generators (AUC 0.71 there)',
    'falls to 0.50–0.51 on evaluation generators: what separates some models does not carry to',
    'others. See `npm run bench:detect`.',
  ];
}

export function confidenceDocSection(): string[] {
  return [
    '## Confidence',
    '',
    'Each reply gets the probability that a new persona segment starts there: the cost reduction of a',
    'change at that reply (relative to the penalty) mapped through a logistic curve fitted on development',
    'detections (cross-family, near-family counted twice, single-source so false switches pull it down).',
    'Non-switch replies are capped at 0.49. Every label of a shift carries the shift\'s confidence. The newest',
    'reply of a conversation (3+ replies) has no right-hand context for the offline segmenter, so its',
    'confidence is the online BOCPD probability P(new segment starts here | replies so far), uncalibrated;',
    'the offline answer replaces it when the next reply arrives and the conversation is analysed again.',
    '',
    'How the curve was chosen (development generators only): a leave-one-generator-out cross-fit re-tunes',
    'shrinkage and penalty without each development generator, detects on that generator\'s conversations,',
    'and fits a curve on the pooled held-out detections. The benchmark compares that out-of-fold curve with',
    'a curve fitted in-sample on the other generators, by expected calibration error on held-out development',
    'generators, and keeps the better one (p4: out-of-fold, 0.054 against 0.060). Both tables are printed',
    'on every run (`npm run bench:detect`).',
    '',
    '**It is overconfident on unseen generators.** Expected calibration error on the evaluation',
    'generators (all spliced evaluation sets, including single-generator conversations) is 0.20 (p3,',
    'before the switch test: 0.23). The evaluation sets are harder than anything among the development',
    'generators (same-family and prompted-mode pairs, more false switches), and no development-only fit',
    'has captured that. The dashboard\'s "About the instrument" says it in these words',
    '(src/core/detect/trust.ts, tied to the parameter version by a test):',
    '',
    `> ${trustSummary()}`,
  ];
}
