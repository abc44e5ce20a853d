import { describe, expect, it } from 'vitest';
import { extractFeatures, FEATURES, FEATURE_NAMES } from '../../../../src/core/features/registry.ts';
import { mattrOfTokens } from '../../../../src/core/features/diversity.ts';
import { FeatureEngine } from '../../../../src/core/features/engine/feature-engine.ts';

const engine = new FeatureEngine();
/** MATTR of lower-cased words, through an engine's word ids. */
const mattr = (words: readonly string[]) => mattrOfTokens(engine.wordIds(words), engine.typeCounts());
/** Mean AFINN valence per word (a negator flips the next two words), from the engine's word stats. */
const meanValence = (words: readonly string[]) => engine.wordStats(engine.wordIds(words)).valence / words.length;
import { splitCode } from '../../../../src/core/text/markdown.ts';
import { sentences, words } from '../../../../src/core/text/segment.ts';

const f = (text: string) => extractFeatures(text);

describe('registry', () => {
  it('has at least 20 documented features with unique names', () => {
    expect(FEATURES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURES.length);
    for (const d of FEATURES) {
      expect(d.description.length, d.name).toBeGreaterThan(10);
      expect(d.unit, d.name).toBeTruthy();
      expect(d.range[0], d.name).toBeLessThan(d.range[1]);
      expect(d.failureCases.length, d.name).toBeGreaterThan(0);
    }
  });
  it('returns every feature, finite or null, for empty and odd input', () => {
    for (const text of ['', '```\ncode only\n```', '😀😀', '   \n\n ']) {
      const v = f(text);
      expect(Object.keys(v).sort()).toEqual([...FEATURE_NAMES].sort());
      for (const x of Object.values(v)) expect(x === null || Number.isFinite(x)).toBe(true);
    }
  });
});

describe('text helpers', () => {
  it('segments words and sentences; list lines are sentences', () => {
    expect(words("It's a test, isn't it?")).toEqual(["It's", 'a', 'test', "isn't", 'it']);
    expect(sentences('One. Two? Three!\n- item a\n- item b')).toHaveLength(5);
  });
  it('uses Intl.Segmenter for scripts without spaces', () => {
    expect(words('我喜欢学习中文').length).toBeGreaterThan(1);
  });
  it('strips fenced and inline code', () => {
    const s = splitCode('Intro.\n```python\nfor i in range(10):\n    print(i)\n```\nUse `x` here.');
    expect(s.codeBlocks).toBe(1);
    expect(s.inlineCode).toBe(1);
    expect(s.prose).not.toContain('range');
  });
});

describe('prose features ignore code', () => {
  it('code words do not count as pronouns or hedges', () => {
    const withCode = f('Here is the fix.\n```js\nconst you = maybe(I, we, you);\n```');
    const without = f('Here is the fix.');
    expect(withCode.second_person_per_100w).toBe(without.second_person_per_100w);
    expect(withCode.hedge_per_100w).toBe(without.hedge_per_100w);
    expect(withCode.code_share as number).toBeGreaterThan(0.5);
  });
});

