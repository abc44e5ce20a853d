import { describe, expect, it } from 'vitest';
import { analyzeLoop, disengagementScores, DISENGAGED, type LoopSeries } from '../../../../src/core/router/disengagement.ts';
import { createRng } from '../../../../src/core/router/random.ts';
import { wordCount } from '../../../../src/core/router/prompt-covariates.ts';

const LONG = 'Could you explain in some detail how the migration should be planned for our team this quarter';

/** Users who sometimes go terse; with `loop`, the assistant switches right then and the user comes back. */
function series(seed: number, loop: boolean): LoopSeries[] {
  const rng = createRng(seed);
  return Array.from({ length: 40 }, () => {
    const users: LoopSeries['users'][number][] = [];
    const switches: boolean[] = [];
    let reengage = false;
    for (let j = 0; j < 14; j++) {
      const terse: boolean = !reengage && j > 0 && rng.next() < 0.2;
      users.push({ words: wordCount(terse ? 'ok' : LONG), bored: terse, gapMs: null });
      const sw: boolean = j > 0 && (loop && terse ? rng.next() < 0.8 : rng.next() < 0.12);
      switches.push(sw);
      reengage = loop && terse && sw;
    }
    return { users, switches };
  });
}

describe('engagement loop: disengagement → switch → re-engagement', () => {
  it('scores a terse boredom cue far above the conversation’s usual message, and uses time where given', () => {
    const s: LoopSeries = {
      users: [
        { words: wordCount(LONG), bored: false, gapMs: 10_000 },
        { words: wordCount(LONG), bored: false, gapMs: 12_000 },
        { words: 1, bored: true, gapMs: 600_000 },
        { words: wordCount(LONG), bored: false, gapMs: 11_000 },
        { words: 0, bored: false, gapMs: null },
      ],
      switches: [false, false, true, false, false],
    };
    const { scores, usedTimestamps } = disengagementScores(Array.from({ length: 3 }, () => s));
    expect(usedTimestamps).toBe(true);
    expect(scores[0][2]!).toBeGreaterThan(DISENGAGED);
    expect(scores[0][1]!).toBeLessThan(0.5);
    expect(scores[0][4]).toBeNull();
  });

  it('says yes when switches sit between disengagement and re-engagement', () => {
    const r = analyzeLoop(series(5, true), 199, 0.05, createRng(1));
    expect(r.verdict).toBe('yes');
    expect(r.riskRatio!.low).toBeGreaterThan(1);
  });

  it('says yes at about the test level when terse turns and switches are independent', () => {
    const verdicts = Array.from({ length: 40 }, (_, i) => analyzeLoop(series(100 + i, false), 99, 0.05, createRng(i)).verdict);
    // ≈ 2 expected at α = 0.05; more than 6 has binomial probability < 1%.
    expect(verdicts.filter((v) => v === 'yes').length).toBeLessThanOrEqual(6);
  });

  it("can't tell on too little data, and says why", () => {
    const r = analyzeLoop(series(1, true).slice(0, 1), 99, 0.05, createRng(1));
    expect(r.verdict).toBe("can't tell");
    expect(r.conclusion).toMatch(/needs at least/);
  });
});
