/** Reads the shared benchmark JSONL files (shared data folder) into router input and user-turn pools. */
import { readFileSync } from 'node:fs';
import { classifyCues } from '../../src/core/router/cues.ts';
import { promptCovariates } from '../../src/core/router/prompt-covariates.ts';
import type { RouterConversation } from '../../src/core/router/types.ts';
import type { UserPools } from './generator.ts';
import { requireSharedData, sharedDataPath } from '../../scripts/shared-data.ts';

export const DATA_DIR = sharedDataPath('conversations') + '/';

interface RawTurn {
  role: string;
  text: string;
  model?: string;
}
export interface RawRecord {
  id: string;
  model?: string;
  kind?: string;
  steering?: string;
  turns: RawTurn[];
}

export function readRecords(file: string): RawRecord[] {
  requireSharedData('bench:router', [`conversations/${file}`]);
  return readFileSync(DATA_DIR + file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RawRecord);
}

export function toRouterConversation(r: RawRecord): RouterConversation {
  return {
    id: r.id,
    turns: r.turns
      .filter((t) => (t.role === 'user' || t.role === 'assistant') && typeof t.text === 'string')
      .map((t) => ({ role: t.role as 'user' | 'assistant', text: t.text, model: t.model ?? (t.role === 'assistant' ? (r.model ?? null) : null) })),
  };
}

/**
 * Real user turns split by the cue classifier and the prompt covariates. ShareGPT users are
 * rarely bored in so many words (a handful of turns), so the boredom pool adds the HH-RLHF user
 * turns the classifier flags. Task pools: code or pasted text, questions, other requests.
 */
export function loadUserPools(): UserPools & { sources: string } {
  const userTexts = (file: string) => readRecords(file).flatMap((r) => r.turns.filter((t) => t.role === 'user').map((t) => t.text));
  const share = userTexts('sharegpt92k_sample.jsonl').filter((t) => t.trim() !== '');
  const hh = userTexts('hh_rlhf_harmless_test.jsonl');
  const isBored = (t: string) => classifyCues(t).includes('boredom');
  const boredom = [...share.filter(isBored), ...hh.filter(isBored)];
  const rest = share.filter((t) => !isBored(t));
  const kind = (t: string) => {
    const [, question, code, short] = promptCovariates(t);
    return short ? 'short' : code ? 'code' : question ? 'question' : 'chat';
  };
  const by = (k: string) => rest.filter((t) => kind(t) === k);
  const pools = { boredom, short: by('short'), code: by('code'), question: by('question'), chat: by('chat') };
  return {
    ...pools,
    sources: `boredom pool ${boredom.length} turns (${share.filter(isBored).length} ShareGPT + ${hh.filter(isBored).length} HH-RLHF); ShareGPT user turns: short ${pools.short.length}, code ${pools.code.length}, question ${pools.question.length}, chat ${pools.chat.length}`,
  };
}
