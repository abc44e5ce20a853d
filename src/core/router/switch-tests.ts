/**
 * The tests that take a set of switches as given: do cues precede them (triggers.ts), and do they
 * sit between the user's disengagement and re-engagement (disengagement.ts)? Run once on the
 * text's persona switches and, where the site reports its own (site-switches.ts), once on those.
 */
import type { CueOrControl, LoopReport, TriggersResult } from './types.ts';
import { analyzeLoop } from './disengagement.ts';
import { lengthStratumOfWords } from './prompt-covariates.ts';
import { createRng } from './random.ts';
import { analyzeTriggers } from './triggers.ts';

/** What the user wrote before each reply, per conversation: its cues, word count and the time since the reply before. */
export interface UserSide {
  cues: readonly (readonly (readonly CueOrControl[])[])[];
  words: readonly (readonly number[])[];
  gapMs: readonly (readonly (number | null)[])[];
}

/** The user side of the conversations at these indices only. */
export function pick(user: UserSide, conversations: readonly number[]): UserSide {
  return {
    cues: conversations.map((c) => user.cues[c]),
    words: conversations.map((c) => user.words[c]),
    gapMs: conversations.map((c) => user.gapMs[c]),
  };
}

export interface SwitchTestOptions {
  permutations: number;
  alpha: number;
  minCueEvents: number;
  stopAfter?: number;
  /** Seeds the rotations; each set of switches gets its own. */
  seed: number;
}

export function testSwitches(
  user: UserSide,
  switches: readonly (readonly boolean[])[],
  switchSource: string,
  o: SwitchTestOptions,
): { triggers: TriggersResult; loop: LoopReport } {
  const triggers = analyzeTriggers(
    switches.map((sw, i) => ({ cues: user.cues[i], switches: sw, lengthStrata: user.words[i].map(lengthStratumOfWords) })),
    { permutations: o.permutations, alpha: o.alpha, minCueEvents: o.minCueEvents, switchSource, stopAfter: o.stopAfter },
    createRng(o.seed + 101),
  );
  const { scores: _scores, ...loop } = analyzeLoop(
    switches.map((sw, i) => ({
      users: sw.map((_, j) => ({ words: user.words[i][j], bored: user.cues[i][j].includes('boredom'), gapMs: user.gapMs[i][j] })),
      switches: sw,
    })),
    o.permutations,
    o.alpha,
    createRng(o.seed + 505),
    o.stopAfter,
  );
  return { triggers, loop };
}
