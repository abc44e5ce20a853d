/**
 * The detector sections of docs/instrument.md ("How shifts are found", "Confidence"), kept next to
 * the detector so they change with it. Rendered by bench/lib/instrument-doc.ts; a unit test checks
 * the committed file matches.
 */
import { PRIOR_PRECISION } from '../../src/core/detect/user-calibration.ts';
import { DETECTOR_PARAMS } from '../../src/core/detect/params.ts';
import { STRENGTH_CUTS } from '../../src/core/vocabulary/judgements.ts';
import { trustSummary } from '../../src/core/detect/trust.ts';
import { PROMPT_MODEL } from '../../src/core/detect/prompt-model-data.ts';

export function detectorDocSection(): string[] {
  const p = DETECTOR_PARAMS;
  return [
    '## How shifts are found',
    '',
    'Two views of every reply are compared *within the conversation* (never against a stored',
    'description of any model, so it applies to models it has never seen):',
    '',
    '1. **Scalar style features** (weighted: ' +
      Object.entries(p.weights)
        .map(([f, w]) => `\`${f}\` ${w}`)
        .join(', ') +
      '),',
    ...(p.expectedFromPrompt
      ? [
          `   each minus what the user's request predicts for it (the learned prompt model \`${PROMPT_MODEL.version}\`, below), then`,
          '   standardised within the conversation: median centre; scale = reply-to-reply noise (median',
          '   absolute first difference) shrunk toward the residual noise scale measured on development',
        ]
      : [
          '   standardised within the conversation: median centre; scale = reply-to-reply noise (median',
          '   absolute first difference) shrunk toward a prior noise scale measured on development',
        ]),
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
    '',
    '**The prompt model** (`src/core/detect/prompt-predictor.ts`, data in `prompt-model-data.ts`, 688 KB, shipped',
    'in the build, no download): for a user request, the expected value of each of the 32 features across many',
    'generators. Input: hashed lower-cased word 1–2-grams of the request (4096 buckets, sublinear tf, unit',
    'length) plus the 10 generic request cues of `features/prompt.ts`; one ridge regression per feature',
    '(λ by 5-fold cross-validation over prompts). Trained by `npm run train:prompt-model` (deterministic) on',
    'AlpacaEval (tatsu-lab/alpaca_eval, Apache-2.0): the mean reply of 122 development generators to each of',
    '483 development prompts; evaluation generators and prompts are never read. On held-out prompts and',
    'generators (`npm run bench:prompt-model`) it explains, within one generator, 18% of the variance of',
    '`words_log`, 24% of `list_share`, 10% of `paragraphs`, 9% of `function_word_share` (mean 8% over the',
    "weighted features), where the prompt itself (the other generators' mean reply to it) would explain",
    '59%, 54%, 47% and 24%: most of what a request does to a reply is not readable from its words with',
    '483 training prompts. The generic cues alone (p3) explained under 10%.',
    '',
    'All choices were made on development generators × development prompts only (`bench/lib/split-v2.ts`; DEV',
    'conversations are scored with out-of-fold prompt-model predictions). The weights are, per feature, the',
    "larger of the p4 weight and the feature's between- over within-generator spread of residuals on the",
    '122 development generators (kept when ≥ 0.25 of the best); the penalty is the DEV operating point:',
    'the best mean F1 over the DEV switch sets while every DEV set keeps ≤ 2 false switches per 100 possible',
    'switch points. Candidates compared on DEV (mean F1 at that point): p4 0.284, p4 weights on residuals',
    '0.348, separation weights on raw features 0.403, on residuals 0.415, p5 (both) 0.420; switch test off',
    "0.377, at p ≤ 0.2 0.376; noise-scale shrinkage 2–20 and clip 2–3.5 gave 0.401–0.424, within noise, so p4's",
    'values stay. A switch test with a Gaussian null (`gaussian-test.ts`: simulated no-change',
    "windows with each column's prior spread, widened to the window's own within-segment spread) can pass",
    'short segments: on DEV 3 + 3 windows at the true split it passes 34% of real cross-family switches and',
    '5% of single-generator windows, the shuffle test 29% and 6%. In the detector it did not pay (mean DEV F1',
    '0.376 at p ≤ 0.1, 0.406 at p ≤ 0.02, against 0.420 with the shuffle test), so it stays off',
    '(`gate.null`). Labels computed from prompt-model residuals instead of raw features were measured on',
    'DEV concise ↔ verbose (claude-2.1): 77% right against 78%, not adopted. A pairwise "same generator?"',
    'metric learned on prompt-matched pairs of the 122 development generators (squared differences of',
    'prompt-model residuals, logistic regression; `npm run bench:pair-metric`) reaches pair AUC 0.67 on other',
    'DEV pairs but 0.59 on the evaluation generators, 0.50 on gpt-4o ↔ gpt-4o-mini and 0.52 on the gpt-4-1106',
    'prompt modes, no better than the p5 weights used the same way (0.66 / 0.60 / 0.50 / 0.54); plugged into',
    'the segment cost as its weights it gave mean DEV F1 0.414 (p5: 0.420), so it is not used. Scalar',
    'features do not tell same-family generators apart; richer pair inputs (word and character n-grams)',
    'were not tried in this version.',
    'Measured and not adopted: the style skeleton kernel (best dev setting: +0.02 F1, within noise,',
    'and it did not carry to evaluation generators), a rank transform, the older style-token profile,',
    'a Gaussian kernel, a permutation test as the segmenter itself (e-divisive-like binary segmentation:',
    'far lower recall), a',
    'categorical formatting-habit profile (bullet, list, heading, quote, dash, opener/closer choices):',
    "single-reply pair AUC 0.54 on development generators, below the skeleton's 0.77, so not built on;",
    'and a cosine kernel on hashed word 1–2-grams plus line-start shapes (vocabulary habits): the dev',
    'tuner gave it weight 0 at every penalty. A word + character n-gram habit kernel (word 1–2-grams,',
    'character 3-grams of words, line-start shapes; Hellinger vectors, cosine kernel added to the segment',
    'cost; `npm run bench:detect -- --habit W`, detector 0.5, DEV only) gave mean DEV F1 at the DEV operating',
    'point 0.499 / 0.493 / 0.457 at weight 4 / 8 / 16 against 0.501 without it, and DEV near-family (llama-2 ↔',
    'vicuna) 0.20 / 0.21 / 0.14 against 0.22 (all four runs with in-sample prompt-model predictions: no',
    'out-of-fold file was at hand, so they are optimistic alike). Not adopted; no evaluation run.',
    'With `useModel`, a change of the page\'s model slug is also a switch ("model changed", confidence 1);',
    "the style labels at such a switch keep the style evidence's own confidence. The extension uses",
    '`useModel` (its version ends in `+model`); the CLI does only when asked (`--use-model`).',
    'Views show a model change as a fact read "from the page", never as a confidence.',
    '',
    'Measured (`npm run bench:detect`, p5, at ≤ 2 false switches per 100 switch points, EVAL generators ×',
    'EVAL prompts, 95% bootstrap intervals over conversations): F1 cross-family 0.44 [0.38, 0.50], same-family',
    '(gpt-4o ↔ gpt-4o-mini) 0.12 [0.08, 0.17], prompted-mode (gpt-4-1106 default / concise / verbose) 0.25',
    '[0.19, 0.31], topic-coherent cross-family 0.44 [0.35, 0.52] (p4 on the same sets: 0.26, 0.11, 0.24, 0.30).',
    'The targets (0.85 / 0.60 / 0.80 / 0.80) are missed by 0.41, 0.48, 0.55 and 0.36. At the same false-alarm',
    'rate the best every-k baseline reaches 0.14 / 0.12 / 0.13 / 0.00 (same-family: not beaten), and a',
    'supervised oracle that knows the two generators and was trained on them reaches 0.82 / 0.15 / 0.47 / 0.83:',
    'single replies of gpt-4o and gpt-4o-mini are hard to tell apart even for a classifier trained on them',
    '(65% right), so the same-family target lies far above what per-reply evidence supports on these sets.',
    'False switches per 100 switch points at that operating point: long single-generator chats 1.1, the same',
    'model with a change of task 2.2, ShareGPT 0.8, hh-rlhf 0.1, the ChatGPT export 2.8. Neither real gpt-4 →',
    'gpt-3.5 switch in the export is found.',
  ];
}

