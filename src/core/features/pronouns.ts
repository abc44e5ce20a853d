/** First- and second-person rates (LIWC-like, open lists). English only. */
// Word lists: lexicons/pronouns.ts, counted once per reply in the word table.
import { CAT, per100, type FeatureFamily } from './types.ts';

const failure = [
  'Quoted dialogue or example sentences ("I am happy" as a translation example) count as the assistant speaking.',
  'Generic "you" ("you can use a loop") counts as addressing the user.',
];

export const pronouns: FeatureFamily = {
  family: 'pronouns',
  defs: [
    {
      name: 'first_singular_per_100w',
      label: 'I / me',
      family: 'pronouns',
      description: 'First-person singular pronouns (I, me, my, …) per 100 words: self-reference.',
      unit: 'per 100 words',
      range: [0, 15],
      failureCases: failure,
      englishOnly: true,
    },
    {
      name: 'first_plural_per_100w',
      label: 'we / us',
      family: 'pronouns',
      description: "First-person plural pronouns (we, us, our, let's) per 100 words: inclusive, tutorial register.",
      unit: 'per 100 words',
      range: [0, 10],
      failureCases: failure,
      englishOnly: true,
    },
    {
      name: 'second_person_per_100w',
      label: 'you',
      family: 'pronouns',
      description: 'Second-person pronouns per 100 words: addressing the user.',
      unit: 'per 100 words',
      range: [0, 15],
      failureCases: failure,
      englishOnly: true,
    },
  ],
  compute(ctx, out) {
    const n = ctx.wordCount;
    out.first_singular_per_100w = per100(ctx.stats.categories[CAT.firstSingular], n);
    out.first_plural_per_100w = per100(ctx.stats.categories[CAT.firstPlural], n);
    out.second_person_per_100w = per100(ctx.stats.categories[CAT.second], n);
  },
};
