import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/router/random.ts';
import { analyzeTriggers, type CueSwitchSeries } from '../../../../src/core/router/triggers.ts';
import type { CueOrControl } from '../../../../src/core/router/types.ts';

const OPTS = { permutations: 199, alpha: 0.05, minCueEvents: 5, switchSource: 'test' };

/**
 * Short messages (stratum 0) are followed by a switch half the time whatever they say; boredom
 * cues are a third of the short messages. With no length strata the cue looks like a trigger;
 * conditioned on length it must not.
 */
function lengthConfound(seed: number, withStrata: boolean): CueSwitchSeries[] {
  const rng = createRng(seed);
  return Array.from({ length: 40 }, () => {
    const cues: CueOrControl[][] = [];
    const switches: boolean[] = [];
    const lengthStrata: number[] = [];
    for (let j = 0; j < 16; j++) {
      const short = j > 0 && rng.next() < 0.3;
      const bored = short && rng.next() < 0.34;
      cues.push(bored ? ['boredom'] : []);
      lengthStrata.push(short ? 0 : 2);
      switches.push(j > 0 && rng.next() < (short ? 0.5 : 0.08));
    }
    return withStrata ? { cues, switches, lengthStrata } : { cues, switches };
  });
}

/** The assistant switches first and the user answers "ok" right after (terse after a change). */
function changeFirst(seed: number): CueSwitchSeries[] {
  const rng = createRng(seed);
  return Array.from({ length: 40 }, () => {
    const switches: boolean[] = [false];
    const cues: CueOrControl[][] = [[]];
    for (let j = 1; j < 16; j++) {
      switches.push(rng.next() < 0.15);
      cues.push(switches[j - 1] && rng.next() < 0.7 ? ['boredom'] : rng.next() < 0.03 ? ['boredom'] : []);
    }
    return { cues, switches };
  });
}

describe('trigger test conditioned on what the user wrote, and its reverse direction', () => {
  it('a switch that follows short messages is not read as a boredom trigger once length is a stratum', () => {
    const raw = analyzeTriggers(lengthConfound(4, false), OPTS, createRng(1)).tests.find((t) => t.cue === 'boredom')!;
    const conditioned = analyzeTriggers(lengthConfound(4, true), OPTS, createRng(1)).tests.find((t) => t.cue === 'boredom')!;
    expect(raw.p).toBeLessThan(0.01);
    expect(conditioned.p).toBeGreaterThan(0.05);
    expect(conditioned.riskRatioInterval![0]).toBeLessThan(1);
  });

  it('the reverse test sees that the change came before the cue', () => {
    const b = analyzeTriggers(changeFirst(2), OPTS, createRng(1)).tests.find((t) => t.cue === 'boredom')!;
    expect(b.status).toBe('tested');
    expect(b.reverse!.p).toBeLessThan(0.01);
    expect(b.significant).toBe(false);
    expect(b.conclusion).toMatch(/cue may be the user’s reaction/);
  });
});