/** What bench:labels measured (numbers from its run logged in bench/eval-log.tsv, 2026-12-03). */
export function labelMeasurements(): string[] {
  return [
    'Measured (`npm run bench:labels`; the raw labels of detector 0.4 beside the honest ones, same segments).',
    'DEV, claude-2.1 concise ↔ verbose at the true change: top label right 76% raw, 62% honest. DEV, at the',
    'detector\'s own switches: a named label (not "style shift") at 80% of real switches and 70% of false ones',
    "raw, 76% and 61% honest; the top feature's mean |effect| 2.15 / 1.95 raw, 1.63 / 1.28 honest. Honest labels",
    'say less, and less often where nothing changed, but still name something at most false switches.',
    'The noise level trades one for the other (DEV, same threshold 0.6): at 1.5 standard errors concise ↔ verbose',
    'is 74% right and 69% of false switches get a named label; at 2 (committed), 62% and 61%.',
    'Trait sets (label top-1 right at the true change, target ≥ 90%): PersonaLLM Big Five 1% raw, 1% honest',
    '(160 conversations); concise ↔ verbose gpt-4-1106 (EVAL prompts) 55% raw, 42% honest (100); Assistant',
    'Axis 0% and 0% (6). The targets are missed by 89, 48 and 90 points. Honest labels lose on concise ↔',
    "verbose because with 5 + 5 replies a real change of length is often within the segments' own noise",
    '(read on DEV cases: the raw label was right, the honest one said "style shift").',
  ];
}

