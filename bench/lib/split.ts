/**
 * Development / evaluation split of the 12 alpaca_eval generators. Parameters are tuned on DEV
 * only; every number reported as "eval" comes from generators the detector never saw in tuning.
 * The evaluation side holds all three required sets: cross-family pairs of held-out generators,
 * the same-family pair (gpt-4o ↔ gpt-4o-mini) and the prompted-mode set (gpt-4-1106
 * default ↔ concise ↔ verbose). No same-family or prompted-mode pair exists among DEV
 * generators, so those two eval sets test pure transfer from cross-family tuning.
 *
 * Why not a bigger DEV side (e.g. 1106 default ↔ verbose in dev, evaluate on concise)? Every
 * required eval set would then contain a generator seen in tuning (concise is only a prompted
 * mode OF 1106; the mode sets need two modes), so the eval numbers would no longer be pure
 * held-out. Instead DEV gets a harder, near-family pair of its own: llama-2-70b-chat ↔
 * vicuna-13b (Vicuna is a fine-tune of LLaMA), tuned on beside the dev cross-family pairs, so
 * penalties and the confidence calibration are not fitted only on easy, very different pairs.
 * Penalties must also keep the false-switch rate low on EVERY dev generator (worst case, not the
 * mean), which is what has to carry to unseen generators.
 */

export const DEV_GENERATORS = ['claude-3-opus-20240229', 'llama-2-70b-chat-hf', 'vicuna-13b-v1.5', 'falcon-7b-instruct'] as const;

export const EVAL_GENERATORS = [
  'gpt4_1106_preview',
  'gpt4_1106_preview_concise',
  'gpt4_1106_preview_verbose',
  'gpt-4o-2024-05-13',
  'gpt-4o-mini-2024-07-18',
  'Mistral-7B-Instruct-v0.2',
  'gemini-pro',
  'text_davinci_003',
] as const;

function pairs<T>(xs: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) out.push([xs[i], xs[j]]);
  return out;
}

/** Near-family pair among DEV generators (tuning; a stand-in for the same-family difficulty). */
export const DEV_NEAR_FAMILY = ['llama-2-70b-chat-hf', 'vicuna-13b-v1.5'] as const;

/** Cross-family pairs among DEV generators (tuning). */
export const DEV_CROSS_PAIRS = pairs(DEV_GENERATORS);

/** Cross-family pairs among EVAL generators: OpenAI × Mistral, OpenAI × Google, Mistral × Google. */
const OPENAI = ['gpt4_1106_preview', 'gpt-4o-2024-05-13', 'gpt-4o-mini-2024-07-18', 'text_davinci_003'];
export const EVAL_CROSS_PAIRS: [string, string][] = [
  ...OPENAI.flatMap(
    (o) =>
      [
        [o, 'Mistral-7B-Instruct-v0.2'],
        [o, 'gemini-pro'],
      ] as [string, string][],
  ),
  ['Mistral-7B-Instruct-v0.2', 'gemini-pro'],
];

export const EVAL_SAME_FAMILY = ['gpt-4o-2024-05-13', 'gpt-4o-mini-2024-07-18'] as const;
export const EVAL_PROMPTED_MODES = ['gpt4_1106_preview', 'gpt4_1106_preview_concise', 'gpt4_1106_preview_verbose'] as const;
