/** Persona modes from phrase lexicons: flattery, apology, refusal, identity claims. English only. */
// Pattern lists: lexicons/phrases.ts, counted once per reply by phrase-scan.ts (see context.ts).
import { per100, type FeatureFamily } from './types.ts';

export const modes: FeatureFamily = {
  family: 'modes',
  defs: [
    {
      name: 'flattery_per_100w',
      label: 'Flattery',
      family: 'modes',
      description:
        'Sycophancy markers (praise of the question or user, "you\'re absolutely right", "what a great…") per 100 words; a density, not presence (docs/reference/methods.md §2.5).',
      unit: 'per 100 words',
      range: [0, 5],
      failureCases: [
        '"You\'re correct—" with an em dash and paraphrased agreement ("Re-reading confirms") are missed.',
        'Praise of a third party ("that is a great book") counts.',
      ],
      englishOnly: true,
    },
    {
      name: 'apology_per_100w',
      label: 'Apology',
      family: 'modes',
      description: 'Apology markers ("I apologize", "I\'m sorry", "my mistake") per 100 words.',
      unit: 'per 100 words',
      range: [0, 5],
      failureCases: ['Condolences ("I\'m sorry to hear that") count as apology.', 'Quoted apologies in a translation task.'],
      englishOnly: true,
    },
    {
      name: 'refusal_per_100w',
      label: 'Refusal',
      family: 'modes',
      description: 'Refusal and safety-mode markers ("I can\'t help with", "it is not appropriate", "seek a professional") per 100 words.',
      unit: 'per 100 words',
      range: [0, 5],
      failureCases: [
        'Capability notes in a helpful answer ("I can\'t browse, but here is…") count as refusal.',
        'Advice to see a doctor inside a full medical answer.',
      ],
      englishOnly: true,
    },
    {
      name: 'ai_identity_per_100w',
      label: 'AI self-reference',
      family: 'modes',
      description: 'Claims of being an AI ("As an AI…", "I\'m a language model", "I don\'t have feelings") per 100 words.',
      unit: 'per 100 words',
      range: [0, 5],
      failureCases: ['General statements about AI without self-reference are not counted, but "as an assistant" in role-play is.'],
      englishOnly: true,
    },
    {
      name: 'other_identity_per_100w',
      label: 'Other identity',
      family: 'modes',
      description:
        'Speaking as someone or something other than an AI assistant: "my name is", "I am human/alive", feelings, theatrical/mystical register (Assistant Axis drift) per 100 words.',
      unit: 'per 100 words',
      range: [0, 5],
      failureCases: ['Role-play or fiction the user asked for.', '"I feel" as a figure of speech; "whisper" in a story.'],
      englishOnly: true,
    },
  ],
  compute(ctx, out) {
    const n = ctx.wordCount;
    const p = ctx.phrases;
    out.flattery_per_100w = per100(p.flattery, n);
    out.apology_per_100w = per100(p.apology, n);
    out.refusal_per_100w = per100(p.refusal, n);
    out.ai_identity_per_100w = per100(p.aiIdentity, n);
    out.other_identity_per_100w = per100(p.otherIdentity, n);
  },
};