export function confidenceDocSection(): string[] {
  return [
    '## Confidence',
    '',
    'Each reply gets the probability that a new persona segment starts there: the cost reduction of a',
    'change at that reply (relative to the penalty) mapped through a logistic curve fitted on all detections',
    'of the DEV sets at the DEV operating point (switch sets and single-source controls, so false switches',
    "pull it down). Non-switch replies are capped at 0.49. Every label of a shift carries the shift's",
    'confidence. The newest reply of a conversation (3+ replies) has no right-hand context for the offline',
    'segmenter, so its confidence is the online BOCPD probability P(new segment starts here | replies so',
    'far), uncalibrated; the offline answer replaces it when the next reply arrives.',
    '',
    '**Calibration on unseen generators:** expected calibration error over all EVAL detections is 0.114',
    '(target ≤ 0.05, missed by 0.06; p3/p4 on the older benchmark: 0.20). Mid-range confidence is',
    'optimistic (stated 0.65 → 43% right, 0.74 → 57%), 0.84 is about right (82%). Not done: per-site',
    'penalties from the shown model slug. The dashboard\'s "About the instrument" says it in these words',
    '(src/core/detect/trust.ts, tied to the parameter version by a test):',
    '',
    `> ${trustSummary()}`,
    '',
    '**Your own curve** (`src/core/detect/user-calibration.ts`): every verdict on a reply (confirm or reject',
    'of a shift or of "no shift"; a relabel counts as a real change) with the confidence the shipped curve',
    'gives that reply refits p_you = σ(α + β·logit p_shipped) by maximum a posteriori, with a normal prior',
    `centred on the shipped curve (α = 0, β = 1, precision ${PRIOR_PRECISION}), so a few verdicts move it a little: three`,
    'rejected switches stated at 0.8 bring a stated 0.8 to 0.75, ten to 0.65, thirty to 0.45. The result is',
    "again a curve in the score (a' = α + β·a, b' = β·b), in steps of 0.05. The background worker refits at",
    'start-up and shortly after verdicts are saved, deleted or imported (src/background/user-calibration.ts;',
    'the confidences it reads come from re-analysing the annotated conversations with the shipped curve), keeps',
    "it in the store, and recomputes every stored label with it: the extension's version then ends in",
    '`+you.<α>_<β>`. "About the instrument" shows "your annotations: n confirmed / m rejected, curve adjusted".',
    'Not measured: how well a refitted curve is calibrated for a user (no verdicts from real users exist).',
    '',
    `Views therefore never print a confidence as a percentage: a stated confidence of ${STRENGTH_CUTS.strong} or more reads`,
    `"strong", ${STRENGTH_CUTS.moderate}–${STRENGTH_CUTS.strong} "moderate", below ${STRENGTH_CUTS.moderate} "weak" (src/core/vocabulary/judgements.ts), and one click on`,
    'the word shows what that strength has meant in measurement. Exports keep the number beside the word.',
    '',
    '## Persona names',
    '',
    'A persona state is named from the label rules\' poles it leans to (e.g. "terse · structured";',
    'src/core/detect/persona-name.ts): a rule names only when at least half of its features were measurable',
    '(English-lexicon features are not applicable on other languages, so a Dutch reply is never "formal"',
    'from punctuation alone), contradictory pairs such as "detached · playful" are never combined, and a',
    "pole needs a mean lean of at least 0.5 SD. Within a conversation the detector's segments are",
    'numbered (#1, #2, …). Across conversations the dashboard fits one persona vocabulary on all stored',
    "replies (src/core/vocabulary): P1, P2, … by number of replies, each conversation's segments mapped",
    'onto it, so a persona id and its colour mean the same in every view.',
  ];
}