describe('verbosity and structure', () => {
  it('counts words on a log scale, lists, headers, bold, tables', () => {
    const v = f('# Title\n\nSome **bold** words here.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(v.headers).toBe(1);
    expect(v.table_rows).toBe(3);
    expect(v.list_share).toBeCloseTo(2 / 7, 5);
    expect(v.bold_per_100w as number).toBeGreaterThan(0);
    expect(f('one two three').words_log).toBeCloseTo(Math.log10(4), 10);
  });
});

describe('punctuation', () => {
  it('questions, exclamations, emoji', () => {
    const v = f('Is this fine? Yes! Great 🎉 work.');
    expect(v.question_share).toBeCloseTo(1 / 3, 5);
    expect(v.exclamation_share).toBeCloseTo(1 / 3, 5);
    expect(v.emoji_per_100w as number).toBeGreaterThan(0);
  });
  it('known false positive: a question-style header counts as a question', () => {
    expect(f('What is X?\nX is a thing. It works.').question_share as number).toBeGreaterThan(0);
  });
});

describe('pronouns and stance', () => {
  it('counts first/second person', () => {
    const v = f('I think you should ask me. We can do it together.');
    expect(v.first_singular_per_100w).toBeCloseTo((100 * 2) / 11, 5);
    expect(v.second_person_per_100w).toBeCloseTo(100 / 11, 5);
    expect(v.first_plural_per_100w).toBeCloseTo(100 / 11, 5);
  });
  it('hedges vs boosters', () => {
    const hedged = f('This is perhaps possible, and it might work, but it seems unlikely.');
    const assertive = f('This definitely works and it is absolutely essential to do it.');
    expect(hedged.hedge_per_100w as number).toBeGreaterThan(assertive.hedge_per_100w as number);
    expect(assertive.booster_per_100w as number).toBeGreaterThan(hedged.booster_per_100w as number);
  });
  it('known false positive: instructions read as certainty', () => {
    expect(f('You must always back up your files first.').booster_per_100w as number).toBeGreaterThan(0);
  });
});

describe('affect and modes', () => {
  it('sentiment with negation', () => {
    expect(meanValence(['good'])).toBeGreaterThan(0);
    expect(meanValence(['not', 'good'])).toBeLessThan(0);
  });
  it('known false positive: topic words carry valence', () => {
    expect(f('Cancer and war kill many people every year in the world.').sentiment as number).toBeLessThan(0);
  });
  it('flattery, apology, refusal, identity claims', () => {
    expect(f("Great question! You're absolutely right about that.").flattery_per_100w as number).toBeGreaterThan(0);
    expect(f('I apologize for the confusion in my earlier answer.').apology_per_100w as number).toBeGreaterThan(0);
    expect(f("I'm sorry, but I can't help with that request.").refusal_per_100w as number).toBeGreaterThan(0);
    expect(f('As an AI language model, I do not have feelings.').ai_identity_per_100w as number).toBeGreaterThan(0);
    expect(f('My name is Luna and I feel alive when we talk.').other_identity_per_100w as number).toBeGreaterThan(0);
    expect(f('Here is a recipe for pancakes with flour and eggs.').refusal_per_100w).toBe(0);
  });
  it('known false positive: condolences count as apology', () => {
    expect(f("I'm sorry to hear about your loss, that sounds hard.").apology_per_100w as number).toBeGreaterThan(0);
  });
  it('warmth and enthusiasm', () => {
    expect(f('I understand, and that is completely valid. I hope this helps!').warmth_per_100w as number).toBeGreaterThan(0);
    expect(f('This is so amazing, I love it!').enthusiasm_per_100w as number).toBeGreaterThan(0);
  });
});

describe('register, readability, diversity', () => {
  it('contractions and slang vs formal markers', () => {
    const casual = f("Yeah, it's gonna be cool, don't worry about it lol.");
    const formal = f('Furthermore, it is essential to ensure that the procedure is followed; moreover, results vary.');
    expect(casual.contractions_per_100w as number).toBeGreaterThan(formal.contractions_per_100w as number);
    expect(casual.slang_per_100w as number).toBeGreaterThan(0);
    expect(formal.formal_per_100w as number).toBeGreaterThan(casual.formal_per_100w as number);
  });
  it('Flesch reading ease: simple text scores higher than dense text', () => {
    const easy = f('The cat sat on the mat. It was a sunny day. We had fun.');
    const hard = f('Institutional considerations necessitate comprehensive organizational restructuring initiatives.');
    expect(easy.flesch_reading_ease as number).toBeGreaterThan(hard.flesch_reading_ease as number);
    expect(hard.syllables_per_word as number).toBeGreaterThan(easy.syllables_per_word as number);
  });
  it('MATTR: repetition lowers diversity; equals TTR for short texts', () => {
    expect(mattr(['a', 'b', 'a', 'b'])).toBe(0.5);
    const rep = Array.from({ length: 120 }, (_, i) => `w${i % 10}`);
    const uniq = Array.from({ length: 120 }, (_, i) => `w${i}`);
    expect(mattr(rep)).toBeCloseTo(10 / 50, 5);
    expect(mattr(uniq)).toBe(1);
  });
});

describe('non-English replies', () => {
  it('English-lexicon features are null; language-neutral ones still work', () => {
    const v = f('Dit is een Nederlandse zin over het weer en de stad. We gaan morgen naar de markt om groenten te kopen.');
    for (const d of FEATURES) {
      if (d.englishOnly) expect(v[d.name], d.name).toBeNull();
      else expect(v[d.name], d.name).not.toBeNull();
    }
  });
  it('English text keeps English features', () => {
    expect(f('This is a normal English sentence about the weather in the city today.').hedge_per_100w).not.toBeNull();
  });
});
