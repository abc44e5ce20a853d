/**
 * Out-of-fold prompt-model predictions for DEV prompts (written by `npm run train:prompt-model`
 * to bench/.cache/): DEV conversations are scored with them, so DEV numbers do not profit from
 * a model fitted on the very prompts it predicts. EVAL prompts were never used in training, so the
 * shipped model is used as is there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureValues } from '../../src/core/model/types.ts';
import { CACHE_DIR } from './feature-cache.ts';

export const PROMPT_MODEL_VERSION = 'pm1';

export const oofFile = (version: string) => join(CACHE_DIR, `prompt-model-oof-${version}.json`);

export function loadOutOfFold(version: string): Map<string, FeatureValues> | null {
  const f = oofFile(version);
  if (!existsSync(f)) return null;
  return new Map(Object.entries(JSON.parse(readFileSync(f, 'utf8')) as Record<string, FeatureValues>));
}
