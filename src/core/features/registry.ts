/**
 * The one list of persona features. Docs (docs/instrument.md), CSV columns, labels and the UI
 * legend come from FEATURES; adding a family means adding one import here, nothing else.
 */
import type { FeatureValues } from '../model/types.ts';
import { FeatureEngine } from './engine/feature-engine.ts';
import { styleProfileOfTokens } from './profile.ts';
import type { FeatureDef, FeatureFamily } from './types.ts';
import { verbosity } from './verbosity.ts';
import { structure } from './structure.ts';
import { punctuation } from './punctuation.ts';
import { pronouns } from './pronouns.ts';
import { stance } from './stance.ts';
import { affect } from './affect.ts';
import { modes } from './modes.ts';
import { register } from './register.ts';
import { readability } from './readability.ts';
import { diversity } from './diversity.ts';

export type { FeatureDef } from './types.ts';

export const FEATURE_FAMILIES: readonly FeatureFamily[] = [
  verbosity,
  structure,
  punctuation,
  pronouns,
  stance,
  affect,
  modes,
  register,
  readability,
  diversity,
];

export const FEATURES: FeatureDef[] = FEATURE_FAMILIES.flatMap((f) => f.defs);

export const FEATURE_NAMES: readonly string[] = FEATURES.map((f) => f.name);

const ENGLISH_ONLY: readonly string[] = FEATURES.filter((f) => f.englishOnly).map((f) => f.name);

// Every reply's FeatureValues is a copy of this template, so all share one hidden class with fast
// properties: 32 keys added one by one with computed names would leave V8 a slow dictionary-mode
// object, and every later read (detector, labels, storage) pays for it. Same keys, same order.
const TEMPLATE: FeatureValues = Object.fromEntries(FEATURE_NAMES.map((name) => [name, null]));

export interface ReplyMeasures {
  features: FeatureValues;
  /** Style token profile (see profile.ts); null when not requested. */
  profile: Float64Array | null;
}

/**
 * The process's feature engine: its word table persists across replies (a word type's lexicon
 * facts are computed the first time it is seen). Pass another engine to measure in isolation.
 */
const ENGINE = new FeatureEngine();

/** All registry features of one reply; English-only features are null on non-English text. */
export function extractFeatures(text: string, engine: FeatureEngine = ENGINE): FeatureValues {
  return measureReply(text, false, engine).features;
}

/** Features (plus the style profile if asked), from one pass over the text. */
export function measureReply(text: string, withProfile = false, engine: FeatureEngine = ENGINE): ReplyMeasures {
  const ctx = engine.context(text);
  const out: FeatureValues = { ...TEMPLATE };
  // Families write straight into `out` (named stores on one shape; no object per family).
  for (const family of FEATURE_FAMILIES) family.compute(ctx, out);
  for (const name of FEATURE_NAMES) {
    const v = out[name];
    if (v !== null && !Number.isFinite(v)) out[name] = null; // not a finite number: not measurable
  }
  if (!ctx.english) for (const name of ENGLISH_ONLY) out[name] = null;
  return { features: out, profile: withProfile ? styleProfileOfTokens(ctx.prose, ctx.tokens, engine) : null };
}
