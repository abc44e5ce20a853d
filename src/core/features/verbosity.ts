/** Verbosity: how much the reply says and in what sentence sizes. Language-neutral. */
import type { FeatureFamily } from './types.ts';

export const verbosity: FeatureFamily = {
  family: 'verbosity',
  defs: [
    {
      name: 'words_log',
      label: 'Length (log words)',
      family: 'verbosity',
      description:
        'log10(1 + number of prose words), code blocks excluded. Log because reply length is multiplicative (a 2x longer reply is one step, whatever the base).',
      unit: 'log10 words',
      range: [0, 4],
      failureCases: ['Replies cut off by the site ("continue") look like a verbosity drop.', 'Code-only replies have near-zero prose length.'],
      englishOnly: false,
    },
    {
      name: 'sentence_words',
      label: 'Words per sentence',
      family: 'verbosity',
      description: 'Mean words per sentence; list items and lines count as sentences.',
      unit: 'words/sentence',
      range: [0, 60],
      failureCases: ['Text without punctuation (poetry, chat-speak) reads as one long sentence.', 'Lists of one-word items pull it down.'],
      englishOnly: false,
    },
    {
      name: 'paragraphs',
      label: 'Paragraphs',
      family: 'verbosity',
      description: 'Number of blank-line separated blocks of prose.',
      unit: 'count',
      range: [0, 60],
      failureCases: ['Sites that flatten blank lines on copy make everything one paragraph.'],
      englishOnly: false,
    },
  ],
  compute(ctx, out) {
    const n = ctx.wordCount;
    out.words_log = Math.log10(1 + n);
    out.sentence_words = ctx.sentences.count ? n / ctx.sentences.count : 0;
    out.paragraphs = ctx.lines.paragraphs;
  },
};
