import { describe, expect, it } from 'vitest';
import { loopLine } from '../../../../src/core/router/switch-questions.ts';
import type { LoopReport, SiteSwitchTests, TriggersResult, VerdictWord } from '../../../../src/core/router/types.ts';

const READING: Record<VerdictWord, string> = {
  yes: 'Yes: switches sit between your disengagement and your re-engagement more often than chance.',
  no: 'No: a switch between your disengagement and your re-engagement is not more likely than elsewhere.',
  "can't tell": "Can't tell: not shown, and not ruled out either.",
};

function loop(verdict: VerdictWord, ratio: number): LoopReport {
  return {
    verdict,
    disengaged: 20,
    switchAfterDisengaged: 5,
    loopsObserved: 3,
    usedTimestamps: false,
    riskRatio: { value: ratio, low: ratio / 2, high: ratio * 2 },
    p: verdict === 'yes' ? 0.01 : 0.5,
    permutations: 199,
    conclusion: `${READING[verdict]} More words.`,
  };
}

const NO_TRIGGERS: TriggersResult = {
  switchSource: 'x',
  permutations: 199,
  alpha: 0.025,
  cueCounts: {} as TriggersResult['cueCounts'],
  tests: [],
  periTrigger: [],
  conclusion: '',
};

function site(l: LoopReport): SiteSwitchTests {
  return { conversations: 8, covered: 90, replies: 100, switches: 12, models: ['big', 'small'], alpha: 0.025, triggers: NO_TRIGGERS, loop: l };
}

const line = (text: LoopReport | null, s: SiteSwitchTests | null) => loopLine({ triggers: null, loop: text, transitions: null, siteSwitches: s });

describe('the loop line from the text’s switches and the site’s', () => {
  it('yes when either set shows the loop, naming the site’s switches when they answer', () => {
    const l = line(loop("can't tell", 1.2), site(loop('yes', 8)));
    expect(l.verdict).toBe('yes');
    expect(l.answer).toBe(
      'Yes, for the model switches the site reported: switches sit between your disengagement and your re-engagement more often than chance.',
    );
    expect(l.evidence?.value).toBe(8);
    expect(l.details[0]).toMatch(/^Can't tell/); // the text's reading is kept in the details
    expect(line(loop('yes', 3), site(loop("can't tell", 1))).answer).toMatch(/^Yes: /);
  });

  it('no only when every tested set rules it out; otherwise can’t tell, saying which set could not', () => {
    expect(line(loop('no', 0.9), site(loop('no', 1))).verdict).toBe('no');
    const mixed = line(loop('no', 0.9), site(loop("can't tell", 1.4)));
    expect(mixed.verdict).toBe("can't tell");
    expect(mixed.answer).toMatch(/^Can't tell, for the model switches the site reported: not shown/);
    expect(line(loop('no', 0.9), null).verdict).toBe('no');
  });
});
